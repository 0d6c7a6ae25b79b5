import { describe, expect, it } from 'vitest';
import { currencyDigits, minorToDecimal } from '../../src/stores/money';

describe('minorToDecimal', () => {
  it('writes minor units with the currency’s own number of decimals', () => {
    expect(minorToDecimal(1999, 'EUR')).toBe('19.99');
    expect(minorToDecimal(5, 'USD')).toBe('0.05');
    expect(minorToDecimal(500, 'JPY')).toBe('500');
    expect(minorToDecimal(1500, 'KWD')).toBe('1.500');
  });

  it('falls back to two decimals for a code the runtime does not know', () => {
    expect(currencyDigits('not a currency')).toBe(2);
    expect(minorToDecimal(250, 'not a currency')).toBe('2.50');
  });
});
