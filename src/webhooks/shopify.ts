import { fail, ok } from '../lib/result';
import {
  type Delivery,
  type DeliveryContext,
  type DeliveryResult,
  oncePerDelivery,
  recordOrder,
} from './delivery';
import { eraseShoppers } from './erasure';
import { parseShopifyCustomerRedact, parseShopifyDataRequest, parseShopifyOrder } from './payloads';
import { verifyBase64Signature } from './signature';

// Shopify retries a failed delivery 8 times over 4 hours, with the original body and the
// original X-Shopify-Triggered-At (shopify.dev/changelog/updates-to-webhook-retry-mechanism).
// Five hours accepts every retry after an outage of ours and refuses anything older.
export const SHOPIFY_MAX_AGE_MS = 5 * 60 * 60_000;

// The header is outside the HMAC, so this stops only careless replays; what makes a replay
// harmless is that every effect below is idempotent.
function isStale(triggeredAt: string | undefined, now: number): boolean {
  const time = triggeredAt ? Date.parse(triggeredAt) : Number.NaN;
  return !Number.isNaN(time) && now - time > SHOPIFY_MAX_AGE_MS;
}

async function redactCustomer(ctx: DeliveryContext, storeId: string, body: Uint8Array) {
  const parsed = parseShopifyCustomerRedact(body);
  if (!parsed.ok) return parsed;

  const erased = await eraseShoppers(ctx.db, ctx.media, {
    storeId,
    email: parsed.value.customer.email ?? null,
    orderRefs: parsed.value.orders_to_redact,
  });
  ctx.logger.info('shopper data erased', { storeId, scope: 'customer', ...erased });
  return ok({ result: 'erased' as const });
}

async function redactShop(ctx: DeliveryContext, storeId: string) {
  const erased = await eraseShoppers(ctx.db, ctx.media, { storeId, everyone: true });
  ctx.logger.info('shopper data erased', { storeId, scope: 'shop', ...erased });
  return ok({ result: 'erased' as const });
}

// Shopify asks us to give the merchant what we hold about a customer, within 30 days. Handing
// it over is a console feature (an export the merchant downloads and passes on), which the
// console does not have yet; until it does, the logged request id is what an operator acts on.
function noteDataRequest(ctx: DeliveryContext, storeId: string, body: Uint8Array) {
  const parsed = parseShopifyDataRequest(body);
  if (!parsed.ok) return parsed;

  ctx.logger.info('shopify data request received', {
    storeId,
    dataRequestId: parsed.value.data_request.id,
    ordersRequested: parsed.value.orders_requested.length,
  });
  return ok({ result: 'request_noted' as const });
}

async function handleTopic(
  ctx: DeliveryContext,
  storeId: string,
  topic: string,
  body: Uint8Array,
): Promise<DeliveryResult> {
  switch (topic) {
    case 'orders/create':
      return recordOrder(ctx.db, storeId, parseShopifyOrder(body));
    case 'customers/redact':
      return redactCustomer(ctx, storeId, body);
    case 'shop/redact':
      return redactShop(ctx, storeId);
    case 'customers/data_request':
      return noteDataRequest(ctx, storeId, body);
    default:
      return ok({ result: 'ignored' });
  }
}

/**
 * Handles one Shopify webhook (https://shopify.dev/docs/apps/build/webhooks): checks the HMAC
 * over the raw body, refuses stale copies, skips a delivery already handled (by
 * `X-Shopify-Event-Id`, else `X-Shopify-Webhook-Id`), then acts on the topic.
 */
export async function receiveShopify(
  ctx: DeliveryContext,
  { store, body, headers, secret }: Delivery,
): Promise<DeliveryResult> {
  if (!secret) return fail('no_secret', 'This store has no webhook secret set up.');
  if (!(await verifyBase64Signature(secret, body, headers['x-shopify-hmac-sha256']))) {
    return fail('bad_signature', 'X-Shopify-Hmac-Sha256 does not match the body.');
  }
  if (isStale(headers['x-shopify-triggered-at'], ctx.now)) {
    return fail('replay', 'X-Shopify-Triggered-At is older than Shopify retries a delivery.');
  }

  const topic = headers['x-shopify-topic'] ?? '';
  const deliveryId = headers['x-shopify-event-id'] ?? headers['x-shopify-webhook-id'];
  const key = deliveryId ? { source: `shopify:${store.id}`, externalId: deliveryId, topic } : null;
  return oncePerDelivery(ctx.db, key, () => handleTopic(ctx, store.id, topic, body));
}
