import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { fail, ok, type Result } from '../lib/result';

// Known gaps, stated so nobody relies on more than this does: obscenity's dataset is English
// only (other languages rely on the merchant's list), and words masked with asterisks ("f**k",
// "sh*t") pass, since the shopper has already censored them. Lifting the first needs a dataset
// per language, chosen by the store's locale.

// Everyday words the English dataset flags because a listed word sits inside them (the
// Scunthorpe problem). Only words a shopper might plausibly write in a product review.
const EXTRA_ALLOWED_WORDS = [
  'cockpit',
  'cumin',
  'dickson',
  'penistone',
  'pussycat',
  'pussy willow',
  'retardant',
  'shiitake',
  'wankel',
];

// Shoppers hide words from filters by swapping letters for look-alike digits and symbols.
const LOOKALIKES: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '@': 'a',
  $: 's',
  '!': 'i',
};

let matcher: RegExpMatcher | undefined;

/** obscenity's matcher compiles a few hundred patterns, so it is built once per isolate. */
function englishMatcher(): RegExpMatcher {
  if (!matcher) {
    const built = englishDataset.build();
    matcher = new RegExpMatcher({
      ...built,
      ...englishRecommendedTransformers,
      whitelistedTerms: [...(built.whitelistedTerms ?? []), ...EXTRA_ALLOWED_WORDS],
    });
  }
  return matcher;
}

/** Words of the text; `$`, `@` and `!` are kept because they stand in for letters. */
function rawWords(text: string): string[] {
  return text.split(/[^\p{L}\p{N}$@!]+/u).filter(Boolean);
}

/**
 * Joins runs of single characters ("f u c k", "b.a.d") into one word, so spelling a word out
 * letter by letter does not hide it. Other words are kept as they are.
 */
function joinSpelledOut(words: string[]): string[] {
  const out: string[] = [];
  let run = '';

  for (const word of words) {
    if ([...word].length === 1) {
      run += word;
      continue;
    }
    if (run) out.push(run);
    run = '';
    out.push(word);
  }
  if (run) out.push(run);
  return out;
}

/** A word in the form merchant words are compared in: no accents, lower-case, no look-alikes. */
function foldWord(word: string): string {
  const plain = word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const hasLetter = /\p{L}/u.test(plain);

  // A lone number ("5 stars") is a number, not a disguised letter.
  return hasLetter ? [...plain].map((char) => LOOKALIKES[char] ?? char).join('') : plain;
}

function foldedWords(text: string): string[] {
  // "@" and "!" at the edge of a word are a mention and punctuation, not letters.
  return rawWords(text)
    .map((word) => word.replace(/^[@!]+|[@!]+$/g, ''))
    .filter(Boolean)
    .map(foldWord);
}

/** One pattern per word of a blocked entry; each letter may be repeated ("baaad"). */
function blockedPatterns(entry: string): RegExp[] {
  return foldedWords(entry).map((word) => {
    const letters = [...word].map((char) => `${char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}+`);
    return new RegExp(`^${letters.join('')}$`, 'u');
  });
}

function containsSequence(words: string[], patterns: RegExp[]): boolean {
  if (patterns.length === 0) return false;

  for (let start = 0; start + patterns.length <= words.length; start++) {
    if (patterns.every((pattern, i) => pattern.test(words[start + i] ?? ''))) return true;
  }
  return false;
}

function merchantTerms(text: string, blockedWords: string[]): string[] {
  const words = foldedWords(text);
  const streams = [words, joinSpelledOut(words)];

  return blockedWords
    .map((entry) => entry.trim())
    .filter((entry) => {
      const patterns = blockedPatterns(entry);
      return streams.some((stream) => containsSequence(stream, patterns));
    });
}

function datasetTerms(text: string): string[] {
  const spelledOut = joinSpelledOut(rawWords(text)).join(' ');
  const found: string[] = [];

  for (const candidate of [text, spelledOut]) {
    for (const match of englishMatcher().getAllMatches(candidate)) {
      const term = englishDataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord;
      if (term) found.push(term);
    }
  }
  return found;
}

/**
 * The offensive terms in a text: words of obscenity's English dataset (reported by their
 * dataset name) and the merchant's own blocked words (as the merchant wrote them). For the
 * console and events only; never show these back to the shopper.
 */
export function findOffensiveTerms(text: string, blockedWords: string[]): string[] {
  const terms = [...datasetTerms(text), ...merchantTerms(text, blockedWords)];

  return [...new Set(terms)];
}

/** Refuses a comment that contains offensive language, without repeating the word. */
export function checkLanguage(text: string, blockedWords: string[]): Result<void, 'offensive'> {
  if (findOffensiveTerms(text, blockedWords).length > 0) {
    return fail('offensive', 'Please remove offensive words from your comment.');
  }
  return ok(undefined);
}
