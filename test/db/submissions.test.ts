import { describe, expect, it } from 'vitest';
import { journeys, submissions } from '../../src/db/schema';
import { listSubmissionEvents, transitionSubmission } from '../../src/db/submissions';
import { newId } from '../../src/lib/ids';
import { db, seedMerchant } from '../helpers/seed';

async function seedDraft() {
  const { campaign } = await seedMerchant();
  const journey = { id: newId('jny'), campaignId: campaign.id };
  const submission = {
    id: newId('sub'),
    journeyId: journey.id,
    campaignId: campaign.id,
    platform: 'sandbox' as const,
    handle: 'shopper',
  };
  await db().batch([
    db().insert(journeys).values(journey),
    db().insert(submissions).values(submission),
  ]);
  return { ...submission, state: 'draft' as const };
}

describe('transitionSubmission', () => {
  it('moves the state and appends one event with who, why and the data', async () => {
    const submission = await seedDraft();

    const result = await transitionSubmission(db(), submission, {
      to: 'generated',
      actor: 'shopper',
      reason: 'preview generated',
      data: { promoCode: 'SHARE-ABCDEFGH' },
      changes: { caption: 'Hello' },
    });

    const events = await listSubmissionEvents(db(), submission.id);
    const stored = await db().query.submissions.findFirst();
    expect(result.ok).toBe(true);
    expect(stored).toMatchObject({ state: 'generated', caption: 'Hello' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: 'shopper',
      kind: 'transition',
      fromState: 'draft',
      toState: 'generated',
      reason: 'preview generated',
      data: { promoCode: 'SHARE-ABCDEFGH' },
    });
  });

  it('refuses a move the state machine does not allow, writing nothing', async () => {
    const submission = await seedDraft();

    const result = await transitionSubmission(db(), submission, {
      to: 'activated',
      actor: 'system',
    });

    expect(result).toMatchObject({ ok: false, reason: 'not_allowed' });
    expect(await listSubmissionEvents(db(), submission.id)).toEqual([]);
  });

  it('lets only the first of two writers that saw the same state win', async () => {
    const submission = await seedDraft();

    const first = await transitionSubmission(db(), submission, {
      to: 'generated',
      actor: 'shopper',
    });
    const stale = await transitionSubmission(db(), submission, {
      to: 'generated',
      actor: 'shopper',
    });

    expect(first.ok).toBe(true);
    expect(stale).toMatchObject({ ok: false, reason: 'conflict' });
    expect(await listSubmissionEvents(db(), submission.id)).toHaveLength(1);
  });
});
