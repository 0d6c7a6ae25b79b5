import { describe, expect, it } from 'vitest';
import { shareTarget } from '../../src/domain/share-target';

const OPTIONS = { sandboxUrl: 'https://sandbox.farout.test/compose' };
const CAPTION = 'Love it! 😍 50% off & more\n\nUse my code SHARE-ABCD2345 #ad @shop';

function textParam(url: string): string | null {
  return new URL(url).searchParams.get('text');
}

describe('shareTarget', () => {
  it('opens the Bluesky composer with the caption filled in', () => {
    const target = shareTarget('bluesky', CAPTION, OPTIONS);

    expect(target.kind).toBe('compose');
    expect(target.url.startsWith('https://bsky.app/intent/compose?text=')).toBe(true);
    expect(textParam(target.url)).toBe(CAPTION);
  });

  it('opens the X post intent with the caption filled in', () => {
    const target = shareTarget('x', CAPTION, OPTIONS);

    expect(target.kind).toBe('compose');
    expect(target.url.startsWith('https://x.com/intent/tweet?text=')).toBe(true);
    expect(textParam(target.url)).toBe(CAPTION);
  });

  it('encodes the caption so that &, # and + cannot break out of the text parameter', () => {
    const caption = 'a&b=c #tag +1 ?x';

    const target = shareTarget('x', caption, OPTIONS);

    const url = new URL(target.url);
    expect([...url.searchParams.keys()]).toEqual(['text']);
    expect(url.hash).toBe('');
    expect(url.searchParams.get('text')).toBe(caption);
  });

  it("opens the share page of the shopper's own Mastodon server", () => {
    const target = shareTarget('mastodon', CAPTION, { ...OPTIONS, handle: 'jane@fosstodon.org' });

    expect(target.kind).toBe('compose');
    expect(target.url.startsWith('https://fosstodon.org/share?text=')).toBe(true);
    expect(textParam(target.url)).toBe(CAPTION);
  });

  it('treats a Mastodon share without a valid handle as a bug', () => {
    expect(() => shareTarget('mastodon', CAPTION, OPTIONS)).toThrow(/handle/);
    expect(() => shareTarget('mastodon', CAPTION, { ...OPTIONS, handle: 'jane' })).toThrow();
  });

  it.each([
    ['instagram', 'https://www.instagram.com/'],
    ['tiktok', 'https://www.tiktok.com/upload'],
    ['facebook', 'https://www.facebook.com/'],
  ] as const)(
    'sends a %s shopper to the app, which has no pre-filled photo post',
    (platform, url) => {
      expect(shareTarget(platform, CAPTION, OPTIONS)).toEqual({ url, kind: 'app' });
    },
  );

  it('sends a sandbox shopper to the configured sandbox address', () => {
    expect(shareTarget('sandbox', CAPTION, OPTIONS)).toEqual({
      url: OPTIONS.sandboxUrl,
      kind: 'app',
    });
  });

  it('cuts a very long caption so the link stays under 8 KB, between whole characters', () => {
    const caption = '👨‍👩‍👧 '.repeat(2000);

    const target = shareTarget('bluesky', caption, OPTIONS);

    const text = textParam(target.url) ?? '';
    expect(target.url.length).toBeLessThanOrEqual(8000);
    expect(text.length).toBeGreaterThan(0);
    expect(caption.startsWith(text)).toBe(true);
    expect(text.replaceAll('👨‍👩‍👧 ', '').replace('👨‍👩‍👧', '')).toBe('');
  });
});
