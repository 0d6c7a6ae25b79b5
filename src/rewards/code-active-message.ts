import { eq } from 'drizzle-orm';
import type { PublicCampaign } from '../db/campaigns';
import type { Database } from '../db/client';
import { journeys } from '../db/schema';
import type { Submission } from '../db/submissions';
import {
  CODE_ACTIVE_KIND,
  codeActiveDedupeKey,
  codeActiveEmail,
} from '../notify/code-active-email';
import type { EmailToQueue } from '../notify/outbox';

type MessageInput = {
  env: Cloudflare.Env;
  submission: Submission;
  campaign: PublicCampaign;
  promoCode: string;
  expiresAt: Date | null;
};

/**
 * The email telling the shopper their code is live, or null when we have no address. It is
 * returned as data, not as a query: an awaited drizzle query would run on its own, outside the
 * activation's transaction.
 * Its dedupe key is per submission, so however often activation is retried, one email exists.
 * Gap: without `PUBLIC_ORIGIN` set the email carries no link to the status page (emails are
 * sent from the monitor, which has no request to take an origin from).
 */
export async function codeActiveMessage(
  db: Database,
  input: MessageInput,
): Promise<EmailToQueue | null> {
  const { env, submission, campaign } = input;
  const journey = await db.query.journeys.findFirst({
    where: eq(journeys.id, submission.journeyId),
  });
  if (!journey?.email) return null;

  const origin = env.PUBLIC_ORIGIN?.replace(/\/+$/, '') ?? '';
  const content = codeActiveEmail({
    storeName: campaign.storeName,
    offerText: campaign.offerText,
    promoCode: input.promoCode,
    store: { platform: campaign.storePlatform, domain: campaign.storeDomain },
    usageLimit: campaign.codeUsageLimit,
    expiresAt: input.expiresAt,
    statusUrl: origin ? `${origin}/s/${submission.id}` : '',
  });
  return {
    dedupeKey: codeActiveDedupeKey(submission.id),
    kind: CODE_ACTIVE_KIND,
    merchantId: campaign.merchantId,
    submissionId: submission.id,
    to: journey.email,
    ...content,
  };
}
