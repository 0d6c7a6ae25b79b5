import type { Database } from '../db/client';
import type { Logger } from '../lib/logger';
import { ok, type Result } from '../lib/result';
import type { OrderFacts, PayloadResult } from './payloads';
import { hasReceipt, type ReceiptKey, saveReceipt } from './receipts';
import { recordRedemptions } from './redemptions';
import type { Store } from './secrets';

/** Why a delivery was refused; the route maps each to its HTTP status. */
export type DeliveryFailure = 'no_secret' | 'bad_signature' | 'replay' | 'bad_payload';

/** What was done with an accepted delivery. */
export type DeliveryOutcome = {
  result: 'recorded' | 'duplicate' | 'ignored' | 'ping' | 'erased' | 'request_noted';
  redemptions?: number;
};

export type DeliveryResult = Result<DeliveryOutcome, DeliveryFailure>;

/** One incoming delivery: the raw bytes exactly as signed, and the headers (lower-case names). */
export type Delivery = {
  store: Store;
  body: Uint8Array;
  headers: Record<string, string | undefined>;
  secret: string | null;
};

/** What handling a delivery needs from the request. */
export type DeliveryContext = { db: Database; media: R2Bucket; logger: Logger; now: number };

/**
 * Runs `work` unless this delivery was handled before, then notes it as handled. Without an id
 * the work runs every time; it is idempotent, so that costs a query, never a second count.
 */
export async function oncePerDelivery(
  db: Database,
  key: ReceiptKey | null,
  work: () => Promise<DeliveryResult>,
): Promise<DeliveryResult> {
  if (key && (await hasReceipt(db, key))) return ok({ result: 'duplicate' });

  const outcome = await work();
  if (key && outcome.ok) await saveReceipt(db, key);
  return outcome;
}

/** Records the redemptions of a parsed order, or passes the parse failure on. */
export async function recordOrder(
  db: Database,
  storeId: string,
  order: PayloadResult<OrderFacts>,
): Promise<DeliveryResult> {
  if (!order.ok) return order;

  const redemptions = await recordRedemptions(db, storeId, order.value);
  return ok({ result: 'recorded', redemptions });
}
