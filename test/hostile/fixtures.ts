import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { createMemberToken, createSession, SESSION_TTL_MS } from '../../src/db/members';
import {
  emailOutbox,
  type SocialPlatform,
  type SubmissionState,
  stores,
  submissions,
} from '../../src/db/schema';
import { seal } from '../../src/lib/credentials';
import { newId } from '../../src/lib/ids';
import { CODE_ACTIVE_KIND } from '../../src/notify/code-active-email';
import { seedMember, signedInMerchant } from '../helpers/console';
import { journeyWithAccount, startJourney } from '../helpers/journey';
import { generatedJourney } from '../helpers/journey-generated';
import { db, seedMerchant } from '../helpers/seed';
import { insertSubmission } from '../review/review-fixtures';
import type { FormFields } from './corpus';

/** A generated submission of `campaignId` moved straight to `state`, as the monitor would. */
export async function submissionIn(
  campaignId: string,
  state: SubmissionState,
  platform: SocialPlatform = 'sandbox',
  username = platform === 'mastodon' ? 'shopper@mastodon.social' : 'shopper',
) {
  const { submission, journeyId } = await generatedJourney(campaignId, platform, username);
  await db().update(submissions).set({ state }).where(eq(submissions.id, submission.id));
  return { ...submission, state, journeyId };
}

/** Gives a store sealed credentials holding `webhookSecret`, as the console would. */
export async function giveWebhookSecret(storeId: string, webhookSecret: string) {
  const sealed = await seal(env, { webhookSecret }, storeId);
  await db()
    .update(stores)
    .set({ credentialsCiphertext: sealed.ciphertext, credentialsKeyId: sealed.keyId })
    .where(eq(stores.id, storeId));
}

export const WEBHOOK_SECRET = 'whsec_hostile_corpus_secret';

/**
 * The shopper side of one merchant, every piece a corpus case needs: a journey at each step, a
 * submission in each state the status page acts on, and a store that signs its webhooks.
 */
export async function shopperFixtures() {
  const { campaign, store } = await seedMerchant({
    platforms: ['instagram', 'bluesky', 'mastodon', 'facebook', 'sandbox'],
  });
  const live = await seedMerchant({ testMode: false, platforms: ['bluesky'] });
  await giveWebhookSecret(store.id, WEBHOOK_SECRET);

  const fresh = await startJourney(campaign.id);
  const draft = await journeyWithAccount(campaign.id, 'sandbox', 'drafter');
  const generated = await submissionIn(campaign.id, 'generated');
  const awaiting = await submissionIn(campaign.id, 'awaiting_post', 'mastodon');
  const manual = await submissionIn(campaign.id, 'manual_review', 'facebook');
  const verified = await submissionIn(campaign.id, 'verified');
  const rejected = await submissionIn(campaign.id, 'rejected');
  const liveAwaiting = await submissionIn(live.campaign.id, 'generated', 'bluesky');

  return {
    campaign,
    store,
    journeys: { fresh, draft, generated: generated.journeyId },
    submissions: { generated, awaiting, manual, verified, rejected, live: liveAwaiting },
  };
}

export type ShopperFixtures = Awaited<ReturnType<typeof shopperFixtures>>;

/** Two signed-in merchants with a submission, an email and a member each; an expired session. */
export async function merchantFixtures() {
  const mine = await signedInMerchant();
  const staff = await seedMember(mine.merchant.id, 'staff');
  const theirs = await signedInMerchant();
  const theirStaff = await seedMember(theirs.merchant.id, 'staff');
  const idle = await signedInMerchant();

  const review = await insertSubmission(mine.campaign, { state: 'manual_review' });
  const waiting = await insertSubmission(mine.campaign, { state: 'awaiting_post' });
  const theirSubmission = await insertSubmission(theirs.campaign, {
    state: 'manual_review',
    screenshotKey: 'photos/ph_theirs.jpg',
    postImageKey: 'posts/post_theirs.jpg',
  });
  const theirEmail = await db()
    .insert(emailOutbox)
    .values({
      id: newId('eml'),
      dedupeKey: `code-active:${theirSubmission.id}`,
      kind: CODE_ACTIVE_KIND,
      merchantId: theirs.merchant.id,
      submissionId: theirSubmission.id,
      toAddress: 'shopper@example.com',
      subject: 'Your code',
      html: '<p>code</p>',
      text: 'code',
    })
    .returning();

  // A session that ran out an hour ago: its row is still there, its cookie must not work.
  const lapsed = await createSession(db(), mine.owner.member, Date.now() - SESSION_TTL_MS - 3.6e6);
  const reset = await createMemberToken(db(), mine.owner.member.id, 'password_reset');

  return {
    mine: { ...mine, staff, review, waiting },
    theirs: { ...theirs, staff: theirStaff, submission: theirSubmission, email: theirEmail[0] },
    idle,
    expiredCookie: `__Host-farout_session=${lapsed}`,
    resetToken: reset.token,
  };
}

export type MerchantFixtures = Awaited<ReturnType<typeof merchantFixtures>>;

/** The text of a campaign form filled in as a merchant would, for a test to spoil one field. */
export const CAMPAIGN_TEXT = {
  name: 'Hostile spring',
  discountType: 'percentage',
  discountValue: '20',
  codePrefix: 'SHARE',
  hashtags: '#roasters',
  background: '#1f1235',
  accent: '#ff8e3c',
  text: '#ffffff',
  offerText: '20% off',
  adDisclosure: '#ad',
  holdHours: '24',
  searchHours: '72',
};

/** The campaign form as posted for `storeId`, with `overrides` in place of the filled fields. */
export function campaignFields(storeId: string, overrides: FormFields = {}): FormFields {
  return { ...CAMPAIGN_TEXT, storeId, platforms: ['instagram', 'bluesky'], ...overrides };
}
