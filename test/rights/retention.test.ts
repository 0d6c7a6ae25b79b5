import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { journeys, merchants, type SubmissionState, submissions } from '../../src/db/schema';
import worker from '../../src/index';
import { createLogger } from '../../src/lib/logger';
import { purgeExpiredShopperData } from '../../src/rights/retention';
import { db, seedMerchant } from '../helpers/seed';
import { daysAgo, seedShopper } from '../helpers/shoppers';

const POSTED: SubmissionState[] = ['generated', 'awaiting_post', 'found', 'holding', 'verified'];
const logger = createLogger('error');

type CampaignOverrides = Parameters<typeof seedMerchant>[0];

/** A merchant keeping data `retentionDays`, one campaign, and one shopper with a post. */
async function campaignWithShopper(retentionDays: number, campaign: CampaignOverrides) {
  const seeded = await seedMerchant(campaign);
  await db().update(merchants).set({ retentionDays }).where(eq(merchants.id, seeded.merchant.id));
  const shopper = await seedShopper(seeded.campaign, { path: POSTED, files: true });
  return { ...seeded, shopper };
}

async function isErased(shopper: Awaited<ReturnType<typeof seedShopper>>) {
  const journey = await db().query.journeys.findFirst({
    where: eq(journeys.id, shopper.journey.id),
  });
  const submission = await db().query.submissions.findFirst({
    where: eq(submissions.id, shopper.submission?.id ?? ''),
  });
  return journey?.email === null && submission?.handle === 'erased';
}

describe('purgeExpiredShopperData', () => {
  it("erases only the shoppers of campaigns that ended longer ago than the merchant's days", async () => {
    const expired = await campaignWithShopper(30, { status: 'ended', endsAt: daysAgo(31) });
    const endedByHand = await campaignWithShopper(30, {
      status: 'ended',
      endsAt: null,
      updatedAt: daysAgo(45),
    });
    const recent = await campaignWithShopper(30, { status: 'ended', endsAt: daysAgo(29) });
    const longerKept = await campaignWithShopper(180, { status: 'ended', endsAt: daysAgo(31) });
    const stillActive = await campaignWithShopper(30, { status: 'active', endsAt: daysAgo(400) });

    const erased = await purgeExpiredShopperData(env, db(), logger);

    expect(erased).toMatchObject({ journeys: 2, submissions: 2 });
    expect(await isErased(expired.shopper)).toBe(true);
    expect(await isErased(endedByHand.shopper)).toBe(true);
    expect(await env.MEDIA.head(expired.shopper.keys[0] ?? '')).toBeNull();
    for (const kept of [recent, longerKept, stillActive]) {
      expect(await isErased(kept.shopper)).toBe(false);
      expect(await env.MEDIA.head(kept.shopper.keys[0] ?? '')).not.toBeNull();
    }
    const status = (
      await db().query.submissions.findFirst({
        where: eq(submissions.id, expired.shopper.submission?.id ?? ''),
      })
    )?.outcomeReason;
    expect(status).toContain('the store keeps it only for a set time after a campaign ends');
  });

  it('erases in bounded batches and nothing twice', async () => {
    const expired = await campaignWithShopper(30, { status: 'ended', endsAt: daysAgo(60) });
    await seedShopper(expired.campaign, { path: POSTED });
    await seedShopper(expired.campaign, { email: 'only-an-email@example.com' });

    const first = await purgeExpiredShopperData(env, db(), logger, Date.now(), 2);
    const second = await purgeExpiredShopperData(env, db(), logger, Date.now(), 2);
    const third = await purgeExpiredShopperData(env, db(), logger, Date.now(), 2);

    expect(first.journeys).toBe(2);
    expect(second.journeys).toBe(1);
    expect(third).toEqual({ journeys: 0, submissions: 0, objects: 0 });
    const left = await db()
      .select({ email: journeys.email })
      .from(journeys)
      .where(eq(journeys.campaignId, expired.campaign.id));
    expect(left.map((row) => row.email)).toEqual([null, null, null]);
  });

  it('runs from the cron trigger', async () => {
    const expired = await campaignWithShopper(30, { status: 'ended', endsAt: daysAgo(90) });
    const controller = createScheduledController({
      scheduledTime: Date.now(),
      cron: '*/10 * * * *',
    });
    const ctx = createExecutionContext();

    await worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);

    expect(await isErased(expired.shopper)).toBe(true);
  });
});
