import type { PublicCampaign } from '../db/campaigns';
import type { Database } from '../db/client';
import { recordChecks, type Submission, touchSubmission } from '../db/submissions';
import { parsePostLink } from '../domain/post-link';
import type { Logger } from '../lib/logger';
import { fail, ok, type Result } from '../lib/result';
import { monitorFor } from '../monitor/post-monitor';

/** States in which a pasted link is still useful: the post is being looked for or reviewed. */
export const LINK_STATES: Submission['state'][] = ['awaiting_post', 'manual_review'];

/**
 * Keeps the link to the post that the shopper pasted on their status page. While the post is
 * looked for, the next check runs at once and reads that post first; in manual review the link
 * is what the merchant opens.
 */
export async function pastePostLink(
  env: Cloudflare.Env,
  db: Database,
  logger: Logger,
  input: { submission: Submission; campaign: PublicCampaign; link: string; origin: string },
): Promise<Result<void, 'invalid' | 'too_late'>> {
  const { submission, link, origin } = input;
  if (!LINK_STATES.includes(submission.state)) {
    return fail('too_late', 'Your post has already been found; there is no need for its link.');
  }

  const parsed = parsePostLink(submission.platform, submission.handle, link, origin);
  if (!parsed.ok) return parsed;

  await touchSubmission(db, submission.id, { postUrl: parsed.value.url });
  await recordChecks(db, submission.id, [{ kind: 'link', data: { url: parsed.value.url } }]);
  if (submission.state === 'awaiting_post') {
    try {
      await monitorFor(env, submission.id).arm(submission.id, Date.now());
    } catch (error) {
      logger.error('monitor arming failed, cron will re-arm', {
        submissionId: submission.id,
        error,
      });
    }
  }
  return ok(undefined);
}
