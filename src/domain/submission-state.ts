import type { SubmissionState } from '../db/schema';

/**
 * The moves a submission may make. Anything else is a bug or a race, and is refused, so a late
 * alarm cannot, say, move an activated submission back to holding.
 */
const TRANSITIONS: Record<SubmissionState, readonly SubmissionState[]> = {
  draft: ['generated'],
  // Back to draft when the shopper changes their platform or username after a preview.
  generated: ['generated', 'draft', 'awaiting_post'],
  awaiting_post: ['found', 'expired', 'rejected', 'manual_review'],
  found: ['holding', 'rejected', 'removed', 'manual_review'],
  holding: ['verified', 'removed', 'rejected', 'manual_review'],
  verified: ['activated', 'activation_failed'],
  activation_failed: ['activated', 'activation_failed'],
  manual_review: ['approved', 'rejected'],
  approved: ['activated', 'activation_failed'],
  activated: [],
  expired: [],
  removed: [],
  rejected: [],
};

/** Whether a submission may move from `from` to `to`. */
export function canTransition(from: SubmissionState, to: SubmissionState): boolean {
  return TRANSITIONS[from].includes(to);
}

/** States in which the shopper can still edit their post before going to the platform. */
export function isEditable(state: SubmissionState): boolean {
  return state === 'draft' || state === 'generated';
}

/** States after which nothing more happens to a submission. */
export function isFinal(state: SubmissionState): boolean {
  return TRANSITIONS[state].length === 0;
}
