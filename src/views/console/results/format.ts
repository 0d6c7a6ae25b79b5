import { minorToDecimal } from '../../../stores/money';

const COUNT = new Intl.NumberFormat('en');

/** A count for a person to read: 12,345. */
export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** An amount in minor units as money in its currency: 123456 EUR -> "€1,234.56". */
export function formatMoney(minor: number, currency: string): string {
  const decimal = minorToDecimal(minor, currency);
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(Number(decimal));
  } catch {
    // A code the runtime does not know (a store's own currency) is shown as it came.
    return `${decimal} ${currency}`;
  }
}
