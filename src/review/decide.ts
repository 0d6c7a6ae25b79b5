import { z } from 'zod';
import type { Database } from '../db/client';
import type { SubmissionState } from '../db/schema';
import { type Submission, transitionSubmission } from '../db/submissions';
import { fail, ok, type Result } from '../lib/result';
import { monitorFor } from '../monitor/post-monitor';

/** The reason a merchant gives for a rejection; the shopper reads it on their status page. */
export const rejectionReason = z
  .string({ error: 'Write the reason the shopper will read.' })
  .trim()
  .min(5, { error: 'Write the reason the shopper will read, at least 5 characters.' })
  .max(300, { error: 'Keep the reason to 300 characters or fewer.' });

export type Decision = { kind: 'approve' } | { kind: 'reject'; reason: string };

export type DecisionFailure = 'wrong_state' | 'conflict';

type Decider = { env: Cloudflare.Env; db: Database; memberId: string; now?: number };

const DECIDED: Partial<Record<SubmissionState, string>> = {
  approved: 'already approved',
  activated: 'already approved, and its code is active',
  rejected: 'already rejected',
};

/** Where a submission in `state` stands, in words for the merchant: "already rejected". */
export function decidedWords(state: SubmissionState): string {
  return DECIDED[state] ?? `not waiting for review (it is ${state.replaceAll('_', ' ')})`;
}

// Only a submission read in manual review gets this far, so a refused move lost a race.
const changedMeanwhile = () =>
  fail('conflict', 'Someone decided this submission meanwhile; reload to see how.');

function notInReview(state: SubmissionState) {
  return fail('wrong_state', `This submission is ${decidedWords(state)}; nothing changed.`);
}

/**
 * Approves a submission waiting for manual review, then wakes its monitor, whose activation
 * step switches the code on and emails the shopper. The next check time written with the move
 * lets the cron re-arm the monitor should the wake-up itself be lost.
 */
async function approve(
  { env, db, memberId, now = Date.now() }: Decider,
  submission: Submission,
): Promise<Result<void, DecisionFailure>> {
  const moved = await transitionSubmission(db, submission, {
    to: 'approved',
    actor: 'merchant',
    reason: 'approved by the store after a review by hand',
    data: { memberId },
    changes: { outcomeReason: null, decidedAt: new Date(now), nextCheckAt: new Date(now) },
  });
  if (!moved.ok) return changedMeanwhile();

  await monitorFor(env, submission.id).arm(submission.id, now);
  return ok(undefined);
}

async function reject(
  { db, memberId, now = Date.now() }: Decider,
  submission: Submission,
  reason: string,
): Promise<Result<void, DecisionFailure>> {
  const moved = await transitionSubmission(db, submission, {
    to: 'rejected',
    actor: 'merchant',
    reason,
    data: { memberId },
    changes: { outcomeReason: reason, decidedAt: new Date(now), nextCheckAt: null },
  });
  if (!moved.ok) return changedMeanwhile();
  return ok(undefined);
}

/**
 * Applies a merchant's decision to a submission waiting for manual review. The move is guarded
 * by the state read, so a second click, or two members deciding at once, moves it once and the
 * other gets `wrong_state` or `conflict` with nothing written.
 */
export async function decideSubmission(
  decider: Decider,
  submission: Submission,
  decision: Decision,
): Promise<Result<void, DecisionFailure>> {
  if (submission.state !== 'manual_review') return notInReview(submission.state);
  if (decision.kind === 'approve') return approve(decider, submission);
  return reject(decider, submission, decision.reason);
}
