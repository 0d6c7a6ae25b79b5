import { and, eq, isNotNull, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { qualified } from '../db/qualified';
import { campaigns, journeys, merchants, submissionEvents, submissions } from '../db/schema';
import type { Logger } from '../lib/logger';
import { ERASURE_EVENT, type ErasureCount, eraseShoppers } from '../webhooks/erasure';

// Journeys erased per cron run. Each costs a few rows and up to three R2 objects; at one run
// every 10 minutes this clears close to 30,000 shoppers a day while keeping a run short.
export const PURGE_BATCH = 200;

const DAY_MS = 86_400_000;

// When an ended campaign ended: the console sets `ends_at` to the moment the merchant ends it,
// so that is the date; a campaign ended without one (older rows, an operator's edit) counts
// from its last change, and from its creation when it has neither. Campaigns still active or
// paused are never purged, even past their end date: the merchant may extend them, and their
// data ages only once they are marked ended.
const endedAt = sql`coalesce(${campaigns.endsAt}, ${campaigns.updatedAt}, ${campaigns.createdAt})`;

// A journey still holding something to erase: its email, or a submission with no erasure
// event. Erased journeys drop out, so the purge makes progress and a rerun erases nothing twice.
const holdsData = or(
  isNotNull(journeys.email),
  sql`exists (select 1 from ${submissions}
    where ${qualified(submissions.journeyId)} = ${qualified(journeys.id)}
      and not exists (select 1 from ${submissionEvents}
        where ${qualified(submissionEvents.submissionId)} = ${qualified(submissions.id)}
          and ${qualified(submissionEvents.kind)} = ${ERASURE_EVENT}))`,
);

/**
 * The cron's retention purge: erases the shoppers of every campaign that ended more than its
 * merchant's retention days before `now`, at most `limit` journeys per run. Idempotent;
 * one merchant's failure is logged and leaves the others' purge going.
 */
export async function purgeExpiredShopperData(
  env: Cloudflare.Env,
  db: Database,
  logger: Logger,
  now = Date.now(),
  limit = PURGE_BATCH,
): Promise<ErasureCount> {
  const due = await db
    .select({ journeyId: journeys.id, merchantId: campaigns.merchantId })
    .from(journeys)
    .innerJoin(campaigns, eq(campaigns.id, journeys.campaignId))
    .innerJoin(merchants, eq(merchants.id, campaigns.merchantId))
    .where(
      and(
        eq(campaigns.status, 'ended'),
        sql`${endedAt} <= ${now} - ${merchants.retentionDays} * ${DAY_MS}`,
        holdsData,
      ),
    )
    .limit(limit);

  const byMerchant = new Map<string, string[]>();
  for (const row of due) {
    byMerchant.set(row.merchantId, [...(byMerchant.get(row.merchantId) ?? []), row.journeyId]);
  }

  const total: ErasureCount = { journeys: 0, submissions: 0, objects: 0 };
  for (const [merchantId, journeyIds] of byMerchant) {
    try {
      const erased = await eraseShoppers(db, env.MEDIA, { merchantId, journeyIds }, 'retention');
      total.journeys += erased.journeys;
      total.submissions += erased.submissions;
      total.objects += erased.objects;
    } catch (error) {
      logger.error('retention purge failed for a merchant', { merchantId, error });
    }
  }

  if (due.length > 0) logger.info('retention purge erased shoppers', { ...total });
  return total;
}
