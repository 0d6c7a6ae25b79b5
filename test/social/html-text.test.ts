import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../src/social/html-text';

describe('htmlToText', () => {
  it('keeps the full text of a link whose parts Mastodon hides in spans', () => {
    const html =
      '<p>See <a href="https://example.com/shoes"><span class="invisible">https://</span>' +
      '<span class="">example.com/shoes</span></a></p>';

    expect(htmlToText(html)).toBe('See https://example.com/shoes');
  });

  it('puts list items and quotes from other servers on lines of their own', () => {
    const html = '<blockquote><p>Quoted</p></blockquote><ul><li>one</li><li>two</li></ul>';

    expect(htmlToText(html)).toBe('Quoted\n\none\ntwo');
  });

  it('turns a br without a slash into a line break as well', () => {
    expect(htmlToText('<p>a<br>b<BR/>c</p>')).toBe('a\nb\nc');
  });
});

describe('decodeEntities', () => {
  it('decodes once, so an escaped entity stays readable text', () => {
    expect(decodeEntities('&amp;lt; is how you write &lt;')).toBe('&lt; is how you write <');
  });

  it('leaves references it cannot decode as they are', () => {
    expect(decodeEntities('&bogus; &#xD800; &#0;')).toBe('&bogus; &#xD800; &#0;');
  });

  it('decodes non-breaking spaces and apostrophes', () => {
    expect(decodeEntities('it&apos;s&nbsp;here')).toBe("it's\u00a0here");
  });
});
