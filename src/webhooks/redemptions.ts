import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client';
import { promoCodes, redemptions } from '../db/schema';
import { normalisePromoCode } from '../domain/promo-code';
import { newId } from '../lib/ids';
import type { OrderFacts } from './payloads';

// D1 binds at most 100 parameters per statement; an order never carries this many codes, and
// capping keeps the lookup inside that limit whatever a sender puts in the list.
const MAX_CODES = 50;

/** Codes as the promo code table holds them: trimmed, upper-case, each once. */
export function normaliseCodes(codes: string[]): string[] {
  const cleaned = codes.map(normalisePromoCode).filter((code) => code !== '');
  return [...new Set(cleaned)].slice(0, MAX_CODES);
}

/**
 * Counts an order once for each of this store's promo codes it used, and returns how many
 * redemptions are new. Codes of other stores and unknown codes are ignored. A second delivery
 * of the same order adds nothing: redemptions are unique per store, order and code.
 */
export async function recordRedemptions(
  db: Database,
  storeId: string,
  order: OrderFacts,
): Promise<number> {
  const codes = normaliseCodes(order.codes);
  if (codes.length === 0) return 0;

  const matched = await db
    .select({ id: promoCodes.id })
    .from(promoCodes)
    .where(and(eq(promoCodes.storeId, storeId), inArray(promoCodes.code, codes)));
  const [first, ...rest] = matched.map((promoCode) =>
    db
      .insert(redemptions)
      .values({
        id: newId('rdm'),
        promoCodeId: promoCode.id,
        storeId,
        orderId: order.orderId,
        amountMinor: order.amountMinor,
        currency: order.currency,
        orderedAt: order.orderedAt,
      })
      .onConflictDoNothing()
      .returning({ id: redemptions.id }),
  );
  if (!first) return 0;

  const inserted = await db.batch([first, ...rest]);
  return inserted.filter((rows) => rows.length > 0).length;
}
