import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findSubmissionPromoCode } from '../../src/db/promo-codes';
import { emailOutbox, submissions } from '../../src/db/schema';
import { findSubmission, listSubmissionEvents } from '../../src/db/submissions';
import { monitorFor } from '../../src/monitor/post-monitor';
import created from '../fixtures/stores/shopify/discountCodeBasicCreate.ok.case.json';
import { consoleGet, consolePost, seedMember, signedInMerchant } from '../helpers/console';
import { request } from '../helpers/http';
import { db } from '../helpers/seed';
import { jsonResponse, mockNetwork } from '../social/fetch-mock';
import { connectShopify, generated, insertSubmission, SHOP } from './review-fixtures';

afterEach(() => {
  vi.restoreAllMocks();
});

const REASON = 'The post shows another brand of coffee.';

const stateOf = async (id: string) => (await findSubmission(db(), id))?.state;

// An approved submission's monitor is armed for now and may run by itself at any moment, so
// tests read the decision from the history rather than from the current state.
async function approvals(id: string) {
  const events = await listSubmissionEvents(db(), id);
  return events.filter((event) => event.toState === 'approved');
}

const emailsOf = (submissionId: string) =>
  db().select().from(emailOutbox).where(eq(emailOutbox.submissionId, submissionId));

describe('approving a submission', () => {
  it('moves it to approved, wakes its monitor, and the monitor switches the code on', async () => {
    const { campaign, owner } = await signedInMerchant();
    const submission = await generated(campaign.id, 'manual_review');

    const response = await consolePost(
      `/console/submissions/${submission.id}/approve`,
      {},
      owner.cookie,
    );
    const approved = await findSubmission(db(), submission.id);
    const armed = await monitorFor(env, submission.id).describe();
    await runDurableObjectAlarm(monitorFor(env, submission.id));

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe(
      `/console/submissions/${submission.id}?done=approved`,
    );
    expect(approved?.decidedAt).toBeInstanceOf(Date);
    expect(armed.submissionId).toBe(submission.id);
    const events = await listSubmissionEvents(db(), submission.id);
    expect(events.find((event) => event.toState === 'approved')).toMatchObject({
      actor: 'merchant',
      fromState: 'manual_review',
      data: { memberId: owner.member.id },
    });
    await vi.waitFor(async () => expect(await stateOf(submission.id)).toBe('activated'));
    expect((await findSubmissionPromoCode(db(), submission.id))?.status).toBe('active');
    const emails = await emailsOf(submission.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.toAddress).toBe('shopper@example.com');
  });

  it('clears the review note and writes the next check time the cron falls back on', async () => {
    const { campaign, owner } = await signedInMerchant();
    const submission = await insertSubmission(campaign, {
      state: 'manual_review',
      outcomeReason: 'The store will review your post by hand.',
    });

    await consolePost(`/console/submissions/${submission.id}/approve`, {}, owner.cookie);

    const [row] = await db().select().from(submissions).where(eq(submissions.id, submission.id));
    expect(row?.outcomeReason).toBeNull();
    expect(row?.nextCheckAt).toBeInstanceOf(Date);
  });

  it('answers a second click with 409 and records one decision', async () => {
    const { campaign, owner } = await signedInMerchant();
    const submission = await insertSubmission(campaign, { state: 'manual_review' });
    const path = `/console/submissions/${submission.id}/approve`;

    await consolePost(path, {}, owner.cookie);
    const again = await consolePost(path, {}, owner.cookie);

    expect(again.status).toBe(409);
    // The monitor may have switched the code on between the clicks; the answer says so.
    expect(await again.text()).toMatch(
      /already approved(, and its code is active)?; nothing changed\./,
    );
    expect(await approvals(submission.id)).toHaveLength(1);
  });

  it('answers 409 for a submission the monitor is still checking', async () => {
    const { campaign, owner } = await signedInMerchant();
    const submission = await insertSubmission(campaign, { state: 'holding' });

    const response = await consolePost(
      `/console/submissions/${submission.id}/approve`,
      {},
      owner.cookie,
    );

    expect(response.status).toBe(409);
    expect(await response.text()).toContain('not waiting for review (it is holding)');
    expect(await stateOf(submission.id)).toBe('holding');
  });

  it('lets staff decide, and answers htmx with HX-Redirect', async () => {
    const { merchant, campaign } = await signedInMerchant();
    const staff = await seedMember(merchant.id, 'staff');
    const submission = await insertSubmission(campaign, { state: 'manual_review' });

    const response = await consolePost(
      `/console/submissions/${submission.id}/approve`,
      {},
      staff.cookie,
      { 'HX-Request': 'true' },
    );

    expect(response.status).toBe(204);
    expect(response.headers.get('HX-Redirect')).toBe(
      `/console/submissions/${submission.id}?done=approved`,
    );
    expect(await approvals(submission.id)).toMatchObject([
      { actor: 'merchant', data: { memberId: staff.member.id } },
    ]);
  });

  it('refuses a signed-out post with 401', async () => {
    const { campaign } = await signedInMerchant();
    const submission = await insertSubmission(campaign, { state: 'manual_review' });

    const response = await consolePost(`/console/submissions/${submission.id}/approve`, {});

    expect(response.status).toBe(401);
    expect(await stateOf(submission.id)).toBe('manual_review');
  });
});

