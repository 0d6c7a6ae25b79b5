import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { findPublicCampaign } from '../db/campaigns';
import type { Database } from '../db/client';
import { findSubmissionPromoCode } from '../db/promo-codes';
import { findSubmission, listSubmissionEvents } from '../db/submissions';
import {
  checkResults,
  describeTimeLeft,
  isPending,
  STATE_COPY,
  waitEndsAt,
} from '../domain/status';
import type { AppEnv } from '../env';
import { fastForward } from '../journey/fast-forward';
import { StatusPage } from '../views/StatusPage';
import { redirectAfterPost } from './journey-context';

async function loadSubmission(db: Database, submissionId: string) {
  const submission = await findSubmission(db, submissionId);
  const campaign = submission && (await findPublicCampaign(db, submission.campaignId));
  if (!submission || !campaign) {
    throw new HTTPException(404, { message: 'We have no post at this address.' });
  }
  return { submission, campaign };
}

/** `/s/:submissionId`: the shopper's status page. */
export const statusRoutes = new Hono<AppEnv>()
  .get('/s/:submissionId', async (c) => {
    const db = c.get('db');
    const { submission, campaign } = await loadSubmission(db, c.req.param('submissionId'));

    const [events, promoCode] = await Promise.all([
      listSubmissionEvents(db, submission.id),
      findSubmissionPromoCode(db, submission.id),
    ]);
    const endsAt = waitEndsAt(submission, campaign.holdHours);

    c.header('Cache-Control', 'no-store');
    return c.html(
      <StatusPage
        campaign={campaign}
        submission={submission}
        {...STATE_COPY[submission.state]}
        checks={checkResults(events)}
        timeLeft={endsAt ? describeTimeLeft(endsAt) : null}
        promoCode={promoCode?.code ?? null}
        pending={isPending(submission.state)}
        testMode={campaign.testMode}
      />,
    );
  })
  .post('/s/:submissionId/fast-forward', async (c) => {
    const db = c.get('db');
    const { submission, campaign } = await loadSubmission(db, c.req.param('submissionId'));

    const result = await fastForward(c.env, db, submission, campaign);
    if (!result.ok) throw new HTTPException(409, { message: result.message });
    return redirectAfterPost(c, `/s/${submission.id}`);
  });
