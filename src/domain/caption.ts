import type { SocialPlatform } from '../db/schema';

/**
 * How a platform measures a post. `weighted` is X's count; `graphemes` counts what a reader sees
 * as one character; `utf16` counts JavaScript string units, which is never less than either of
 * the others, so it is the safe choice where a platform does not say what it counts.
 */
export type CaptionLimit = {
  maxLength: number;
  unit: 'weighted' | 'graphemes' | 'utf16';
  /** What a link counts as, however long it is, where the platform shortens links. */
  linkLength: number | null;
  maxHashtags: number | null;
};

export const CAPTION_LIMITS: Record<SocialPlatform, CaptionLimit> = {
  // docs.x.com "Counting characters" and twitter-text config v3: 280 weighted, links count 23.
  x: { maxLength: 280, unit: 'weighted', linkLength: 23, maxHashtags: null },
  // docs.bsky.app "Action Intent Links" and the app.bsky.feed.post lexicon: 300 graphemes.
  bluesky: { maxLength: 300, unit: 'graphemes', linkLength: null, maxHashtags: null },
  // Mastodon StatusLengthValidator: 500 grapheme clusters by default, each link counts 23.
  // Servers may raise the limit; 500 is the default and the smallest common value.
  mastodon: { maxLength: 500, unit: 'graphemes', linkLength: 23, maxHashtags: null },
  // Instagram Graph API media docs: captions up to 2,200 characters. Instagram announced in
  // December 2025 that captions may carry at most 5 hashtags (down from 30), rolled out gradually.
  instagram: { maxLength: 2200, unit: 'utf16', linkLength: null, maxHashtags: 5 },
  // TikTok Content Posting API: a caption of up to 2,200 UTF-16 units. The app itself now allows
  // 4,000 for many accounts, but not all; 2,200 holds everywhere.
  tiktok: { maxLength: 2200, unit: 'utf16', linkLength: null, maxHashtags: null },
  // Facebook's long-standing post limit of 63,206 characters; Meta does not document it.
  facebook: { maxLength: 63206, unit: 'utf16', linkLength: null, maxHashtags: null },
  // Our own sandbox network: the Instagram figure, so demos behave like the common case.
  sandbox: { maxLength: 2200, unit: 'graphemes', linkLength: null, maxHashtags: null },
};

export type CaptionInput = {
  comment: string | null;
  promoCode: string;
  hashtags: string[];
  pages: string[];
  adDisclosure: string;
  platform: SocialPlatform;
};

const ELLIPSIS = '…';
const graphemeSegmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

// A link as X and Mastodon see one: a scheme, or a dotted name ending in a 2+ letter TLD. The
// second form also catches some non-links ("Mr.Smith"); counting those as links only ever
// over-counts, which shortens a comment a little more than needed but never breaks a post.
const LINK = /\bhttps?:\/\/\S+|(?<![\p{L}\p{N}_@.-])(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/\S*)?/giu;

// twitter-text config v3: these code points weigh 1, every other one 2, and any emoji 2.
const X_LIGHT_RANGES: [number, number][] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

function graphemes(text: string): string[] {
  return Array.from(graphemeSegmenter.segment(text), (s) => s.segment);
}

function xWeight(text: string): number {
  let weight = 0;
  for (const grapheme of graphemes(text)) {
    if (EMOJI.test(grapheme)) {
      weight += 2;
      continue;
    }
    for (const char of grapheme) {
      const code = char.codePointAt(0) ?? 0;
      weight += X_LIGHT_RANGES.some(([from, to]) => code >= from && code <= to) ? 1 : 2;
    }
  }
  return weight;
}

function plainLength(text: string, unit: CaptionLimit['unit']): number {
  if (unit === 'weighted') return xWeight(text);
  if (unit === 'graphemes') return graphemes(text).length;
  return text.length;
}

/** The length of `text` as the platform counts it against its caption limit. */
export function captionLength(platform: SocialPlatform, text: string): number {
  const { unit, linkLength } = CAPTION_LIMITS[platform];
  const normalised = text.normalize('NFC');

  if (linkLength === null) return plainLength(normalised, unit);

  const links = normalised.match(LINK) ?? [];
  const rest = normalised.replace(LINK, '');
  return plainLength(rest, unit) + links.length * linkLength;
}

