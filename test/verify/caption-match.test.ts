import { describe, expect, it } from 'vitest';
import { checkCaption, shopperText } from '../../src/verify/caption-match';

const expected = {
  promoCode: 'COFFEE-ABCD2345',
  hashtags: ['#democoffee', '#morningcup'],
  pages: ['@democoffee'],
  comment: 'Smooth and fruity, my new favourite.',
};

describe('checkCaption', () => {
  it('passes our own caption with a full score', () => {
    const caption =
      'Smooth and fruity, my new favourite.\n\nUse my code COFFEE-ABCD2345 for a discount\n\n' +
      '#ad #democoffee #morningcup @democoffee';

    expect(checkCaption(caption, expected)).toEqual({ passed: true, score: 1, missing: [] });
  });

  it('accepts tags in another order and case, and small edits to the comment', () => {
    const caption =
      '@DemoCoffee #MorningCup smooth and fruitty, my new favourite!! 😍 #DemoCoffee ' +
      'code: coffee-abcd2345';

    const result = checkCaption(caption, expected);

    expect(result.passed).toBe(true);
    expect(result.score).toBeGreaterThan(0.9);
  });

  it('fails without the promo code, naming it', () => {
    const caption = 'Smooth and fruity, my new favourite. #democoffee #morningcup @democoffee';

    const result = checkCaption(caption, expected);

    expect(result.passed).toBe(false);
    expect(result.missing).toEqual(['COFFEE-ABCD2345']);
  });

  it('does not take a longer code that merely contains ours', () => {
    const caption =
      `COFFEE-ABCD23456 ${expected.hashtags.join(' ')} ` + `@democoffee ${expected.comment}`;

    expect(checkCaption(caption, expected).missing).toEqual(['COFFEE-ABCD2345']);
  });

  it('does not take a hashtag that merely starts with ours', () => {
    const caption = `COFFEE-ABCD2345 #democoffeeshop #morningcup @democoffee ${expected.comment}`;

    expect(checkCaption(caption, expected).missing).toEqual(['#democoffee']);
  });

  it('counts a word with one typo but not a different word', () => {
    const typo =
      'COFFEE-ABCD2345 #democoffee #morningcup @democoffee Smoth and fruity, my new favourite.';
    const changed =
      'COFFEE-ABCD2345 #democoffee #morningcup @democoffee Bitter and burnt, my old favourite.';

    expect(checkCaption(typo, expected).passed).toBe(true);
    expect(checkCaption(changed, expected).missing).toEqual(['comment']);
  });

  it('fails when most of the comment is gone', () => {
    const caption = 'COFFEE-ABCD2345 #democoffee #morningcup @democoffee Nice.';

    const result = checkCaption(caption, expected);

    expect(result.passed).toBe(false);
    expect(result.missing).toEqual(['comment']);
  });

  it('needs no comment when the shopper wrote none', () => {
    const caption = 'COFFEE-ABCD2345 #democoffee #morningcup @democoffee';

    expect(checkCaption(caption, { ...expected, comment: null }).passed).toBe(true);
  });
});

describe('shopperText', () => {
  it('leaves out the code, the hashtags and the pages we wrote, in any case', () => {
    const caption =
      'Smooth and fruity.\nUse my code coffee-abcd2345 now\n#ad #DemoCoffee #morningcup @democoffee';

    const text = shopperText(caption, expected);

    expect(text).not.toMatch(/abcd2345|democoffee|morningcup/i);
    expect(text).toContain('Smooth and fruity.');
    expect(text).toContain('Use my code');
    expect(text).toContain('#ad');
  });

  it('keeps words that only contain one of our pieces', () => {
    const caption = 'COFFEE-ABCD2345X #democoffeeshop @democoffee_fan';

    expect(shopperText(caption, expected)).toBe(caption);
  });
});
