import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SOCIAL_PLATFORMS } from '../../src/db/schema';
import { buildCaption, type CaptionInput } from '../../src/domain/caption';
import {
  generatePromoCode,
  PROMO_CODE_ALPHABET,
  PROMO_CODE_RANDOM_LENGTH,
  sanitisePromoPrefix,
} from '../../src/domain/promo-code';
import { captionExpectation, checkCaption } from '../../src/verify/caption-match';

// Run counts are fixed so the figures in docs/RELIABILITY.md stay true; the seed is fast-check's
// own, so every run of the suite tries new inputs and a failure prints the seed to replay it.
const RUNS = 200;

describe('the promo code generator', () => {
  it('gives 10,000 different codes in 10,000 draws', () => {
    // A fair generator repeats itself here about once in 17,000 runs: 10,000² / 2 / 31⁸.
    const codes = new Set(Array.from({ length: 10_000 }, () => generatePromoCode('SHARE')));

    expect(codes.size).toBe(10_000);
  });

  it('uses every character of its alphabet about equally often', () => {
    const counts = new Map<string, number>();
    for (let draw = 0; draw < 10_000; draw++) {
      for (const char of generatePromoCode('')) counts.set(char, (counts.get(char) ?? 0) + 1);
    }

    // 80,000 characters over 31: 2,581 each on average, a standard deviation of about 50.
    const expected = (10_000 * PROMO_CODE_RANDOM_LENGTH) / PROMO_CODE_ALPHABET.length;
    expect([...counts.keys()].sort().join('')).toBe([...PROMO_CODE_ALPHABET].sort().join(''));
    for (const count of counts.values()) {
      expect(Math.abs(count - expected)).toBeLessThan(expected * 0.12);
    }
  });

  it('writes PREFIX-XXXXXXXX from any prefix, in the readable alphabet only', () => {
    const random = new RegExp(`^[${PROMO_CODE_ALPHABET}]{${PROMO_CODE_RANDOM_LENGTH}}$`);

    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (prefix) => {
        const code = generatePromoCode(prefix);
        const clean = sanitisePromoPrefix(prefix);

        const [head, tail] = clean
          ? [code.slice(0, clean.length + 1), code.slice(clean.length + 1)]
          : ['', code];
        expect(head).toBe(clean ? `${clean}-` : '');
        expect(tail).toMatch(random);
        expect(tail).not.toMatch(/[01OIL]/);
        expect(clean).toMatch(/^[A-Z0-9]{0,12}$/);
      }),
      { numRuns: RUNS },
    );
  });

  it('draws only readable characters whatever bytes the random source gives', () => {
    fc.assert(
      fc.property(
        fc
          .uint8Array({ minLength: 1, maxLength: 64 })
          .filter((bytes) => bytes.some((b) => b < 248)),
        (pool) => {
          let next = 0;
          const fill = (bytes: Uint8Array) => {
            for (let i = 0; i < bytes.length; i++) bytes[i] = pool[next++ % pool.length] ?? 0;
            return bytes;
          };

          const code = generatePromoCode('', fill);

          expect(code).toHaveLength(PROMO_CODE_RANDOM_LENGTH);
          for (const char of code) expect(PROMO_CODE_ALPHABET).toContain(char);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

const word = fc.stringMatching(/^[a-z][a-z0-9_]{0,14}$/);
const hashtag = word.map((text) => `#${text}`);
const page = word.map((text) => `@${text}`);

/** Any comment a shopper may type: letters of any script, emoji, marks, links, markup. */
const comment = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 280 }),
  fc
    .array(
      fc.oneof(
        word,
        fc.constantFrom('☕', '🔥', 'café', 'straße', 'İstanbul', 'https://x.co/a', '<b>', 'مرحبا'),
      ),
      { maxLength: 60 },
    )
    .map((words) => words.join(' ')),
);

const captionInput: fc.Arbitrary<CaptionInput> = fc.record({
  comment: fc.option(comment, { nil: null }),
  promoCode: fc
    .constantFrom('', 'SHARE', 'CAFE2026', 'A'.repeat(12))
    .map((prefix) => generatePromoCode(prefix)),
  hashtags: fc.uniqueArray(hashtag, { maxLength: 12, selector: (tag) => tag.toLowerCase() }),
  pages: fc.uniqueArray(page, { maxLength: 4, selector: (tag) => tag.toLowerCase() }),
  adDisclosure: fc.constantFrom('#ad', 'Ad', '#anzeige', 'Paid partnership'),
  platform: fc.constantFrom(...SOCIAL_PLATFORMS),
});

/** The tag line's words in reverse order, with the rest of the caption kept. */
function reorderTags(caption: string, tagLine: string): string {
  const reversed = tagLine.split(' ').reverse().join(' ');
  return tagLine ? caption.replace(tagLine, reversed) : caption;
}

describe('the caption builder and the caption matcher', () => {
  it('match: a caption we built passes the check of what we built it from', () => {
    fc.assert(
      fc.property(captionInput, (input) => {
        const { caption } = buildCaption(input);

        expect(checkCaption(caption, captionExpectation(input))).toMatchObject({ passed: true });
      }),
      { numRuns: RUNS },
    );
  });

  it('still match with the tags in another order and the tag line in another case', () => {
    fc.assert(
      fc.property(captionInput, fc.boolean(), (input, upper) => {
        const { caption, tagLine } = buildCaption(input);
        const recased = upper ? tagLine.toUpperCase() : tagLine.toLowerCase();

        const posted = reorderTags(caption, tagLine).replace(
          tagLine.split(' ').reverse().join(' '),
          recased.split(' ').reverse().join(' '),
        );

        expect(checkCaption(posted, captionExpectation(input)).passed).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('still match with the whole caption in capitals or in lower case', () => {
    fc.assert(
      fc.property(captionInput, fc.boolean(), (input, upper) => {
        const { caption } = buildCaption(input);

        const posted = upper ? caption.toUpperCase() : caption.toLowerCase();

        expect(checkCaption(posted, captionExpectation(input)).passed).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('fail once the promo code is taken out, naming the code', () => {
    fc.assert(
      fc.property(captionInput, (input) => {
        const { caption } = buildCaption(input);

        const posted = caption.replaceAll(input.promoCode, '');
        const result = checkCaption(posted, captionExpectation(input));

        expect(result.passed).toBe(false);
        expect(result.missing).toContain(input.promoCode);
      }),
      { numRuns: RUNS },
    );
  });

  it('fail when the code is another draw of the same campaign', () => {
    fc.assert(
      fc.property(captionInput, (input) => {
        const { caption } = buildCaption(input);
        const other = generatePromoCode(input.promoCode.split('-')[0] ?? '');
        fc.pre(other !== input.promoCode);

        const result = checkCaption(caption, { ...captionExpectation(input), promoCode: other });

        expect(result.passed).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});
