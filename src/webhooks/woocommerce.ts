import { fail, ok } from '../lib/result';
import {
  type Delivery,
  type DeliveryContext,
  type DeliveryResult,
  oncePerDelivery,
  recordOrder,
} from './delivery';
import { parseWooOrder } from './payloads';
import { verifyBase64Signature } from './signature';

const ORDER_TOPICS = new Set(['order.created', 'order.updated']);
// Statuses of a paid order; `pending` or `on-hold` orders are counted by the later update that
// moves them here, and the unique redemption key keeps that to once.
const COUNTED_STATUSES = new Set(['processing', 'completed']);
const PING_BODY = /^webhook_id=\d+$/;

async function handleOrder(
  ctx: DeliveryContext,
  storeId: string,
  body: Uint8Array,
): Promise<DeliveryResult> {
  const order = parseWooOrder(body);
  if (order.ok && !COUNTED_STATUSES.has(order.value.status)) return ok({ result: 'ignored' });

  return recordOrder(ctx.db, storeId, order);
}

/**
 * Handles one WooCommerce webhook (woocommerce-rest-api-docs, "Webhooks"): answers the ping sent
 * when the merchant saves the webhook, checks the base64 HMAC over the raw body, skips a delivery
 * already handled (by `X-WC-Webhook-Delivery-ID`), and counts paid orders.
 */
export async function receiveWooCommerce(
  ctx: DeliveryContext,
  { store, body, headers, secret }: Delivery,
): Promise<DeliveryResult> {
  // WooCommerce saves a webhook only if this unsigned, form-encoded ping gets a 200. It asks
  // for nothing, so answering it without a signature gives nothing away.
  const signature = headers['x-wc-webhook-signature'];
  if (!signature && PING_BODY.test(new TextDecoder().decode(body))) return ok({ result: 'ping' });

  if (!secret) return fail('no_secret', 'This store has no webhook secret set up.');
  if (!(await verifyBase64Signature(secret, body, signature))) {
    return fail('bad_signature', 'X-WC-Webhook-Signature does not match the body.');
  }

  const topic = headers['x-wc-webhook-topic'] ?? '';
  const deliveryId = headers['x-wc-webhook-delivery-id'];
  const key = deliveryId
    ? { source: `woocommerce:${store.id}`, externalId: deliveryId, topic }
    : null;
  return oncePerDelivery(ctx.db, key, async () =>
    ORDER_TOPICS.has(topic) ? handleOrder(ctx, store.id, body) : ok({ result: 'ignored' }),
  );
}
