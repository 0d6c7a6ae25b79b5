import { describe, expect, it } from 'vitest';
import { parsePostLink, postIdFromLink } from '../../src/domain/post-link';

const ORIGIN = 'https://farout.example';

describe('parsePostLink', () => {
  it('reads the post id of an X link, on x.com or twitter.com', () => {
    const x = parsePostLink('x', 'me', 'https://x.com/me/status/1790000000000000001?s=20', ORIGIN);
    const old = parsePostLink('x', 'me', 'https://twitter.com/me/status/42', ORIGIN);

    expect(x).toMatchObject({ ok: true, value: { postId: '1790000000000000001' } });
    expect(old).toMatchObject({ ok: true, value: { postId: '42' } });
  });

  it('accepts a Mastodon link only on the shopper server', () => {
    const own = parsePostLink(
      'mastodon',
      'me@social.example',
      'https://social.example/@me/1234',
      ORIGIN,
    );
    const other = parsePostLink(
      'mastodon',
      'me@social.example',
      'https://evil.example/@me/1',
      ORIGIN,
    );

    expect(own).toMatchObject({ ok: true, value: { postId: '1234' } });
    expect(other.ok).toBe(false);
  });

  it('keeps a TikTok video link whole as its id, without the fragment', () => {
    const link = 'https://www.tiktok.com/@me/video/7300000000000000000#comments';

    const result = parsePostLink('tiktok', 'me', link, ORIGIN);

    expect(result).toMatchObject({
      ok: true,
      value: { postId: 'https://www.tiktok.com/@me/video/7300000000000000000' },
    });
  });

  it('keeps a Bluesky link for the merchant without an id', () => {
    const link = 'https://bsky.app/profile/me.bsky.social/post/3kabc';

    expect(parsePostLink('bluesky', 'me.bsky.social', link, ORIGIN)).toMatchObject({
      ok: true,
      value: { url: link, postId: null },
    });
  });

  it('reads a sandbox post id from a link on our own origin', () => {
    const result = parsePostLink('sandbox', 'me', `${ORIGIN}/sandbox/posts/sbx_1`, ORIGIN);

    expect(result).toMatchObject({ ok: true, value: { postId: 'sbx_1' } });
  });

  it.each([
    ['not a link', 'my post'],
    ['plain http', 'http://x.com/me/status/1'],
    ['another site', 'https://example.com/me/status/1'],
    ['a look-alike host', 'https://x.com.evil.example/me/status/1'],
  ])('refuses %s', (_, link) => {
    expect(parsePostLink('x', 'me', link, ORIGIN).ok).toBe(false);
  });
});

describe('postIdFromLink', () => {
  it('reads the id of a stored link, and nothing from a platform whose links carry none', () => {
    expect(postIdFromLink('sandbox', 'http://localhost:8787/sandbox/posts/sbx_9')).toBe('sbx_9');
    expect(postIdFromLink('bluesky', 'https://bsky.app/profile/a/post/3k')).toBeNull();
    expect(postIdFromLink('x', 'not a link')).toBeNull();
  });
});
