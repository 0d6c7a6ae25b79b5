import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findSubmissionPromoCode } from '../../src/db/promo-codes';
import { emailOutbox, journeys, submissions } from '../../src/db/schema';
import { findSubmission } from '../../src/db/submissions';
import { createLogger } from '../../src/lib/logger';
import { runMonitorStep } from '../../src/monitor/run-step';
import { socialAdapterFor } from '../../src/social';
import created from '../fixtures/stores/shopify/discountCodeBasicCreate.ok.case.json';
import { generatedJourney } from '../helpers/journey-generated';
import { connectShopifyStore, db, seedMerchant } from '../helpers/seed';

const TOKEN = 'shpat_0123456789abcdef0123456789abcdef';
const SHOP = 'alice-shops.myshopify.com';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A verified submission of a live (not test-mode) campaign in a connected Shopify store. */
async function verifiedInShopify() {
  const { store, campaign } = await seedMerchant({ testMode: false, platforms: ['bluesky'] });
  await connectShopifyStore(store.id, SHOP, { accessToken: TOKEN });
  const { submission } = await generatedJourney(campaign.id, 'bluesky', 'me.bsky.social');
  await db()
    .update(journeys)
    .set({ email: 'shopper@example.com' })
    .where(eq(journeys.id, submission.journeyId));
  await db()
    .update(submissions)
    .set({ state: 'verified' })
    .where(eq(submissions.id, submission.id));
  return submission.id;
}

const step = (submissionId: string, failures = 0) =>
  runMonitorStep(
    { env, db: db(), logger: createLogger('error'), adapterFor: socialAdapterFor(env, db()) },
    submissionId,
    { looks: 0, failures },
  );

function shopifyAnswers(...answers: Response[]) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async () => {
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    return next;
  });
}

describe('activation in a Shopify store', () => {
  it('retries a store that is down, then switches the code on once and emails once', async () => {
    const submissionId = await verifiedInShopify();
    const calls = shopifyAnswers(
      new Response('upstream down', { status: 502 }),
      Response.json(created.response),
    );

    const down = await step(submissionId);
    const stateWhileDown = (await findSubmission(db(), submissionId))?.state;
    const back = await step(submissionId, down.counters.failures);

    const code = await findSubmissionPromoCode(db(), submissionId);
    const emails = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.submissionId, submissionId));
    const request = calls.mock.calls[0]?.[0] as Request | string;
    const headers = new Headers(calls.mock.calls[0]?.[1]?.headers ?? (request as Request).headers);
    expect(down.nextAt).toBeGreaterThan(Date.now());
    expect(down.counters.failures).toBe(1);
    expect(stateWhileDown).toBe('verified');
    expect(back.nextAt).toBeNull();
    // Decided: no next check is left for the cron's search of overdue monitors to read.
    expect(await findSubmission(db(), submissionId)).toMatchObject({
      state: 'activated',
      nextCheckAt: null,
    });
    expect(code).toMatchObject({
      status: 'active',
      externalId: created.response.data.discountCodeBasicCreate.codeDiscountNode.id,
    });
    expect(headers.get('X-Shopify-Access-Token')).toBe(TOKEN);
    expect(emails).toHaveLength(1);
  });

  it('stops and tells the merchant when the store refuses the credentials', async () => {
    const submissionId = await verifiedInShopify();
    shopifyAnswers(
      Response.json({ errors: '[API] Invalid API key or access token' }, { status: 401 }),
    );

    const outcome = await step(submissionId);

    expect(outcome.nextAt).toBeNull();
    expect((await findSubmission(db(), submissionId))?.state).toBe('activation_failed');
    expect((await findSubmissionPromoCode(db(), submissionId))?.status).toBe('reserved');
  });
});
