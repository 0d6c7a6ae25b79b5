import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaigns, type SubmissionState } from '../../src/db/schema';
import { EXPORT_FORMAT, type ShopperExport } from '../../src/rights/export';
import { ShopperDataActions } from '../../src/views/console/results/ShopperDataActions';
import { consoleGet, consolePost, seedMember, signedInMerchant } from '../helpers/console';
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

/** A shopper with two submissions in one journey, and a neighbour in the same campaign. */
async function shoppersOfOneCampaign() {
  const seeded = await signedInMerchant();
  const shopper = await seedShopper(seeded.campaign, {
    email: 'ada@example.com',
    orderRef: 'A-1001',
    handle: 'ada.posts',
    comment: 'Best beans in town',
    path: ACTIVATED,
    files: true,
    orders: [{ orderId: '5001', amountMinor: 2450, currency: 'EUR' }],
  });
  const neighbour = await seedShopper(seeded.campaign, {
    email: 'bea@example.com',
    handle: 'bea.posts',
    path: ['generated'],
  });
  return { ...seeded, shopper, neighbour, submissionId: shopper.submission?.id ?? '' };
}

async function download(submissionId: string, cookie: string) {
  return consoleGet(`/console/submissions/${submissionId}/export`, cookie);
}

describe('GET /console/submissions/:id/export', () => {
  it("downloads the shopper's journey, submissions, events, code and orders as JSON", async () => {
    const seeded = await shoppersOfOneCampaign();

    const response = await download(seeded.submissionId, seeded.owner.cookie);
    const exported = (await response.json()) as ShopperExport;

    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toBe(
      `attachment; filename="shopper-${seeded.shopper.journey.id}.json"`,
    );
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    expect(exported.format).toBe(EXPORT_FORMAT);
    expect(exported.shopper).toMatchObject({ email: 'ada@example.com', orderRef: 'A-1001' });
    expect(exported.submissions).toHaveLength(1);
    const [submission] = exported.submissions;
    expect(submission).toMatchObject({
      id: seeded.submissionId,
      handle: 'ada.posts',
      comment: 'Best beans in town',
      rating: 5,
      state: 'activated',
      postUrl: seeded.shopper.submission?.postUrl,
      erased: false,
      promoCode: { code: seeded.shopper.promoCode?.code, status: 'active' },
      redemptions: [{ orderId: '5001', amount: '24.50', currency: 'EUR' }],
    });
    expect(submission?.caption).toContain('#testroasters');
    expect(submission?.events.map((event) => event.toState ?? event.kind)).toEqual([
      ...ACTIVATED,
      'image',
      'screenshot',
    ]);
  });

  it('links the files as console addresses, never as storage keys', async () => {
    const seeded = await shoppersOfOneCampaign();

    const response = await download(seeded.submissionId, seeded.owner.cookie);
    const text = await response.text();
    const files = (JSON.parse(text) as ShopperExport).submissions[0]?.files;

    const base = `http://farout.test/console/submissions/${seeded.submissionId}/export`;
    expect(files).toEqual({
      photo: `${base}/photo`,
      postImage: `${base}/post-image`,
      screenshot: `${base}/screenshot`,
    });
    for (const key of seeded.shopper.keys) expect(text).not.toContain(key);
  });

  it('holds nothing of another shopper', async () => {
    const seeded = await shoppersOfOneCampaign();

    const text = await (await download(seeded.submissionId, seeded.owner.cookie)).text();

    expect(text).not.toContain('bea@example.com');
    expect(text).not.toContain('bea.posts');
    expect(text).not.toContain(seeded.neighbour.submission?.id);
  });

  it('says the data was erased, and holds none of it, after an erasure', async () => {
    const seeded = await shoppersOfOneCampaign();
    await consolePost(`/console/submissions/${seeded.submissionId}/erase`, {}, seeded.owner.cookie);

    const exported = (await (
      await download(seeded.submissionId, seeded.owner.cookie)
    ).json()) as ShopperExport;

    expect(exported.shopper.email).toBeNull();
    expect(exported.submissions[0]).toMatchObject({
      erased: true,
      handle: 'erased',
      comment: null,
      postUrl: null,
      files: { photo: null, postImage: null, screenshot: null },
    });
  });

  it('refuses staff with 403', async () => {
    const seeded = await shoppersOfOneCampaign();
    const staff = await seedMember(seeded.merchant.id, 'staff');

    const response = await download(seeded.submissionId, staff.cookie);

    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('ada@example.com');
  });

  it("answers 404 for another merchant's submission and for an unknown id", async () => {
    const seeded = await shoppersOfOneCampaign();
    const other = await signedInMerchant();

    const theirs = await download(seeded.submissionId, other.owner.cookie);
    const unknown = await download('sub_nope', other.owner.cookie);

    expect(theirs.status).toBe(404);
    expect(await theirs.text()).toContain('There is no such submission in your account.');
    expect(unknown.status).toBe(404);
  });

  it('sends a signed-out visitor to the sign-in page', async () => {
    const seeded = await shoppersOfOneCampaign();

    const response = await consoleGet(`/console/submissions/${seeded.submissionId}/export`);

    expect(response.status).toBe(303);
  });
});

