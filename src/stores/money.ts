/**
 * Digits after the decimal point in `currency`, from the runtime's CLDR data: 2 for EUR, 0 for
 * JPY, 3 for KWD. CLDR follows ISO 4217 here except for a few currencies whose cash or
 * accounting use differs; an unknown code falls back to 2, the common case.
 */
export function currencyDigits(currency: string): number {
  try {
    const format = new Intl.NumberFormat('en', { style: 'currency', currency });
    return format.resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Minor units as the decimal string store APIs take for money: 1999 EUR -> "19.99". */
export function minorToDecimal(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const units = String(Math.abs(Math.round(minor))).padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${units}`;

  return `${sign}${units.slice(0, -digits)}.${units.slice(-digits)}`;
}
