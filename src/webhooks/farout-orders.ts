import { fail } from '../lib/result';
import {
  type Delivery,
  type DeliveryContext,
  type DeliveryResult,
  oncePerDelivery,
  recordOrder,
} from './delivery';
import { parseFarOutOrder } from './payloads';
import { verifyFarOutSignature } from './signature';

/**
 * Handles an order in our own documented format, for stores we have no adapter for:
 * `{ order_id, codes, amount, currency, ordered_at }`, signed with
 * `FarOut-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. A
 * signature more than five minutes from our clock is a replay; an order id seen before is a
 * duplicate.
 */
export async function receiveFarOutOrder(
  ctx: DeliveryContext,
  { store, body, headers, secret }: Delivery,
): Promise<DeliveryResult> {
  if (!secret) return fail('no_secret', 'This store has no webhook secret set up.');
  const signed = await verifyFarOutSignature(secret, body, headers['farout-signature'], ctx.now);
  if (!signed.ok) return signed;

  const order = parseFarOutOrder(body);
  if (!order.ok) return order;

  const key = { source: `custom:${store.id}`, externalId: order.value.orderId, topic: 'order' };
  return oncePerDelivery(ctx.db, key, () => recordOrder(ctx.db, store.id, order));
}
