const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// Looking for a new post: soon after the shopper leaves for the platform (most post within
// minutes), then less often. After the last entry, hourly until the campaign's deadline.
const SEARCH_DELAYS = [2 * MINUTE, 10 * MINUTE, 30 * MINUTE];
const SEARCH_EVERY = HOUR;

/** While a post is held, it is looked at again at least this often. */
export const HOLD_CHECK_EVERY = 6 * HOUR;

const RETRY_BASE = MINUTE;
const RETRY_CAP = HOUR;

/**
 * How long a platform or a store may keep failing before a person takes over (the post goes to
 * manual review, the code to the merchant's Retry button). An outage of a few hours is common;
 * handing every post in flight to the merchant for it would bury them in work a retry does.
 */
export const OUTAGE_GRACE = 12 * HOUR;

/**
 * Failures in a row after which a person takes over: as many tries as the backoff spreads over
 * the outage grace (18). A platform's Retry-After only spaces them further.
 */
export const MAX_CONSECUTIVE_FAILURES = triesSpanning(OUTAGE_GRACE);

function backoffAfter(failures: number): number {
  return Math.min(RETRY_BASE * 2 ** Math.max(failures - 1, 0), RETRY_CAP);
}

function triesSpanning(span: number): number {
  let tries = 1;
  let waited = 0;
  while (waited < span) {
    waited += backoffAfter(tries);
    tries++;
  }
  return tries;
}

/** When to look for the post next, after `looks` unsuccessful looks, never past the deadline. */
export function nextSearchAt(now: number, looks: number, deadline: number): number {
  const delay = SEARCH_DELAYS[looks] ?? SEARCH_EVERY;
  return Math.min(now + delay, deadline);
}

/** When to look at a held post next: regularly, and exactly when the hold ends. */
export function nextHoldCheckAt(now: number, holdEndsAt: number): number {
  return Math.min(now + HOLD_CHECK_EVERY, Math.max(holdEndsAt, now));
}

/**
 * When to try again after the platform failed: exponential from a minute, capped at an hour,
 * and never sooner than the platform asked (Retry-After, rate-limit reset).
 */
export function retryAt(now: number, failures: number, retryAfterMs = 0): number {
  return now + Math.max(backoffAfter(failures), retryAfterMs);
}

/** When the hold ends: hold hours from the post's own publication time, else from first sight. */
export function holdEndsAt(
  post: { postedAt: Date | null; firstSeenAt: Date | null },
  holdHours: number,
): number | null {
  const start = post.postedAt ?? post.firstSeenAt;
  return start ? start.getTime() + holdHours * HOUR : null;
}
