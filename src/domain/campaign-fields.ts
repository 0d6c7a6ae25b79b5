import { z } from 'zod';
import type { SocialPlatform } from '../db/schema';
import { fail, ok, type Result } from '../lib/result';
import { currencyDigits } from '../stores/money';
import { contrastRatio, MIN_TEXT_CONTRAST, normaliseHex } from './colour-contrast';
import { parseHandle } from './social-handle';

/** Readers of the campaign form's fields: each turns typed text into a value or a message. */

export const HEX_MESSAGE = 'Enter a colour as a hex code like #1f1235.';

// Rounded down, so a ratio shown as 4.50 always passes.
const shownRatio = (ratio: number) => `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;

export function readWhole(value: string, min: number, max: number): number | null {
  const number = /^\d{1,9}$/.test(value) ? Number(value) : Number.NaN;
  return number >= min && number <= max ? number : null;
}

export function readMoney(value: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const match = value.match(/^(\d{1,7})(?:\.(\d+))?$/);
  const fraction = match?.[2] ?? '';
  if (!match || fraction.length > digits) return null;

  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || 0);
}

/** A text field read by `read`; `message` is the field's issue when `read` gives null. */
export function parsedBy<T>(read: (value: string) => T | null, message: string) {
  return z
    .string({ error: message })
    .trim()
    .transform((value, ctx) => {
      const parsed = read(value);
      if (parsed === null) ctx.addIssue({ code: 'custom', message });
      return parsed ?? z.NEVER;
    });
}

/** Like `parsedBy`, but an empty field is null. */
export function optionallyParsedBy<T>(read: (value: string) => T | null, message: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const parsed = read(value);
      if (parsed === null) ctx.addIssue({ code: 'custom', message });
      return parsed ?? z.NEVER;
    });
}

/** A hex colour, with enough contrast against `other` when one is given. */
export function colour(other: string | null, tooLittle: (ratio: string) => string) {
  return parsedBy(normaliseHex, HEX_MESSAGE).transform((hex, ctx) => {
    const ratio = other ? contrastRatio(hex, other) : MIN_TEXT_CONTRAST;
    if (ratio < MIN_TEXT_CONTRAST) {
      ctx.addIssue({ code: 'custom', message: tooLittle(shownRatio(ratio)) });
    }
    return hex;
  });
}

export function requiredText(message: string, max: number) {
  return z
    .string({ error: message })
    .trim()
    .min(1, { error: message })
    .max(max, { error: `Use at most ${max} characters.` });
}

/**
 * A list field, typed with separators, whose items each pass `read` (the first refusal is the
 * field's message). Repeats are dropped once normalised, ignoring case: "coffee" and "#Coffee"
 * are one hashtag.
 */
export function listOf(
  separators: RegExp,
  max: number,
  what: string,
  read: (item: string) => Result<string>,
) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const items = (value ?? '')
        .split(separators)
        .map((item) => item.trim())
        .filter(Boolean);
      const values = new Map<string, string>();
      for (const item of items) {
        const result = read(item);
        if (!result.ok) {
          ctx.addIssue({ code: 'custom', message: result.message });
          return [];
        }
        const key = result.value.toLowerCase();
        if (!values.has(key)) values.set(key, result.value);
        if (values.size > max) {
          ctx.addIssue({ code: 'custom', message: `Use at most ${max} ${what}.` });
          return [];
        }
      }
      return [...values.values()];
    });
}

// Platforms end a hashtag at the first character that is not a letter, digit or underscore,
// and X and Instagram do not link a tag of digits only.
export function readHashtag(item: string): Result<string> {
  const body = item.replace(/^#+/, '');
  if (/^[\p{L}\p{N}\p{M}_]{1,100}$/u.test(body) && /[\p{L}_]/u.test(body)) return ok(`#${body}`);
  return fail(
    'invalid',
    `"${item}" cannot be a hashtag: use letters, numbers and underscores, with at least ` +
      'one letter.',
  );
}

export function readPage(platform: SocialPlatform) {
  return (item: string): Result<string> => {
    const handle = parseHandle(platform, item);
    return handle.ok
      ? ok(handle.value.display)
      : fail('invalid', `Check "${item}". ${handle.message}`);
  };
}

// The widget's `frame-ancestors`: an https origin and nothing after it, like a browser shows it.
function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

export function readOrigin(item: string): Result<string> {
  const url = parseUrl(item);
  const bare = url && url.pathname === '/' && !url.search && !url.hash && !url.username;
  if (url?.protocol === 'https:' && bare && !url.password) return ok(url.origin);
  return fail(
    'invalid',
    `"${item}" is not a store address like https://shop.example.com (https, no path).`,
  );
}

export function readBlockedWord(item: string): Result<string> {
  if (item.length <= 60) return ok(item);
  return fail('invalid', `Keep each blocked word under 60 characters: "${item}".`);
}
