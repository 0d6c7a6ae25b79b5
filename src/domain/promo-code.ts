import { findOffensiveTerms } from '../verify/language';

/**
 * Upper-case letters and digits without the characters people confuse when they read a code
 * off a photo or type it from memory: 0/O, 1/I/L.
 */
export const PROMO_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export const PROMO_CODE_RANDOM_LENGTH = 8;
export const PROMO_CODE_PREFIX_MAX = 12;

// The largest multiple of the alphabet size that fits in a byte. Bytes at or above it are
// thrown away: keeping them with `% 31` would make the first 8 characters 1/8 more likely.
const UNBIASED_BYTE_LIMIT = 256 - (256 % PROMO_CODE_ALPHABET.length);

export type FillRandom = (bytes: Uint8Array) => Uint8Array;

const cryptoFill: FillRandom = (bytes) => crypto.getRandomValues(bytes);

// About one random part in 500 reads as a rude word to a filter ("FK", "ASS", "CUM" among eight
// characters), and it is printed on the shopper's post under the store's name. Such a part is
// drawn again; ten in a row never happen with a fair source, and the cap keeps a broken one
// from looping for ever (the caption check ignores the code, so that post is not refused).
const REDRAWS_OF_RUDE_CODES = 10;

/** The campaign prefix as it appears in codes: A-Z and 0-9 only, upper-case, at most 12. */
export function sanitisePromoPrefix(prefix: string): string {
  return prefix
    .normalize('NFKD')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, PROMO_CODE_PREFIX_MAX);
}

/**
 * A new personal code: PREFIX-XXXXXXXX, or only the random part when the prefix is empty. The
 * random part never reads as a rude word; the prefix is the merchant's own.
 */
export function generatePromoCode(prefix: string, fillRandom: FillRandom = cryptoFill): string {
  const cleanPrefix = sanitisePromoPrefix(prefix);

  let random = randomCharacters(PROMO_CODE_RANDOM_LENGTH, fillRandom);
  for (let redraw = 0; redraw < REDRAWS_OF_RUDE_CODES && readsAsRude(random); redraw++) {
    random = randomCharacters(PROMO_CODE_RANDOM_LENGTH, fillRandom);
  }

  return cleanPrefix ? `${cleanPrefix}-${random}` : random;
}

/** The form a typed code is compared in: no surrounding spaces, upper-case. */
export function normalisePromoCode(input: string): string {
  return input.trim().toUpperCase();
}

const readsAsRude = (random: string) => findOffensiveTerms(random, []).length > 0;

function randomCharacters(count: number, fillRandom: FillRandom): string {
  // Twice the need per draw: about 3% of bytes are rejected, so one draw almost always suffices.
  const bytes = new Uint8Array(count * 2);
  let out = '';

  while (out.length < count) {
    fillRandom(bytes);
    for (const byte of bytes) {
      if (byte >= UNBIASED_BYTE_LIMIT) continue;
      out += PROMO_CODE_ALPHABET[byte % PROMO_CODE_ALPHABET.length];
      if (out.length === count) break;
    }
  }
  return out;
}
