import INTER_REGULAR from '@fontsource/inter/files/inter-latin-400-normal.woff';
import INTER_BOLD from '@fontsource/inter/files/inter-latin-700-normal.woff';
import SUBSETS from '@fontsource/inter/unicode.json';
import type { Font } from 'satori/standalone';

/** The font family every text node of the post image uses. */
export const FONT_FAMILY = 'Inter';

// WOFF rather than WOFF2: satori's font parser reads TTF, OTF and WOFF only.
export const POST_FONTS: Font[] = [
  { name: FONT_FAMILY, data: INTER_REGULAR, weight: 400, style: 'normal' },
  { name: FONT_FAMILY, data: INTER_BOLD, weight: 700, style: 'normal' },
];

// The code points the shipped Latin subset covers, from the unicode-range fontsource publishes.
const COVERED = SUBSETS.latin.split(',').map((range) => {
  const [first = '0', last = first] = range.replace(/U\+/g, '').split('-');
  return [Number.parseInt(first, 16), Number.parseInt(last, 16)] as const;
});

function isCovered(char: string): boolean {
  const point = char.codePointAt(0) ?? 0;
  return COVERED.some(([first, last]) => point >= first && point <= last);
}

// Letters with a stroke through them have no Unicode decomposition to fall back on.
const STROKED: Record<string, string> = { ł: 'l', Ł: 'L', đ: 'd', Đ: 'D', ħ: 'h', Ħ: 'H' };

/**
 * The text with what the shipped fonts cannot draw taken out, so it never shows as empty
 * boxes: a letter outside the subset keeps its base letter when it has one ("ś" becomes "s",
 * "ł" becomes "l"), and emoji and other scripts are dropped. Shipping more subsets (latin-ext,
 * cyrillic, ~30 KB each per weight) and listing them in POST_FONTS would let those comments
 * keep every letter.
 */
export function keepDrawable(text: string): string {
  let kept = '';
  for (const char of text.normalize('NFC')) {
    if (isCovered(char)) kept += char;
    else if (STROKED[char]) kept += STROKED[char];
    else for (const part of char.normalize('NFD')) if (isCovered(part)) kept += part;
  }
  return kept.replace(/\s+/g, ' ').trim();
}