describe('GET /console/submissions/:id/export/:file', () => {
  it("serves the shopper's photo, post image and screenshot to the owner, uncached", async () => {
    const seeded = await shoppersOfOneCampaign();
    const [photoKey = ''] = seeded.shopper.keys;
    await env.MEDIA.put(photoKey, new Uint8Array([9, 8, 7]), {
      httpMetadata: { contentType: 'image/jpeg' },
    });

    const photo = await consoleGet(
      `/console/submissions/${seeded.submissionId}/export/photo`,
      seeded.owner.cookie,
    );
    const postImage = await consoleGet(
      `/console/submissions/${seeded.submissionId}/export/post-image`,
      seeded.owner.cookie,
    );

    expect(photo.status).toBe(200);
    expect(photo.headers.get('Content-Type')).toBe('image/jpeg');
    expect(photo.headers.get('Cache-Control')).toBe('private, no-store');
    expect([...new Uint8Array(await photo.arrayBuffer())]).toEqual([9, 8, 7]);
    expect(postImage.status).toBe(200);
  });

  it("has no photo for a submission that kept the campaign's default photo", async () => {
    const seeded = await shoppersOfOneCampaign();
    const [photoKey = ''] = seeded.shopper.keys;
    await db()
      .update(campaigns)
      .set({ defaultPhotoKey: photoKey })
      .where(eq(campaigns.id, seeded.campaign.id));

    const response = await consoleGet(
      `/console/submissions/${seeded.submissionId}/export/photo`,
      seeded.owner.cookie,
    );
    const exported = (await (
      await download(seeded.submissionId, seeded.owner.cookie)
    ).json()) as ShopperExport;

    expect(response.status).toBe(404);
    expect(exported.submissions[0]?.files.photo).toBeNull();
  });

  it('refuses staff with 403, and answers 404 to another merchant and to an unknown file', async () => {
    const seeded = await shoppersOfOneCampaign();
    const staff = await seedMember(seeded.merchant.id, 'staff');
    const other = await signedInMerchant();
    const path = `/console/submissions/${seeded.submissionId}/export`;

    const asStaff = await consoleGet(`${path}/photo`, staff.cookie);
    const asOther = await consoleGet(`${path}/photo`, other.owner.cookie);
    const unknownFile = await consoleGet(`${path}/passport`, seeded.owner.cookie);

    expect(asStaff.status).toBe(403);
    expect(asOther.status).toBe(404);
    expect(unknownFile.status).toBe(404);
  });
});

describe('ShopperDataActions', () => {
  it('gives an owner the download link and the erase form, and staff nothing', async () => {
    const seeded = await signedInMerchant();
    const staff = await seedMember(seeded.merchant.id, 'staff');
    const owner = { ...seeded.owner.member, merchantName: seeded.merchant.name };

    const forOwner = String(
      await ShopperDataActions({ member: owner, submissionId: 'sub_1', back: '/console/review' }),
    );
    const forStaff = ShopperDataActions({
      member: { ...staff.member, merchantName: seeded.merchant.name },
      submissionId: 'sub_1',
    });

    expect(forOwner).toContain('href="/console/submissions/sub_1/export"');
    expect(forOwner).toContain('action="/console/submissions/sub_1/erase"');
    expect(forOwner).toContain('name="back" value="/console/review"');
    expect(forOwner).toContain('data-confirm=');
    expect(forStaff).toBeNull();
  });
});
