import { fail, ok, type Result } from '../lib/result';

// ISO 4217 minor units of the currencies whose exponent is not 2. Any other code is taken to
// have two decimals, which is right for the large majority of currencies stores sell in.
const ZERO_DECIMALS = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);
const THREE_DECIMALS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

/** How many decimals the minor unit of `currency` has: JPY 0, KWD 3, most others 2. */
export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase();
  if (ZERO_DECIMALS.has(code)) return 0;
  return THREE_DECIMALS.has(code) ? 3 : 2;
}

/**
 * A decimal amount string ("84.45", "1500", "12.340") in minor units of `currency`, computed on
 * the digits so no float rounding creeps in. Stores send money as strings for this reason.
 * Digits beyond the currency's exponent (a store set to show more decimals) round half up.
 */
export function toMinorUnits(amount: string, currency: string): Result<number, 'bad_amount'> {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match?.[1]) return fail('bad_amount', `"${amount}" is not a decimal amount.`);

  const exponent = currencyExponent(currency);
  const fraction = match[2] ?? '';
  const kept = fraction.slice(0, exponent).padEnd(exponent, '0');
  const roundUp = (fraction[exponent] ?? '0') >= '5' ? 1 : 0;
  const minor = Number(match[1] + kept) + roundUp;

  if (!Number.isSafeInteger(minor)) return fail('bad_amount', `"${amount}" is too large.`);
  return ok(minor);
}
