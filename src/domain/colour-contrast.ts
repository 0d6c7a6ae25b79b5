const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#abc` and `#AABBCC` as `#aabbcc`, or null for anything that is not a hex colour. */
export function normaliseHex(value: string | undefined): string | null {
  const trimmed = value?.trim().toLowerCase() ?? '';
  if (!HEX_COLOR.test(trimmed)) return null;
  if (trimmed.length === 7) return trimmed;

  return `#${[...trimmed.slice(1)].map((digit) => digit + digit).join('')}`;
}

// WCAG 2.2, "relative luminance": sRGB channels linearised, weighted for the eye.
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two `#rrggbb` colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(first: string, second: string): number {
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

// WCAG 2.2 success criterion 1.4.3 (AA): 4.5:1 for text below 18pt, which all widget text is.
export const MIN_TEXT_CONTRAST = 4.5;
// The widget writes its "Let's start" label in this colour on the accent (src/views/Widget.tsx).
export const BUTTON_LABEL_COLOR = '#111111';
