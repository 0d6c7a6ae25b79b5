const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// Looking for a new post: soon after the shopper leaves for the platform (most post within
// minutes), then less often. After the last entry, hourly until the campaign's deadline.
const SEARCH_DELAYS = [2 * MINUTE, 10 * MINUTE, 30 * MINUTE];
const SEARCH_EVERY = HOUR;

/** While a post is held, it is looked at again at least this often. */
export const HOLD_CHECK_EVERY = 6 * HOUR;

/** Platform failures in a row after which a person takes over (manual review). */
export const MAX_CONSECUTIVE_FAILURES = 8;

const RETRY_BASE = MINUTE;
const RETRY_CAP = HOUR;

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
  const backoff = Math.min(RETRY_BASE * 2 ** Math.max(failures - 1, 0), RETRY_CAP);
  return now + Math.max(backoff, retryAfterMs);
}

/** When the hold ends: hold hours from the post's own publication time, else from first sight. */
export function holdEndsAt(
  post: { postedAt: Date | null; firstSeenAt: Date | null },
  holdHours: number,
): number | null {
  const start = post.postedAt ?? post.firstSeenAt;
  return start ? start.getTime() + holdHours * HOUR : null;
}
