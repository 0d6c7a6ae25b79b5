import { describe, expect, it } from 'vitest';
import {
  HOLD_CHECK_EVERY,
  holdEndsAt,
  MAX_CONSECUTIVE_FAILURES,
  nextHoldCheckAt,
  nextSearchAt,
  OUTAGE_GRACE,
  retryAt,
} from '../../src/monitor/schedule';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const now = Date.UTC(2026, 11, 3, 12);

describe('the monitor schedule', () => {
  it('looks after 2, 10 and 30 minutes, then hourly', () => {
    const far = now + 100 * HOUR;

    const delays = [0, 1, 2, 3, 4].map((looks) => nextSearchAt(now, looks, far) - now);

    expect(delays).toEqual([2 * MINUTE, 10 * MINUTE, 30 * MINUTE, HOUR, HOUR]);
  });

  it('never looks past the deadline', () => {
    expect(nextSearchAt(now, 5, now + 5 * MINUTE)).toBe(now + 5 * MINUTE);
  });

  it('re-checks a held post every 6 hours and at the end of the hold', () => {
    expect(nextHoldCheckAt(now, now + 20 * HOUR)).toBe(now + HOLD_CHECK_EVERY);
    expect(nextHoldCheckAt(now, now + 2 * HOUR)).toBe(now + 2 * HOUR);
    expect(nextHoldCheckAt(now, now - HOUR)).toBe(now);
  });

  it('backs off exponentially up to an hour, honouring the platform retry time', () => {
    expect(retryAt(now, 1) - now).toBe(MINUTE);
    expect(retryAt(now, 3) - now).toBe(4 * MINUTE);
    expect(retryAt(now, 12) - now).toBe(HOUR);
    expect(retryAt(now, 1, 15 * MINUTE) - now).toBe(15 * MINUTE);
  });

  it('hands over to a person only once the retries have spanned the outage grace', () => {
    const failureTimes = [now];
    for (let failures = 1; failures < MAX_CONSECUTIVE_FAILURES; failures++) {
      failureTimes.push(retryAt(failureTimes.at(-1) ?? now, failures));
    }

    const lastFailureAt = failureTimes.at(-1) ?? now;
    const oneBefore = failureTimes.at(-2) ?? now;
    expect(OUTAGE_GRACE).toBe(12 * HOUR);
    expect(lastFailureAt - now).toBeGreaterThanOrEqual(OUTAGE_GRACE);
    expect(oneBefore - now).toBeLessThan(OUTAGE_GRACE);
  });

  it('counts the hold from the publication time, else from when the post was first seen', () => {
    const postedAt = new Date(now - 3 * HOUR);
    const firstSeenAt = new Date(now);

    expect(holdEndsAt({ postedAt, firstSeenAt }, 24)).toBe(now + 21 * HOUR);
    expect(holdEndsAt({ postedAt: null, firstSeenAt }, 24)).toBe(now + 24 * HOUR);
    expect(holdEndsAt({ postedAt: null, firstSeenAt: null }, 24)).toBeNull();
  });
});
