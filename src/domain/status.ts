import type { SubmissionState } from '../db/schema';
import type { Submission, SubmissionEvent } from '../db/submissions';
import { isFinal } from './submission-state';

export const CHECK_NAMES = ['image', 'caption', 'language', 'duration'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

export type CheckView = { name: CheckName; state: 'pending' | 'passed' | 'failed'; score?: number };

/** What the shopper reads for each state: a heading and what happens next or what to do. */
export const STATE_COPY: Record<SubmissionState, { heading: string; detail: string }> = {
  draft: { heading: 'Your post is not ready yet', detail: 'Finish your post to get your code.' },
  generated: {
    heading: 'Your post is ready to share',
    detail: 'Post it, then come back here to follow the checks.',
  },
  awaiting_post: {
    heading: 'Looking for your post',
    detail:
      'We check soon after you post, then less often. Keep your profile public and the caption ' +
      'as it is, code included.',
  },
  found: { heading: 'We found your post', detail: 'We are checking it now.' },
  holding: {
    heading: 'Your post is being held',
    detail: 'Keep it up. We look at it again from time to time until the hold ends.',
  },
  verified: {
    heading: 'Your post is verified',
    detail: 'We are switching your code on in the store. This takes a moment.',
  },
  approved: {
    heading: 'The store approved your post',
    detail: 'We are switching your code on in the store. This takes a moment.',
  },
  activated: { heading: 'Your code is active', detail: 'Use it at checkout, and share it.' },
  activation_failed: {
    heading: 'Your post is verified',
    detail:
      'The store has not confirmed your code yet. The store has been told and will switch it ' +
      'on; you do not need to do anything.',
  },
  manual_review: {
    heading: 'The store is reviewing your post',
    detail:
      'Someone at the store looks at it by hand. This can take a day or two. A screenshot of ' +
      'your post, sent below, helps them find it.',
  },
  expired: {
    heading: 'We could not find your post',
    detail:
      'Nothing matching appeared in time. If you did post it, check that your profile is ' +
      'public and the caption includes your code, then contact the store.',
  },
  removed: {
    heading: 'Your post was taken down too early',
    detail: 'The post has to stay up for the whole hold for the code to switch on.',
  },
  rejected: { heading: 'Your post did not pass the checks', detail: 'See the reason below.' },
};

/** Whether the status page should keep polling for news. */
export function isPending(state: SubmissionState): boolean {
  return !isFinal(state) && state !== 'draft' && state !== 'generated';
}

/** The latest result of each check, from the event history (or its newest check events). */
export function checkResults(events: Pick<SubmissionEvent, 'kind' | 'data'>[]): CheckView[] {
  return CHECK_NAMES.map((name) => {
    const latest = events.findLast((event) => event.kind === name);
    if (!latest) return { name, state: 'pending' };

    const passed = latest.data?.passed === true;
    const score = typeof latest.data?.score === 'number' ? latest.data.score : undefined;
    return { name, state: passed ? 'passed' : 'failed', ...(score === undefined ? {} : { score }) };
  });
}

/** When the current wait ends: the search deadline, or the end of the hold. */
export function waitEndsAt(submission: Submission, holdHours: number): Date | null {
  if (submission.state === 'awaiting_post') return submission.deadlineAt;
  if (submission.state !== 'holding' && submission.state !== 'found') return null;

  const start = submission.postedAt ?? submission.firstSeenAt;
  return start ? new Date(start.getTime() + holdHours * 3_600_000) : null;
}

/** "5 hours", "40 minutes", "less than a minute". */
export function describeTimeLeft(until: Date, now = new Date()): string {
  const minutes = Math.round((until.getTime() - now.getTime()) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 90) return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 60);
  return `${hours} hours`;
}
