import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { campaigns, journeys, submissions } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import {
  SHOPIFY_CUSTOMERS_REDACT,
  SHOPIFY_DATA_REQUEST,
  SHOPIFY_ORDERS_CREATE,
  SHOPIFY_SHOP_REDACT,
} from '../fixtures/webhooks';
import { db } from '../helpers/seed';
import { receiptsOf, redemptionsOf, storeWithCode } from './seed-store';
import { signBase64, webhookApp } from './send';

const { secret } = SHOPIFY_ORDERS_CREATE;
const send = webhookApp(secret);
const order = JSON.parse(SHOPIFY_ORDERS_CREATE.body);
const ORDER_CODE: string = order.discount_codes[0].code;

/** A recorded delivery as Shopify would send it now: triggered just now, body re-signed. */
async function shopifyDelivery(
  storeId: string,
  body: string,
  headers: Record<string, string>,
  extra: Record<string, string> = {},
) {
  return send(`/webhooks/shopify/${storeId}`, body, {
    ...headers,
    'X-Shopify-Triggered-At': new Date().toISOString(),
    ...extra,
    'X-Shopify-Hmac-Sha256': await signBase64(secret, body),
  });
}

function sendOrder(storeId: string, body = SHOPIFY_ORDERS_CREATE.body, extra = {}) {
  return shopifyDelivery(storeId, body, SHOPIFY_ORDERS_CREATE.headers, extra);
}

