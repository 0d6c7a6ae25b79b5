import { buildCaption, type CaptionInput } from '../domain/caption';
import { normalisePromoCode } from '../domain/promo-code';

export type CaptionExpectation = {
  promoCode: string;
  hashtags: string[];
  pages: string[];
  comment: string | null;
};

export type CaptionCheck = {
  passed: boolean;
  // Share of the expected pieces found: the code, each tag and page, and the comment.
  score: number;
  missing: string[];
};

/**
 * What a post of the caption built from `input` must show: its code, the hashtags and pages the
 * tag line kept (Instagram's cap drops some), and the comment as it went out (shortened to fit
 * the platform). Checking against the campaign's full lists instead fails honest posts.
 */
export function captionExpectation(input: CaptionInput): CaptionExpectation {
  const built = buildCaption(input);
  return {
    promoCode: input.promoCode,
    hashtags: built.hashtags,
    pages: built.pages,
    comment: built.comment || null,
  };
}

// Words of the comment that must still be there. Platforms and shoppers trim, fix typos and add
// emoji, so an exact match would reject honest posts; most words surviving is the bar.
const COMMENT_WORDS_REQUIRED = 0.8;

// Upper then lower case folds what lower-casing alone does not: "ß" and "SS", "ᾀ" and "ἈΙ"
// read alike, so a comment retyped in capitals keeps its words.
const words = (text: string) =>
  text
    .normalize('NFKC')
    .toUpperCase()
    .toLowerCase()
    // Case mappings can leave letters decomposed ("ῒ" upper-cases to three code points).
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);

/** Whether two words differ by at most one insertion, deletion or substitution. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

// A typo fixed or made in a longer word still counts; short words must match exactly, or
// "a" would match "I".
const wordSurvives = (word: string, posted: Set<string>) =>
  posted.has(word) || (word.length >= 4 && [...posted].some((other) => withinOneEdit(word, other)));

/** `piece` standing as a whole token, in any case: not inside a longer tag or word. */
function tokenPattern(piece: string, flags = 'iu'): RegExp {
  const escaped = piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, flags);
}

const hasTag = (caption: string, tag: string) => tokenPattern(tag).test(caption);

/**
 * The posted caption without the pieces we wrote into it (the promo code, the store's hashtags
 * and @pages): what the shopper may have written, which is what the language check judges. A
 * random code can spell a word a filter flags ("FK", "CUM"), and the store chose its own tags.
 */
export function shopperText(caption: string, expected: CaptionExpectation): string {
  const ours = [expected.promoCode, ...expected.hashtags, ...expected.pages]
    .map((piece) => piece.trim())
    .filter((piece) => piece.length > 1);

  return ours.reduce((text, piece) => text.replace(tokenPattern(piece, 'giu'), '$1 '), caption);
}

/**
 * Checks a posted caption: the promo code exactly (its own token, case-insensitive since codes
 * are upper-case by construction), every hashtag and @page in any order and case, and most of
 * the comment's words. Passes only when the code and every tag and page are present.
 */
export function checkCaption(caption: string, expected: CaptionExpectation): CaptionCheck {
  const missing: string[] = [];
  const code = normalisePromoCode(expected.promoCode);
  const codeFound = caption
    .toUpperCase()
    .split(/[^A-Z0-9-]+/)
    .includes(code);
  if (!codeFound) missing.push(code);

  const tags = [...expected.hashtags, ...expected.pages]
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 1);
  for (const tag of tags) if (!hasTag(caption, tag)) missing.push(tag);

  let commentShare = 1;
  const commentWords = words(expected.comment ?? '');
  if (commentWords.length > 0) {
    const posted = new Set(words(caption));
    commentShare =
      commentWords.filter((word) => wordSurvives(word, posted)).length / commentWords.length;
    if (commentShare < COMMENT_WORDS_REQUIRED) missing.push('comment');
  }

  const tagsFound = tags.length - missing.filter((piece) => tags.includes(piece)).length;
  const hasComment = commentWords.length > 0;
  const pieces = 1 + tags.length + (hasComment ? 1 : 0);
  const found = (codeFound ? 1 : 0) + tagsFound + (hasComment ? commentShare : 0);
  return { passed: missing.length === 0, score: found / pieces, missing };
}