function normaliseTag(raw: string, sigil: '#' | '@'): string | null {
  const body =
    sigil === '#'
      ? raw.replace(/^[\s#]+/u, '').replace(/[^\p{L}\p{N}\p{M}_]/gu, '')
      : raw.replace(/^[\s@]+/u, '').replace(/[^\p{L}\p{N}\p{M}_.@-]/gu, '');
  return body ? `${sigil}${body}` : null;
}

type TagLine = { line: string; hashtags: string[]; pages: string[] };

/**
 * Ad disclosure, then hashtags, then pages: normalised, de-duplicated, capped per platform.
 * Hashtags the shopper writes in the comment are not counted against the cap, so an Instagram
 * caption can still go over 5; counting them would mean dropping the merchant's tags for them.
 * Also says which of the merchant's hashtags and pages made it into the line.
 */
function buildTagLine(input: CaptionInput): TagLine {
  const disclosure = input.adDisclosure.trim();
  const candidates = [
    { part: disclosure.startsWith('#') ? normaliseTag(disclosure, '#') : disclosure, from: null },
    ...input.hashtags.map((tag) => ({ part: normaliseTag(tag, '#'), from: 'hashtags' as const })),
    ...input.pages.map((page) => ({ part: normaliseTag(page, '@'), from: 'pages' as const })),
  ];
  const maxHashtags = CAPTION_LIMITS[input.platform].maxHashtags ?? Number.POSITIVE_INFINITY;

  const seen = new Set<string>();
  const line: TagLine = { line: '', hashtags: [], pages: [] };
  const parts: string[] = [];
  let hashtagCount = 0;
  for (const { part, from } of candidates) {
    const isHashtag = part?.startsWith('#') ?? false;
    if (!part || seen.has(part.toLowerCase())) continue;
    // The disclosure comes first, so a cap drops the merchant's last hashtags, never the "#ad".
    if (isHashtag && hashtagCount >= maxHashtags) continue;

    seen.add(part.toLowerCase());
    parts.push(part);
    if (from) line[from].push(part);
    if (isHashtag) hashtagCount++;
  }
  return { ...line, line: parts.join(' ') };
}

function assemble(comment: string, inviteLine: string, tagLine: string): string {
  return [comment, inviteLine, tagLine].filter(Boolean).join('\n\n');
}

/**
 * The longest start of the comment (with an ellipsis) that keeps the caption within the limit.
 * Only the comment gives way: the code, hashtags and pages are what the shopper is paid for.
 */
function fitComment(comment: string, fits: (comment: string) => boolean): string {
  if (fits(comment)) return comment;

  const parts = graphemes(comment);
  const cut = (count: number) => {
    const start = parts.slice(0, count).join('').trimEnd();
    return start ? `${start}${ELLIPSIS}` : '';
  };
  let low = 0;
  let high = parts.length - 1;

  // Caption length grows with the number of graphemes kept, so the largest fit is found by
  // bisection; the link rule makes it only nearly monotonic, hence the final check below.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(cut(mid))) low = mid;
    else high = mid - 1;
  }
  while (low > 0 && !fits(cut(low))) low--;
  return cut(low);
}

/** A built caption, with the parts of the input it carries (a shortened comment, capped tags). */
export type BuiltCaption = {
  caption: string;
  tagLine: string;
  comment: string;
  hashtags: string[];
  pages: string[];
};

/**
 * The caption of a post: the shopper's comment, an invitation to use their promo code, and the
 * tag line (ad disclosure, hashtags, @pages), kept within the platform's caption limit.
 */
export function buildCaption(input: CaptionInput): BuiltCaption {
  const { line: tagLine, hashtags, pages } = buildTagLine(input);
  const inviteLine = `Use my code ${input.promoCode} for a discount`;
  const { maxLength } = CAPTION_LIMITS[input.platform];
  const fits = (comment: string) =>
    captionLength(input.platform, assemble(comment, inviteLine, tagLine)) <= maxLength;

  // When even an empty comment does not fit (a merchant tag line longer than the limit), the
  // caption goes out too long rather than without the code or tags; the platform will say so.
  const comment = fitComment(input.comment?.trim() ?? '', fits);
  return { caption: assemble(comment, inviteLine, tagLine), tagLine, comment, hashtags, pages };
}