describe('rejecting a submission', () => {
  it('stores the reason, which the shopper reads on their status page', async () => {
    const { campaign, owner } = await signedInMerchant();
    const submission = await insertSubmission(campaign, { state: 'manual_review' });

    const response = await consolePost(
      `/console/submissions/${submission.id}/reject`,
      { reason: `  ${REASON} ` },
      owner.cookie,
    );
    const status = await request(`/s/${submission.id}`);

    expect(response.status).toBe(303);
    const stored = await findSubmission(db(), submission.id);
    expect(stored).toMatchObject({ state: 'rejected', outcomeReason: REASON });
    const events = await listSubmissionEvents(db(), submission.id);
    expect(events.at(-1)).toMatchObject({ actor: 'merchant', reason: REASON, toState: 'rejected' });
    expect(await status.text()).toContain(REASON);
    const page = await consoleGet(
      `/console/submissions/${submission.id}?done=rejected`,
      owner.cookie,
    );
    expect(await page.text()).toContain('Rejected. The shopper sees your reason');
  });

  it('re-renders the page with an error beside the reason when it is too short', async () => {
    const { campaign, owner } = await signedInMerchant();
    const submission = await insertSubmission(campaign, { state: 'manual_review' });

    const response = await consolePost(
      `/console/submissions/${submission.id}/reject`,
      { reason: 'No' },
      owner.cookie,
    );

    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('at least 5 characters');
    expect(page).toMatch(/<textarea[^>]*aria-invalid="true"[^>]*>No<\/textarea>/);
    expect(await stateOf(submission.id)).toBe('manual_review');
  });

  it('refuses a reason longer than 300 characters, keeping it', async () => {
    const { campaign, owner } = await signedInMerchant();
    const submission = await insertSubmission(campaign, { state: 'manual_review' });
    const long = 'a'.repeat(301);

    const response = await consolePost(
      `/console/submissions/${submission.id}/reject`,
      { reason: long },
      owner.cookie,
    );

    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('300 characters or fewer');
    expect(page).toContain(long);
    expect(await stateOf(submission.id)).toBe('manual_review');
  });

  it('answers 409 for a submission already decided', async () => {
    const { campaign, owner } = await signedInMerchant();
    const submission = await insertSubmission(campaign, { state: 'rejected' });

    const response = await consolePost(
      `/console/submissions/${submission.id}/reject`,
      { reason: REASON },
      owner.cookie,
    );

    expect(response.status).toBe(409);
    expect(await response.text()).toContain('already rejected');
  });
});

