import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { journeys, submissions } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import { createLogger } from '../../src/lib/logger';
import { monitorFor } from '../../src/monitor/post-monitor';
import { reconcileMonitors } from '../../src/monitor/reconcile';
import { db, seedMerchant } from '../helpers/seed';

async function seedSubmission(
  campaignId: string,
  state: 'awaiting_post' | 'holding' | 'activated',
  nextCheckAt: Date,
) {
  const journey = { id: newId('jny'), campaignId };
  const submission = {
    id: newId('sub'),
    journeyId: journey.id,
    campaignId,
    platform: 'sandbox' as const,
    handle: 'shopper',
    state,
    nextCheckAt,
  };
  await db().batch([
    db().insert(journeys).values(journey),
    db().insert(submissions).values(submission),
  ]);
  return submission.id;
}

describe('reconcileMonitors', () => {
  it('re-arms only watched submissions whose next check is well overdue', async () => {
    const { campaign } = await seedMerchant();
    const now = Date.now();
    const overdue = await seedSubmission(campaign.id, 'holding', new Date(now - 3_600_000));
    const onTime = await seedSubmission(campaign.id, 'awaiting_post', new Date(now + 60_000));
    const decided = await seedSubmission(campaign.id, 'activated', new Date(now - 3_600_000));

    const count = await reconcileMonitors(env, db(), createLogger('error'), now);

    expect(count).toBe(1);
    // Only a monitor that was armed knows its submission id.
    expect((await monitorFor(env, overdue).describe()).submissionId).toBe(overdue);
    expect((await monitorFor(env, onTime).describe()).submissionId).toBe('');
    expect((await monitorFor(env, decided).describe()).submissionId).toBe('');
  });
});
