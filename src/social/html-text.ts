// Mastodon sends `content` as HTML limited to the tags its sanitizer keeps (p, br, a, span and,
// from remote servers, a few more such as blockquote, pre and lists), with text escaped, so
// tags can be dropped by pattern: no `<` inside the text is ever a real bracket.

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Plain text of a post's HTML: paragraphs and `<br>` become line breaks, entities decoded. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(?:p|blockquote|pre|h[1-6]|ul|ol)\s*>/gi, '\n\n')
    .replace(/<\/li\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '');

  return decodeEntities(text)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Decodes character references once, so `&amp;lt;` stays the text `&lt;`. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (reference, name: string) => {
    if (!name.startsWith('#')) return NAMED_ENTITIES[name.toLowerCase()] ?? reference;

    const hex = name[1] === 'x' || name[1] === 'X';
    const codePoint = Number.parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10);
    const valid =
      codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
    return valid ? String.fromCodePoint(codePoint) : reference;
  });
}
