import { describe, expect, it } from 'vitest';
import type { SocialPlatform } from '../../src/db/schema';
import {
  buildCaption,
  CAPTION_LIMITS,
  type CaptionInput,
  captionLength,
} from '../../src/domain/caption';

const FAMILY = '👨‍👩‍👧';

function input(overrides: Partial<CaptionInput> = {}): CaptionInput {
  return {
    comment: 'Lovely shoes, fast delivery.',
    promoCode: 'SHARE-ABCD2345',
    hashtags: ['shoes'],
    pages: ['shoeshop'],
    adDisclosure: '#ad',
    platform: 'instagram',
    ...overrides,
  };
}

function commentOf(caption: string, fixedTail: string): string {
  return caption.slice(0, caption.length - fixedTail.length).replace(/\n+$/, '');
}

describe('CAPTION_LIMITS', () => {
  it('holds the documented limit of each platform', () => {
    const maxima = Object.fromEntries(
      Object.entries(CAPTION_LIMITS).map(([platform, limit]) => [platform, limit.maxLength]),
    );

    expect(maxima).toMatchObject({
      x: 280,
      bluesky: 300,
      mastodon: 500,
      instagram: 2200,
      tiktok: 2200,
      facebook: 63206,
    });
    expect(CAPTION_LIMITS.instagram.maxHashtags).toBe(5);
  });
});

describe('buildCaption', () => {
  it('puts the comment, the code invitation and the tag line in separate paragraphs', () => {
    const { caption, tagLine } = buildCaption(input());

    expect(tagLine).toBe('#ad #shoes @shoeshop');
    expect(caption).toBe(
      'Lovely shoes, fast delivery.\n\nUse my code SHARE-ABCD2345 for a discount\n\n' +
        '#ad #shoes @shoeshop',
    );
  });

  it.each([null, '', '   \n '])('starts with the invitation when the comment is %j', (comment) => {
    const { caption } = buildCaption(input({ comment }));

    expect(caption.startsWith('Use my code SHARE-ABCD2345')).toBe(true);
  });

  it('leaves no empty paragraph when there is nothing to tag', () => {
    const { caption, tagLine } = buildCaption(input({ hashtags: [], pages: [], adDisclosure: '' }));

    expect(tagLine).toBe('');
    expect(caption).toBe(
      'Lovely shoes, fast delivery.\n\nUse my code SHARE-ABCD2345 for a discount',
    );
  });

  it('adds the missing # and @, drops empties and repeats regardless of case', () => {
    const { tagLine } = buildCaption(
      input({
        hashtags: ['summer', '#Sale', ' #sale ', '', '#', '##new in', 'AD'],
        pages: ['ShoeShop', '@@shoeshop', '  ', '@other.brand'],
      }),
    );

    expect(tagLine).toBe('#ad #summer #Sale #newin @ShoeShop @other.brand');
  });

  it('keeps a disclosure that is a phrase rather than a hashtag as written', () => {
    const { tagLine } = buildCaption(input({ adDisclosure: ' Paid partnership ' }));

    expect(tagLine).toBe('Paid partnership #shoes @shoeshop');
  });

  it('keeps at most 5 hashtags on Instagram, always including the disclosure', () => {
    const hashtags = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];

    const { tagLine } = buildCaption(input({ hashtags, platform: 'instagram' }));

    expect(tagLine).toBe('#ad #a1 #a2 #a3 #a4 @shoeshop');
  });

  it('keeps every hashtag on a platform without a hashtag cap', () => {
    const hashtags = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'];

    const { tagLine } = buildCaption(input({ hashtags, platform: 'tiktok' }));

    expect(tagLine.split(' ').filter((part) => part.startsWith('#'))).toHaveLength(7);
  });

  it.each(['x', 'bluesky', 'mastodon'] as SocialPlatform[])(
    'shortens a long comment to fit %s, never the code or the tags',
    (platform) => {
      const comment = 'This is a really great product and I love it. '.repeat(30);

      const { caption, tagLine } = buildCaption(input({ comment, platform }));

      const kept = commentOf(caption, `Use my code SHARE-ABCD2345 for a discount\n\n${tagLine}`);
      expect(captionLength(platform, caption)).toBeLessThanOrEqual(
        CAPTION_LIMITS[platform].maxLength,
      );
      expect(caption.endsWith(`\n\nUse my code SHARE-ABCD2345 for a discount\n\n${tagLine}`)).toBe(
        true,
      );
      expect(kept.endsWith('…')).toBe(true);
      expect(kept).not.toMatch(/\s…$/);
      expect(comment.startsWith(kept.slice(0, -1))).toBe(true);
    },
  );

  it('uses all the room there is when it shortens a comment', () => {
    const comment = FAMILY.repeat(400);

    const { caption } = buildCaption(input({ comment, platform: 'bluesky' }));

    expect(captionLength('bluesky', caption)).toBe(CAPTION_LIMITS.bluesky.maxLength);
  });

  it('cuts between emoji, never inside one', () => {
    const comment = FAMILY.repeat(400);

    const { caption, tagLine } = buildCaption(input({ comment, platform: 'bluesky' }));

    const kept = commentOf(caption, `Use my code SHARE-ABCD2345 for a discount\n\n${tagLine}`);
    expect(kept.slice(0, -1).replaceAll(FAMILY, '')).toBe('');
  });

  it('does not shorten a comment whose long link counts as 23 on Mastodon', () => {
    const comment = `Look: https://shop.example/p/${'a'.repeat(600)} so good`;

    const { caption } = buildCaption(input({ comment, platform: 'mastodon' }));

    expect(caption.startsWith(comment)).toBe(true);
  });

  it('drops the comment but keeps every tag when the tags alone are over the limit', () => {
    const hashtags = Array.from({ length: 30 }, (_, i) => `verylonghashtagnumber${i}`);

    const { caption, tagLine } = buildCaption(input({ hashtags, platform: 'x' }));

    expect(caption).toBe(`Use my code SHARE-ABCD2345 for a discount\n\n${tagLine}`);
    expect(tagLine.split(' ')).toHaveLength(32);
  });

  it('does not touch a comment that fits', () => {
    const comment = 'Short and sweet 💯';

    const { caption } = buildCaption(input({ comment, platform: 'x' }));

    expect(caption.startsWith(`${comment}\n\n`)).toBe(true);
  });
});

describe('captionLength', () => {
  it('counts X characters by weight: Latin 1, CJK 2, any emoji 2, any link 23', () => {
    expect(captionLength('x', 'abc')).toBe(3);
    expect(captionLength('x', '日本語')).toBe(6);
    expect(captionLength('x', '👍🏽')).toBe(2);
    expect(captionLength('x', FAMILY)).toBe(2);
    expect(captionLength('x', `https://example.com/${'a'.repeat(100)}`)).toBe(23);
    expect(captionLength('x', 'see shop.example now')).toBe(8 + 23);
  });

  it('counts Bluesky in graphemes, so a family emoji is one', () => {
    expect(captionLength('bluesky', `${FAMILY}é`)).toBe(2);
  });

  it('counts a composed and a decomposed accent alike', () => {
    expect(captionLength('bluesky', 'e\u0301')).toBe(captionLength('bluesky', 'é'));
  });

  it('counts platforms with an undocumented unit in UTF-16 units, the largest count', () => {
    expect(captionLength('tiktok', FAMILY)).toBe(FAMILY.length);
    expect(captionLength('tiktok', FAMILY)).toBeGreaterThan(captionLength('bluesky', FAMILY));
  });
});