describe('POST /webhooks/shopify/:storeId orders/create', () => {
  it('records one redemption with the order total in minor units and its currency', async () => {
    const { store, promoCode } = await storeWithCode('shopify', ORDER_CODE);

    const response = await sendOrder(store.id);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: 'recorded', redemptions: 1 });
    const [redemption, ...others] = await redemptionsOf(store.id);
    expect(others).toHaveLength(0);
    expect(redemption).toMatchObject({
      promoCodeId: promoCode.id,
      orderId: String(order.id),
      // total_price "84.45" in USD.
      amountMinor: 8445,
      currency: 'USD',
      orderedAt: new Date(order.created_at),
    });
  });

  it('accepts the recorded delivery byte for byte with its own signature', async () => {
    const { store } = await storeWithCode('shopify', ORDER_CODE);

    const response = await send(`/webhooks/shopify/${store.id}`, SHOPIFY_ORDERS_CREATE.body, {
      ...SHOPIFY_ORDERS_CREATE.headers,
      'X-Shopify-Triggered-At': new Date().toISOString(),
    });

    expect(response.status).toBe(200);
    expect(await redemptionsOf(store.id)).toHaveLength(1);
  });

  it('answers the same delivery again with 200 and records nothing more', async () => {
    const { store } = await storeWithCode('shopify', ORDER_CODE);
    await sendOrder(store.id);

    const again = await sendOrder(store.id);

    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ result: 'duplicate' });
    expect(await redemptionsOf(store.id)).toHaveLength(1);
    expect(await receiptsOf(`shopify:${store.id}`)).toHaveLength(1);
  });

  it('counts the order once when a different delivery carries it again', async () => {
    const { store } = await storeWithCode('shopify', ORDER_CODE);
    await sendOrder(store.id);

    const other = await sendOrder(store.id, undefined, {
      'X-Shopify-Event-Id': crypto.randomUUID(),
      'X-Shopify-Webhook-Id': crypto.randomUUID(),
    });

    expect(await other.json()).toEqual({ result: 'recorded', redemptions: 0 });
    expect(await redemptionsOf(store.id)).toHaveLength(1);
    expect(await receiptsOf(`shopify:${store.id}`)).toHaveLength(2);
  });

  it('matches the code whatever its case in the order', async () => {
    const { store } = await storeWithCode('shopify', ORDER_CODE);
    const body = SHOPIFY_ORDERS_CREATE.body.replaceAll(ORDER_CODE, ORDER_CODE.toLowerCase());

    await sendOrder(store.id, body);

    expect(await redemptionsOf(store.id)).toHaveLength(1);
  });

  it('records the amount of a zero-decimal currency as is', async () => {
    const { store } = await storeWithCode('shopify', ORDER_CODE);
    const body = JSON.stringify({ ...order, currency: 'JPY', total_price: '12800' });

    await sendOrder(store.id, body);

    const [redemption] = await redemptionsOf(store.id);
    expect(redemption).toMatchObject({ amountMinor: 12800, currency: 'JPY' });
  });

  it('refuses a wrong signature with 401 and records nothing', async () => {
    const { store } = await storeWithCode('shopify', ORDER_CODE);

    const response = await send(`/webhooks/shopify/${store.id}`, SHOPIFY_ORDERS_CREATE.body, {
      ...SHOPIFY_ORDERS_CREATE.headers,
      'X-Shopify-Hmac-Sha256': await signBase64('not the secret', SHOPIFY_ORDERS_CREATE.body),
      'X-Shopify-Triggered-At': new Date().toISOString(),
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: 401, reason: 'bad_signature' });
    expect(await redemptionsOf(store.id)).toHaveLength(0);
    expect(await receiptsOf(`shopify:${store.id}`)).toHaveLength(0);
  });

  it('refuses a body changed after signing with 401', async () => {
    const { store } = await storeWithCode('shopify', ORDER_CODE);
    const tampered = SHOPIFY_ORDERS_CREATE.body.replace('"84.45"', '"8445.00"');

    const response = await send(`/webhooks/shopify/${store.id}`, tampered, {
      ...SHOPIFY_ORDERS_CREATE.headers,
      'X-Shopify-Triggered-At': new Date().toISOString(),
    });

    expect(response.status).toBe(401);
    expect(await redemptionsOf(store.id)).toHaveLength(0);
  });

  it('refuses a delivery without a signature with 401', async () => {
    const { store } = await storeWithCode('shopify', ORDER_CODE);
    const { 'X-Shopify-Hmac-Sha256': _signature, ...unsigned } = SHOPIFY_ORDERS_CREATE.headers;

    const response = await send(`/webhooks/shopify/${store.id}`, SHOPIFY_ORDERS_CREATE.body, {
      ...unsigned,
      'X-Shopify-Triggered-At': new Date().toISOString(),
    });

    expect(response.status).toBe(401);
  });

  it('refuses a copy triggered longer ago than Shopify retries with 409', async () => {
    const { store } = await storeWithCode('shopify', ORDER_CODE);
    const sixHoursAgo = new Date(Date.now() - 6 * 3_600_000).toISOString();

    const response = await sendOrder(store.id, undefined, {
      'X-Shopify-Triggered-At': sixHoursAgo,
    });

    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ status: 409, reason: 'replay' });
    expect(await redemptionsOf(store.id)).toHaveLength(0);
  });

  it('answers 404 for an unknown store and for a store on another platform', async () => {
    const { store } = await storeWithCode('woocommerce', ORDER_CODE);

    const missing = await sendOrder('sto_unknown');
    const elsewhere = await sendOrder(store.id);

    expect(missing.status).toBe(404);
    expect(elsewhere.status).toBe(404);
    expect(await elsewhere.json()).toMatchObject({ reason: 'unknown_store' });
  });

  it('records nothing for a code that belongs to another store', async () => {
    const { store } = await storeWithCode('shopify', 'SHARE-OTHERCODE');
    const owner = await storeWithCode('shopify', ORDER_CODE);

    const response = await sendOrder(store.id);

    expect(await response.json()).toEqual({ result: 'recorded', redemptions: 0 });
    expect(await redemptionsOf(store.id)).toHaveLength(0);
    expect(await redemptionsOf(owner.store.id)).toHaveLength(0);
  });

  it('refuses a signed body without the order fields with 400', async () => {
    const { store } = await storeWithCode('shopify', ORDER_CODE);

    const response = await sendOrder(store.id, JSON.stringify({ id: order.id }));

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 400, reason: 'bad_payload' });
  });

  it('answers a topic it does not act on with 200', async () => {
    const { store } = await storeWithCode('shopify', ORDER_CODE);

    const response = await sendOrder(store.id, undefined, { 'X-Shopify-Topic': 'orders/paid' });

    expect(await response.json()).toEqual({ result: 'ignored' });
    expect(await redemptionsOf(store.id)).toHaveLength(0);
  });
});

/** A shopper of `campaignId` with one submission whose photo and post image are in R2. */
async function shopperWithPost(campaignId: string, email: string | null, orderRef?: string) {
  const journey = { id: newId('jny'), campaignId, email, orderRef };
  const submission = {
    id: newId('sub'),
    journeyId: journey.id,
    campaignId,
    platform: 'sandbox' as const,
    handle: 'bob.buyer',
    comment: 'Lovely shoes',
    caption: 'Lovely shoes #ad',
    photoKey: `photos/${newId('ph')}.jpg`,
    postImageKey: `posts/${newId('post')}.jpg`,
    postUrl: 'https://sandbox.example/bob.buyer/1',
  };
  await db().insert(journeys).values(journey);
  await db().insert(submissions).values(submission);
  await env.MEDIA.put(submission.photoKey, new Uint8Array([1, 2, 3]));
  await env.MEDIA.put(submission.postImageKey, new Uint8Array([4, 5, 6]));
  return { journey, submission };
}

async function shopperState(journeyId: string, submissionId: string) {
  const journey = await db().query.journeys.findFirst({ where: eq(journeys.id, journeyId) });
  const submission = await db().query.submissions.findFirst({
    where: eq(submissions.id, submissionId),
  });
  return { journey, submission };
}

const redactRequest = JSON.parse(SHOPIFY_CUSTOMERS_REDACT.body);

