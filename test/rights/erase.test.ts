import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaignResults, utcDay } from '../../src/db/console-results';
import {
  emailOutbox,
  journeys,
  redemptions,
  type SubmissionState,
  submissionEvents,
  submissions,
} from '../../src/db/schema';
import { canTransition } from '../../src/domain/submission-state';
import { ERASURE_EVENT } from '../../src/webhooks/erasure';
import { consoleGet, consolePost, seedMember, signedInMerchant } from '../helpers/console';
import { request } from '../helpers/http';
import { db } from '../helpers/seed';
import { seedShopper } from '../helpers/shoppers';

const ACTIVATED: SubmissionState[] = [
  'generated',
  'awaiting_post',
  'found',
  'holding',
  'verified',
  'activated',
];

async function submissionRow(id: string) {
  return db().query.submissions.findFirst({ where: eq(submissions.id, id) });
}

async function journeyRow(id: string) {
  return db().query.journeys.findFirst({ where: eq(journeys.id, id) });
}

async function eventsOf(submissionId: string) {
  return db().query.submissionEvents.findMany({
    where: eq(submissionEvents.submissionId, submissionId),
    orderBy: (event, { asc }) => asc(event.id),
  });
}

/** A shopper with an activated post, two orders, R2 files and a queued email. */
async function activatedShopper() {
  const seeded = await signedInMerchant();
  const shopper = await seedShopper(seeded.campaign, {
    email: 'ada@example.com',
    orderRef: '1001',
    path: ACTIVATED,
    files: true,
    engagement: { authorFollowers: 50, likes: 4 },
    orders: [
      { amountMinor: 1999, currency: 'EUR' },
      { amountMinor: 500, currency: 'EUR' },
    ],
  });
  const submission = shopper.submission;
  if (!submission) throw new Error('seeded without a submission');
  await db()
    .insert(emailOutbox)
    .values({
      id: `out_${submission.id}`,
      merchantId: seeded.merchant.id,
      submissionId: submission.id,
      dedupeKey: `code-active:${submission.id}`,
      kind: 'code-active',
      toAddress: 'ada@example.com',
      subject: 'Your code is live',
      html: '<p>Your code</p>',
      text: 'Your code',
    });
  return { ...seeded, shopper, submission };
}

