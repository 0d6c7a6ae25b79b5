import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { findPublicCampaign } from '../../src/db/campaigns';
import { findSubmissionPromoCode } from '../../src/db/promo-codes';
import { journeys, submissionEvents } from '../../src/db/schema';
import { findStatusPage } from '../../src/db/status-page';
import { recordChecks, transitionSubmission } from '../../src/db/submissions';
import { generatedJourney } from '../helpers/journey-generated';
import { db, seedMerchant } from '../helpers/seed';

describe('findStatusPage', () => {
  it('reads what the separate lookups read, with only the newest event of each check', async () => {
    const { campaign } = await seedMerchant();
    const { submission } = await generatedJourney(campaign.id);
    await db()
      .update(journeys)
      .set({ email: 'shopper@example.com' })
      .where(eq(journeys.id, submission.journeyId));
    await recordChecks(db(), submission.id, [
      { kind: 'image', data: { passed: false, score: 0.41 } },
      { kind: 'caption', data: { passed: true } },
      { kind: 'engagement', data: { likes: 3 } },
    ]);
    await transitionSubmission(db(), submission, {
      to: 'awaiting_post',
      actor: 'shopper',
      reason: 'left for the platform',
    });
    await recordChecks(db(), submission.id, [
      { kind: 'image', data: { passed: true, score: 0.97 } },
    ]);

    const page = await findStatusPage(db(), submission.id);

    const promoCode = await findSubmissionPromoCode(db(), submission.id);
    expect(page?.submission).toMatchObject({ id: submission.id, state: 'awaiting_post' });
    expect(page?.campaign).toEqual(await findPublicCampaign(db(), campaign.id));
    expect(page?.promoCode).toBe(promoCode?.code);
    expect(page?.knownEmail).toBe('shopper@example.com');
    expect(page?.latestChecks).toHaveLength(2);
    expect(page?.latestChecks).toEqual(
      expect.arrayContaining([
        { kind: 'image', data: { passed: true, score: 0.97 } },
        { kind: 'caption', data: { passed: true } },
      ]),
    );
  });

  it('answers a submission with no code, no email and no checks yet', async () => {
    const { campaign } = await seedMerchant();
    const { submission } = await generatedJourney(campaign.id);
    await db().delete(submissionEvents).where(eq(submissionEvents.submissionId, submission.id));

    const page = await findStatusPage(db(), submission.id);

    expect(page?.knownEmail).toBeNull();
    expect(page?.latestChecks).toEqual([]);
  });

  it('answers undefined for an unknown submission', async () => {
    expect(await findStatusPage(db(), 'sub_unknown')).toBeUndefined();
  });
});