describe('bulk decisions from the queue', () => {
  it("moves the valid ones, reports the decided ones and leaves another merchant's alone", async () => {
    const { campaign, owner } = await signedInMerchant();
    const other = await signedInMerchant();
    const first = await insertSubmission(campaign, { state: 'manual_review', handle: 'first' });
    const second = await insertSubmission(campaign, { state: 'manual_review', handle: 'second' });
    const decided = await insertSubmission(campaign, { state: 'rejected', handle: 'decided' });
    const theirs = await insertSubmission(other.campaign, { state: 'manual_review' });
    const ids = [first.id, second.id, decided.id, theirs.id, 'sub_nothing'];

    const response = await consolePost(
      '/console/review/queue',
      { ids, action: 'approve', reason: '' },
      owner.cookie,
    );
    const location = response.headers.get('Location') ?? '';
    const report = await (await consoleGet(location, owner.cookie)).text();

    expect(response.status).toBe(303);
    expect(await approvals(first.id)).toHaveLength(1);
    expect(await approvals(second.id)).toHaveLength(1);
    expect(await stateOf(decided.id)).toBe('rejected');
    expect(await stateOf(theirs.id)).toBe('manual_review');
    expect((await monitorFor(env, first.id).describe()).submissionId).toBe(first.id);
    expect((await monitorFor(env, theirs.id).describe()).submissionId).toBe('');
    expect(report).toContain('2 submissions approved.');
    expect(report).toMatch(/@decided<\/a>: already rejected/);
    expect(report).toContain('2 selected ids are not in your account.');
    expect(report).not.toContain(theirs.handle);
  });

  it('rejects every selected submission with the one reason', async () => {
    const { campaign, owner } = await signedInMerchant();
    const first = await insertSubmission(campaign, { state: 'manual_review' });
    const second = await insertSubmission(campaign, { state: 'manual_review' });

    const response = await consolePost(
      '/console/review/queue',
      { ids: [first.id, second.id], action: 'reject', reason: REASON },
      owner.cookie,
    );

    expect(response.status).toBe(303);
    for (const id of [first.id, second.id]) {
      expect(await findSubmission(db(), id)).toMatchObject({
        state: 'rejected',
        outcomeReason: REASON,
      });
    }
  });

  it('re-renders the queue with the error, the ticks and the reason when rejecting without one', async () => {
    const { campaign, owner } = await signedInMerchant();
    const waiting = await insertSubmission(campaign, { state: 'manual_review' });

    const response = await consolePost(
      '/console/review/queue',
      { ids: [waiting.id], action: 'reject', reason: 'Bad' },
      owner.cookie,
    );

    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('at least 5 characters');
    expect(page).toMatch(new RegExp(`value="${waiting.id}" id="pick-${waiting.id}" checked`));
    expect(page).toMatch(/>Bad<\/textarea>/);
    expect(await stateOf(waiting.id)).toBe('manual_review');
  });

  it('re-renders the queue with an error when nothing is selected', async () => {
    const { campaign, owner } = await signedInMerchant();
    await insertSubmission(campaign, { state: 'manual_review' });

    const response = await consolePost(
      '/console/review/queue',
      { action: 'approve' },
      owner.cookie,
    );

    expect(response.status).toBe(422);
    expect(await response.text()).toContain('Select at least one submission.');
  });

  it('refuses a signed-out post with 401', async () => {
    const { campaign } = await signedInMerchant();
    const waiting = await insertSubmission(campaign, { state: 'manual_review' });

    const response = await consolePost('/console/review/queue', {
      ids: [waiting.id],
      action: 'approve',
    });

    expect(response.status).toBe(401);
    expect(await stateOf(waiting.id)).toBe('manual_review');
  });
});

/** A submission whose code the store did not switch on, with the shopper's email known. */
async function activationFailed(campaign: Parameters<typeof insertSubmission>[0]) {
  return insertSubmission(campaign, {
    state: 'activation_failed',
    email: 'shopper@example.com',
  });
}

function shopifyAnswers(answer: () => Response) {
  return mockNetwork((url) => (url.hostname === SHOP ? answer() : undefined));
}