describe('POST /console/submissions/:id/erase', () => {
  it("erases the shopper's fields, files and post links, and keeps the counts and money", async () => {
    const seeded = await activatedShopper();
    const window = { to: utcDay(Date.now()), days: 30 };
    const before = await campaignResults(db(), seeded.merchant.id, seeded.campaign.id, window);

    const response = await consolePost(
      `/console/submissions/${seeded.submission.id}/erase`,
      {},
      seeded.owner.cookie,
    );

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe(
      `/console/submissions/${seeded.submission.id}?done=erased`,
    );
    const journey = await journeyRow(seeded.shopper.journey.id);
    expect(journey?.email).toBeNull();
    expect(journey?.orderRef).toBe('1001');
    expect(await submissionRow(seeded.submission.id)).toMatchObject({
      handle: 'erased',
      comment: null,
      caption: null,
      postUrl: null,
      photoKey: null,
      postImageKey: null,
      screenshotKey: null,
      state: 'activated',
      rating: 5,
    });
    expect((await submissionRow(seeded.submission.id))?.postId).toMatch(/^erased:[0-9a-f]{64}$/);
    for (const key of seeded.shopper.keys) expect(await env.MEDIA.head(key)).toBeNull();
    const events = await eventsOf(seeded.submission.id);
    const text = JSON.stringify(events);
    expect(text).not.toContain('sandbox.example');
    expect(text).not.toContain('did:plc:shopper');
    expect(text).not.toContain(seeded.shopper.keys[2]);
    expect(events.find((event) => event.kind === 'engagement')?.data).toEqual({
      authorFollowers: 50,
      likes: 4,
    });
    expect(events.filter((event) => event.kind === ERASURE_EVENT)).toHaveLength(1);
    const emails = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.submissionId, seeded.submission.id));
    expect(emails).toEqual([]);
    const orders = await db()
      .select()
      .from(redemptions)
      .where(eq(redemptions.promoCodeId, seeded.shopper.promoCode?.id ?? ''));
    expect(orders).toHaveLength(2);
    const after = await campaignResults(db(), seeded.merchant.id, seeded.campaign.id, window);
    expect(after?.funnel).toEqual(before?.funnel);
    expect(after?.revenue).toEqual(before?.revenue);
    expect(after?.reach).toEqual(before?.reach);
  });

  it('tells the shopper on their status page that their data was erased', async () => {
    const seeded = await activatedShopper();

    await consolePost(
      `/console/submissions/${seeded.submission.id}/erase`,
      {},
      seeded.owner.cookie,
    );

    const html = await (await request(`/s/${seeded.submission.id}`)).text();
    expect(html).toContain('The store erased your personal data from FarOut on');
    expect(html).not.toContain('ada.shopper');
  });

  it('stops the monitor of a post still being held, as a rejection', async () => {
    const seeded = await signedInMerchant();
    const held = await seedShopper(seeded.campaign, {
      path: ['generated', 'awaiting_post', 'found', 'holding'],
      nextCheckAt: new Date(Date.now() + 3_600_000),
    });
    const generated = await seedShopper(seeded.campaign, { path: ['generated'] });
    const heldId = held.submission?.id ?? '';

    await consolePost(`/console/submissions/${heldId}/erase`, {}, seeded.owner.cookie);
    await consolePost(
      `/console/submissions/${generated.submission?.id}/erase`,
      {},
      seeded.owner.cookie,
    );

    const row = await submissionRow(heldId);
    expect(row).toMatchObject({ state: 'rejected', nextCheckAt: null });
    expect(row?.decidedAt).toBeInstanceOf(Date);
    const move = (await eventsOf(heldId)).find((event) => event.reason === 'personal data erased');
    expect(move).toMatchObject({ actor: 'merchant', fromState: 'holding', toState: 'rejected' });
    expect(canTransition('holding', 'rejected')).toBe(true);
    expect((await submissionRow(generated.submission?.id ?? ''))?.state).toBe('draft');
  });

  it('erases nothing more when run again, and keeps the first date', async () => {
    const seeded = await activatedShopper();
    const path = `/console/submissions/${seeded.submission.id}/erase`;
    await consolePost(path, {}, seeded.owner.cookie);
    const first = await submissionRow(seeded.submission.id);

    const again = await consolePost(path, {}, seeded.owner.cookie);

    expect(again.status).toBe(303);
    const events = await eventsOf(seeded.submission.id);
    expect(events.filter((event) => event.kind === ERASURE_EVENT)).toHaveLength(1);
    const second = await submissionRow(seeded.submission.id);
    expect(second?.outcomeReason).toBe(first?.outcomeReason);
    expect(second?.postId).toBe(first?.postId);
  });

  it('goes back to the console page it was asked to, with the notice', async () => {
    const seeded = await activatedShopper();

    const response = await consolePost(
      `/console/submissions/${seeded.submission.id}/erase`,
      { back: '/console/review?state=activated' },
      seeded.owner.cookie,
    );
    const offsite = await consolePost(
      `/console/submissions/${seeded.submission.id}/erase`,
      { back: '//evil.example/' },
      seeded.owner.cookie,
    );

    expect(response.headers.get('Location')).toBe('/console/review?state=activated&done=erased');
    expect(offsite.headers.get('Location')).toBe('/console?done=erased');
  });

  it('refuses staff with 403 and changes nothing', async () => {
    const seeded = await activatedShopper();
    const staff = await seedMember(seeded.merchant.id, 'staff');

    const response = await consolePost(
      `/console/submissions/${seeded.submission.id}/erase`,
      {},
      staff.cookie,
    );

    expect(response.status).toBe(403);
    expect((await journeyRow(seeded.shopper.journey.id))?.email).toBe('ada@example.com');
    expect((await submissionRow(seeded.submission.id))?.handle).toBe('ada.shopper');
    expect(await env.MEDIA.head(seeded.shopper.keys[0] ?? '')).not.toBeNull();
  });

  it("answers 404 for another merchant's submission and changes nothing", async () => {
    const seeded = await activatedShopper();
    const other = await signedInMerchant();

    const theirs = await consolePost(
      `/console/submissions/${seeded.submission.id}/erase`,
      {},
      other.owner.cookie,
    );
    const unknown = await consolePost(
      '/console/submissions/sub_nope/erase',
      {},
      other.owner.cookie,
    );

    expect(theirs.status).toBe(404);
    expect(await theirs.text()).toContain('There is no such submission in your account.');
    expect(unknown.status).toBe(404);
    expect((await journeyRow(seeded.shopper.journey.id))?.email).toBe('ada@example.com');
    const erasures = await db()
      .select()
      .from(submissionEvents)
      .where(
        and(
          eq(submissionEvents.submissionId, seeded.submission.id),
          eq(submissionEvents.kind, ERASURE_EVENT),
        ),
      );
    expect(erasures).toEqual([]);
  });

  it('answers 401 to a signed-out post', async () => {
    const seeded = await activatedShopper();

    const response = await consolePost(`/console/submissions/${seeded.submission.id}/erase`, {});

    expect(response.status).toBe(401);
    expect((await submissionRow(seeded.submission.id))?.handle).toBe('ada.shopper');
  });

  it('leaves the other shoppers of the campaign alone', async () => {
    const seeded = await activatedShopper();
    const neighbour = await seedShopper(seeded.campaign, {
      email: 'bea@example.com',
      path: ACTIVATED,
      files: true,
    });

    await consolePost(
      `/console/submissions/${seeded.submission.id}/erase`,
      {},
      seeded.owner.cookie,
    );

    expect((await journeyRow(neighbour.journey.id))?.email).toBe('bea@example.com');
    expect((await submissionRow(neighbour.submission?.id ?? ''))?.handle).toBe('ada.shopper');
    expect(await env.MEDIA.head(neighbour.keys[1] ?? '')).not.toBeNull();
    const page = await consoleGet(`/s/${neighbour.submission?.id}`);
    expect(await page.text()).not.toContain('erased your personal data');
  });
});
