import { exports } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { submissions } from '../../src/db/schema';
import { SHOPIFY_ORDERS_CREATE } from '../fixtures/webhooks';
import { db } from '../helpers/seed';
import { signBase64 } from '../webhooks/send';
import { WEBHOOK_SECRET, type World } from './world';

/**
 * Shoppers using their live codes: one Shopify `orders/create` per live code, signed and sent
 * to the Worker's own webhook route, and sent again the ways Shopify does: the same event
 * retried, two copies at once, and the same order under a new event id.
 */

export type Order = { orderId: number; promoCodeId: string; deliveries: number };
export type OrderBook = { orders: Order[]; ordered: Set<string>; duplicates: number };

export const newOrderBook = (): OrderBook => ({ orders: [], ordered: new Set(), duplicates: 0 });

const FIRST_ORDER_ID = 5_820_917_300_000;
const RECORDED = JSON.parse(SHOPIFY_ORDERS_CREATE.body) as Record<string, unknown>;

/** The recorded `orders/create` body as the order `orderId` using `codes`. */
export function orderBody(orderId: number, codes: string[]): string {
  return JSON.stringify({
    ...RECORDED,
    id: orderId,
    admin_graphql_api_id: `gid://shopify/Order/${orderId}`,
    created_at: new Date().toISOString(),
    discount_codes: codes.map((code) => ({ code, amount: '13.50', type: 'percentage' })),
  });
}

/** The delivery of `body` as event `eventId`, signed as Shopify signs it, to `world`'s store. */
export async function orderDelivery(world: World, body: string, eventId: string) {
  return new Request(new URL(`/webhooks/shopify/${world.storeId}`, 'http://farout.test'), {
    method: 'POST',
    body,
    headers: {
      ...SHOPIFY_ORDERS_CREATE.headers,
      'X-Shopify-Hmac-Sha256': await signBase64(WEBHOOK_SECRET, body),
      'X-Shopify-Shop-Domain': world.shop,
      'X-Shopify-Triggered-At': new Date().toISOString(),
      'X-Shopify-Webhook-Id': crypto.randomUUID(),
      'X-Shopify-Event-Id': eventId,
    },
  });
}

async function deliver(world: World, body: string, eventId: string) {
  const response = await exports.default.fetch(await orderDelivery(world, body, eventId));
  if (response.status !== 200) throw new Error(`the order webhook answered ${response.status}`);
}

/** Delivers one order, then the copies Shopify may send; returns how many copies it sent. */
async function deliverWithCopies(world: World, body: string): Promise<number> {
  const eventId = crypto.randomUUID();
  const roll = world.random.next();
  if (roll < 0.2) {
    await Promise.all([deliver(world, body, eventId), deliver(world, body, eventId)]);
    return 1;
  }

  await deliver(world, body, eventId);
  if (roll < 0.45) await deliver(world, body, eventId);
  else if (roll < 0.6) await deliver(world, body, crypto.randomUUID());
  else return 0;
  return 1;
}

/** Orders with every code that went live since the last call, with their duplicate copies. */
export async function placeOrders(world: World, book: OrderBook) {
  const live = await db()
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.campaignId, world.campaignId), eq(submissions.state, 'activated')));

  for (const { id } of live) {
    const shopper = world.shoppers.find((candidate) => candidate.submissionId === id);
    if (!shopper || book.ordered.has(id)) continue;
    book.ordered.add(id);

    const orderId = FIRST_ORDER_ID + book.orders.length;
    // Shoppers type codes in any case; the store passes them on as typed.
    const typed = orderId % 2 === 0 ? shopper.code.toLowerCase() : shopper.code;
    const body = orderBody(orderId, [typed]);
    const copies = await deliverWithCopies(world, body);
    book.orders.push({ orderId, promoCodeId: shopper.promoCodeId, deliveries: 1 + copies });
    book.duplicates += copies;
  }
}