describe('retrying a failed activation', () => {
  it('switches the code on in a sandbox store and queues the shopper email', async () => {
    const { campaign, owner } = await signedInMerchant();
    const submission = await activationFailed(campaign);

    const response = await consolePost(
      `/console/submissions/${submission.id}/retry-activation`,
      {},
      owner.cookie,
    );

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe(
      `/console/submissions/${submission.id}?done=activated`,
    );
    expect(await stateOf(submission.id)).toBe('activated');
    expect((await findSubmissionPromoCode(db(), submission.id))?.status).toBe('active');
    expect(await emailsOf(submission.id)).toHaveLength(1);
  });

  it('switches the code on in Shopify when the store answers', async () => {
    const { store, campaign, owner } = await signedInMerchant();
    await connectShopify(store.id, campaign.id);
    const submission = await activationFailed(campaign);
    const network = shopifyAnswers(() => jsonResponse(created.response));

    await consolePost(`/console/submissions/${submission.id}/retry-activation`, {}, owner.cookie);

    expect(network.requests[0]?.headers.get('X-Shopify-Access-Token')).toMatch(/^shpat_/);
    expect(await stateOf(submission.id)).toBe('activated');
    expect((await findSubmissionPromoCode(db(), submission.id))?.externalId).toBe(
      created.response.data.discountCodeBasicCreate.codeDiscountNode.id,
    );
  });

  it("reports the store's reason when Shopify refuses the credentials", async () => {
    const { store, campaign, owner } = await signedInMerchant();
    await connectShopify(store.id, campaign.id);
    const submission = await activationFailed(campaign);
    shopifyAnswers(() => jsonResponse({ errors: '[API] Invalid API key or access token' }, 401));

    const response = await consolePost(
      `/console/submissions/${submission.id}/retry-activation`,
      {},
      owner.cookie,
    );
    const page = await (
      await consoleGet(response.headers.get('Location') ?? '', owner.cookie)
    ).text();

    expect(response.headers.get('Location')).toBe(
      `/console/submissions/${submission.id}?done=retry-failed`,
    );
    expect(await stateOf(submission.id)).toBe('activation_failed');
    expect((await findSubmissionPromoCode(db(), submission.id))?.status).toBe('reserved');
    expect(await emailsOf(submission.id)).toHaveLength(0);
    expect(page).toContain('The store still did not switch the code on.');
    expect(page).toContain('refused the store credentials (HTTP 401)');
    const events = await listSubmissionEvents(db(), submission.id);
    expect(events.at(-1)).toMatchObject({
      actor: 'merchant',
      fromState: 'activation_failed',
      toState: 'activation_failed',
      data: { memberId: owner.member.id, failure: 'auth' },
    });
  });

  it('reports a store that is down', async () => {
    const { store, campaign, owner } = await signedInMerchant();
    await connectShopify(store.id, campaign.id);
    const submission = await activationFailed(campaign);
    shopifyAnswers(
      () =>
        new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    );

    await consolePost(`/console/submissions/${submission.id}/retry-activation`, {}, owner.cookie);
    const page = await (
      await consoleGet(`/console/submissions/${submission.id}`, owner.cookie)
    ).text();

    expect(await stateOf(submission.id)).toBe('activation_failed');
    expect(page).toContain('HTTP 502');
  });

  it('answers 409 for a submission whose activation did not fail', async () => {
    const { campaign, owner } = await signedInMerchant();
    const submission = await insertSubmission(campaign, { state: 'activated' });

    const response = await consolePost(
      `/console/submissions/${submission.id}/retry-activation`,
      {},
      owner.cookie,
    );

    expect(response.status).toBe(409);
    expect(await response.text()).toContain('this submission is activated');
  });

  it('refuses a signed-out post with 401', async () => {
    const { campaign } = await signedInMerchant();
    const submission = await activationFailed(campaign);

    const response = await consolePost(
      `/console/submissions/${submission.id}/retry-activation`,
      {},
    );

    expect(response.status).toBe(401);
    expect(await stateOf(submission.id)).toBe('activation_failed');
  });
});
