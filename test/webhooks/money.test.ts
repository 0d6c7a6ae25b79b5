import { describe, expect, it } from 'vitest';
import { currencyExponent, toMinorUnits } from '../../src/webhooks/money';

describe('toMinorUnits', () => {
  it.each([
    ['84.45', 'USD', 8445],
    ['17', 'EUR', 1700],
    ['0.5', 'GBP', 50],
    ['12800', 'JPY', 12800],
    ['12800.00', 'jpy', 12800],
    ['1.234', 'KWD', 1234],
    ['3.1', 'BHD', 3100],
  ])('turns %s %s into %i minor units', (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency)).toEqual({ ok: true, value: minor });
  });

  it('rounds digits beyond the currency exponent half up', () => {
    expect(toMinorUnits('12.345', 'USD')).toEqual({ ok: true, value: 1235 });
    expect(toMinorUnits('12.344', 'USD')).toEqual({ ok: true, value: 1234 });
  });

  it('keeps amounts past float precision exact', () => {
    // 0.1 + 0.2 style error would show here if the string went through a float.
    expect(toMinorUnits('1234567.89', 'USD')).toEqual({ ok: true, value: 123456789 });
  });

  it.each(['', '-1.00', '1,00', '1.2.3', 'abc', '1e3'])('refuses %j as an amount', (amount) => {
    expect(toMinorUnits(amount, 'USD')).toMatchObject({ ok: false, reason: 'bad_amount' });
  });
});

describe('currencyExponent', () => {
  it('knows zero- and three-decimal currencies and defaults to two', () => {
    expect([currencyExponent('JPY'), currencyExponent('KWD'), currencyExponent('CAD')]).toEqual([
      0, 3, 2,
    ]);
  });
});
