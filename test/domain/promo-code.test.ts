import { describe, expect, it } from 'vitest';
import {
  generatePromoCode,
  normalisePromoCode,
  PROMO_CODE_ALPHABET,
  PROMO_CODE_RANDOM_LENGTH,
  sanitisePromoPrefix,
} from '../../src/domain/promo-code';
import { findOffensiveTerms } from '../../src/verify/language';

const RANDOM_PART = new RegExp(`^[${PROMO_CODE_ALPHABET}]{${PROMO_CODE_RANDOM_LENGTH}}$`);

/** A random source that hands out the given bytes in order, then repeats the last one. */
function scriptedBytes(script: number[]) {
  let next = 0;
  return (bytes: Uint8Array) => {
    for (let i = 0; i < bytes.length; i++) {
      bytes[i] = script[Math.min(next, script.length - 1)] ?? 0;
      next++;
    }
    return bytes;
  };
}

/** The bytes of one draw that give `text` as the random part (the rest of the draw unused). */
const bytesFor = (text: string) =>
  [...text].map((char) => PROMO_CODE_ALPHABET.indexOf(char)).concat(Array(text.length).fill(0));

describe('PROMO_CODE_ALPHABET', () => {
  it('has no characters that look alike', () => {
    for (const lookalike of ['0', 'O', '1', 'I', 'L']) {
      expect(PROMO_CODE_ALPHABET).not.toContain(lookalike);
    }
  });

  it('has only upper-case letters and digits, each once', () => {
    expect(PROMO_CODE_ALPHABET).toMatch(/^[A-Z2-9]+$/);
    expect(new Set(PROMO_CODE_ALPHABET).size).toBe(PROMO_CODE_ALPHABET.length);
  });
});

describe('generatePromoCode', () => {
  it('joins the prefix and eight random characters with a hyphen', () => {
    const code = generatePromoCode('SHARE');

    const [prefix, random] = code.split('-');

    expect(prefix).toBe('SHARE');
    expect(random).toMatch(RANDOM_PART);
  });

  it('cleans the prefix before using it', () => {
    expect(generatePromoCode(' summer sale! ').split('-')[0]).toBe('SUMMERSALE');
  });

  it('gives only the random part when nothing is left of the prefix', () => {
    expect(generatePromoCode('!!!')).toMatch(RANDOM_PART);
  });

  it('makes 10,000 different codes that together use every character of the alphabet', () => {
    const codes = Array.from({ length: 10_000 }, () => generatePromoCode('X'));

    const seen = new Set(codes.join('').replaceAll('X-', ''));

    expect(new Set(codes).size).toBe(codes.length);
    expect([...seen].sort()).toEqual([...PROMO_CODE_ALPHABET].sort());
  });

  it('throws away random bytes that would favour some characters over others', () => {
    const size = PROMO_CODE_ALPHABET.length;
    const firstBiased = 256 - (256 % size);
    const biased = Array.from({ length: 256 - firstBiased }, (_, i) => firstBiased + i);
    const fair = [0, 1, 2, 3, 4, 5, 6, size + 7];

    const code = generatePromoCode('', scriptedBytes([...biased, ...fair]));

    expect(code).toBe(PROMO_CODE_ALPHABET.slice(0, 8));
  });

  it('draws again when the random part reads as a rude word', () => {
    const rude = bytesFor('FK456789');
    const fair = bytesFor('ABCDEFGH');

    const code = generatePromoCode('', scriptedBytes([...rude, ...fair]));

    expect(findOffensiveTerms('FK456789', [])).not.toEqual([]);
    expect(code).toBe('ABCDEFGH');
  });

  it('keeps a rude draw rather than loop for ever on a source that gives nothing else', () => {
    const rude = bytesFor('FK456789');
    let draws = 0;
    const stuck = (bytes: Uint8Array) => {
      draws++;
      bytes.set(rude);
      return bytes;
    };

    const code = generatePromoCode('', stuck);

    expect(code).toBe('FK456789');
    expect(draws).toBe(11);
  });

  it('draws more random bytes when a whole draw was rejected', () => {
    const rejected = Array.from({ length: PROMO_CODE_RANDOM_LENGTH * 2 }, () => 255);

    const code = generatePromoCode('', scriptedBytes([...rejected, 3]));

    expect(code).toBe(PROMO_CODE_ALPHABET.charAt(3).repeat(PROMO_CODE_RANDOM_LENGTH));
  });
});

describe('sanitisePromoPrefix', () => {
  it('upper-cases and keeps only A-Z and 0-9', () => {
    expect(sanitisePromoPrefix('spring-2025 ✿')).toBe('SPRING2025');
  });

  it('keeps the letter of an accented character', () => {
    expect(sanitisePromoPrefix('Café')).toBe('CAFE');
  });

  it('cuts the prefix to 12 characters', () => {
    expect(sanitisePromoPrefix('abcdefghijklmnopq')).toBe('ABCDEFGHIJKL');
  });
});

describe('normalisePromoCode', () => {
  it('trims and upper-cases what the shopper typed', () => {
    expect(normalisePromoCode('  share-abcd2345\n')).toBe('SHARE-ABCD2345');
  });

  it('leaves a generated code unchanged', () => {
    const code = generatePromoCode('Share');

    expect(normalisePromoCode(code)).toBe(code);
  });
});