describe('POST /webhooks/shopify/:storeId compliance topics', () => {
  it("customers/redact erases the shopper's email, post fields and images", async () => {
    const { store, campaign } = await storeWithCode('shopify', ORDER_CODE);
    const shopper = await shopperWithPost(campaign.id, 'Bob.Buyer@Example.com');

    const response = await shopifyDelivery(
      store.id,
      SHOPIFY_CUSTOMERS_REDACT.body,
      SHOPIFY_CUSTOMERS_REDACT.headers,
    );

    expect(response.status).toBe(200);
    const after = await shopperState(shopper.journey.id, shopper.submission.id);
    expect(after.journey?.email).toBeNull();
    expect(after.submission).toMatchObject({
      handle: 'erased',
      comment: null,
      caption: null,
      postUrl: null,
      photoKey: null,
      postImageKey: null,
    });
    expect(await env.MEDIA.head(shopper.submission.photoKey)).toBeNull();
    expect(await env.MEDIA.head(shopper.submission.postImageKey)).toBeNull();
  });

  it('customers/redact finds a journey without email by its order id', async () => {
    const { store, campaign } = await storeWithCode('shopify', ORDER_CODE);
    const orderRef = String(redactRequest.orders_to_redact[0]);
    const shopper = await shopperWithPost(campaign.id, null, orderRef);

    await shopifyDelivery(
      store.id,
      SHOPIFY_CUSTOMERS_REDACT.body,
      SHOPIFY_CUSTOMERS_REDACT.headers,
    );

    const after = await shopperState(shopper.journey.id, shopper.submission.id);
    expect(after.submission?.handle).toBe('erased');
    expect(await env.MEDIA.head(shopper.submission.postImageKey)).toBeNull();
  });

  it("customers/redact leaves other shoppers and other stores' shoppers alone", async () => {
    const { store, campaign } = await storeWithCode('shopify', ORDER_CODE);
    const other = await storeWithCode('shopify', ORDER_CODE);
    const neighbour = await shopperWithPost(campaign.id, 'someone.else@example.com');
    const sameEmailElsewhere = await shopperWithPost(
      other.campaign.id,
      redactRequest.customer.email,
    );

    await shopifyDelivery(
      store.id,
      SHOPIFY_CUSTOMERS_REDACT.body,
      SHOPIFY_CUSTOMERS_REDACT.headers,
    );

    for (const kept of [neighbour, sameEmailElsewhere]) {
      const after = await shopperState(kept.journey.id, kept.submission.id);
      expect(after.journey?.email).toBe(kept.journey.email);
      expect(after.submission?.handle).toBe('bob.buyer');
      expect(await env.MEDIA.head(kept.submission.photoKey)).not.toBeNull();
    }
  });

  it('shop/redact erases every shopper of the store but not the default photo', async () => {
    const { store, campaign } = await storeWithCode('shopify', ORDER_CODE);
    const defaultPhotoKey = `defaults/${newId('ph')}.jpg`;
    await env.MEDIA.put(defaultPhotoKey, new Uint8Array([7, 8, 9]));
    await db().update(campaigns).set({ defaultPhotoKey }).where(eq(campaigns.id, campaign.id));
    const first = await shopperWithPost(campaign.id, 'one@example.com');
    const second = await shopperWithPost(campaign.id, 'two@example.com');
    await db()
      .update(submissions)
      .set({ photoKey: defaultPhotoKey })
      .where(eq(submissions.id, second.submission.id));

    const response = await shopifyDelivery(
      store.id,
      SHOPIFY_SHOP_REDACT.body,
      SHOPIFY_SHOP_REDACT.headers,
    );

    expect(await response.json()).toEqual({ result: 'erased' });
    for (const shopper of [first, second]) {
      const after = await shopperState(shopper.journey.id, shopper.submission.id);
      expect(after.journey?.email).toBeNull();
      expect(after.submission).toMatchObject({ comment: null, photoKey: null });
      expect(await env.MEDIA.head(shopper.submission.postImageKey)).toBeNull();
    }
    expect(await env.MEDIA.head(first.submission.photoKey)).toBeNull();
    expect(await env.MEDIA.head(defaultPhotoKey)).not.toBeNull();
  });

  it('customers/data_request is acknowledged with 200 and changes nothing', async () => {
    const { store, campaign } = await storeWithCode('shopify', ORDER_CODE);
    const shopper = await shopperWithPost(campaign.id, redactRequest.customer.email);

    const response = await shopifyDelivery(
      store.id,
      SHOPIFY_DATA_REQUEST.body,
      SHOPIFY_DATA_REQUEST.headers,
    );

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: 'request_noted' });
    const after = await shopperState(shopper.journey.id, shopper.submission.id);
    expect(after.journey?.email).toBe(redactRequest.customer.email);
  });
});
