import { describe, expect, it } from 'vitest';
import { checkLanguage, findOffensiveTerms } from '../../src/verify/language';

describe('checkLanguage', () => {
  it('passes a clean comment', () => {
    const result = checkLanguage('Great fit, quick delivery, would buy again!', []);

    expect(result.ok).toBe(true);
  });

  it.each([
    'This is fucking great',
    'What a load of SHIT',
    'sh1t quality',
    'fuuuuuck yes',
    'f u c k this',
    'f.u.c.k this',
    's h i t',
    'b!tch',
  ])('refuses %j', (text) => {
    const result = checkLanguage(text, []);

    expect(result.ok).toBe(false);
  });

  it('says what to do without repeating the offending word', () => {
    const result = checkLanguage('Absolute shit, avoid', []);

    if (result.ok) throw new Error('expected the comment to be refused');
    expect(result.reason).toBe('offensive');
    expect(result.message).toBe('Please remove offensive words from your comment.');
    expect(result.message.toLowerCase()).not.toContain('shit');
  });

  it.each([
    'My assistant loved it',
    'First class service',
    'Shipped fast to Essex',
    'Visiting Scunthorpe next week',
    'Cocktail dress fits well',
    'Analysis: five stars',
    'The title says it all',
    'Ground cumin and shiitake, tasty',
    'Passed the grass test, classic',
  ])('passes %j, which only contains a listed word inside another word', (text) => {
    expect(checkLanguage(text, []).ok).toBe(true);
  });

  it('refuses a merchant word whatever its case', () => {
    expect(checkLanguage('Better than RIVALSHOP', ['rivalshop']).ok).toBe(false);
    expect(checkLanguage('better than rivalshop', ['RivalShop']).ok).toBe(false);
  });

  it('matches merchant words as whole words only', () => {
    expect(checkLanguage('I ordered a bluebird mug', ['bird']).ok).toBe(true);
    expect(checkLanguage('I ordered a bird mug', ['bird']).ok).toBe(false);
  });

  it.each([
    ['repeated letters', 'cheeeeap junk', 'cheap'],
    ['spaced-out letters', 'c h e a p junk', 'cheap'],
    ['letters between dots', 'c.h.e.a.p junk', 'cheap'],
    ['digits for letters', 'ch34p junk', 'cheap'],
    ['an accent', 'chéap junk', 'cheap'],
    ['a phrase with extra spaces', 'do not   buy this', 'do not buy'],
  ])('catches a merchant word hidden by %s', (_, text, blocked) => {
    expect(checkLanguage(text, [blocked]).ok).toBe(false);
  });

  it('does not let a repeated letter in a merchant word match a shorter word', () => {
    expect(checkLanguage('ask bob about it', ['boob']).ok).toBe(true);
  });

  it('reads a mention and an exclamation mark as punctuation, not letters', () => {
    expect(checkLanguage('Thanks @rivalshop!', ['rivalshop']).ok).toBe(false);
  });

  it('works with no merchant words and ignores empty ones', () => {
    expect(checkLanguage('Lovely product', []).ok).toBe(true);
    expect(checkLanguage('Lovely product', ['', '   ']).ok).toBe(true);
  });
});

describe('findOffensiveTerms', () => {
  it('names dataset words by their dataset name and merchant words as written', () => {
    const terms = findOffensiveTerms('sh1t, fuuuck and cheeap', ['  Cheap ']);

    expect(terms.sort()).toEqual(['Cheap', 'fuck', 'shit']);
  });

  it('lists a term once however often it appears', () => {
    expect(findOffensiveTerms('shit shit s h i t', [])).toEqual(['shit']);
  });

  it('finds nothing in a clean text', () => {
    expect(findOffensiveTerms('Nice socks', ['cheap'])).toEqual([]);
  });
});
