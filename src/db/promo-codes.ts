import { eq, sql } from 'drizzle-orm';
import { generatePromoCode } from '../domain/promo-code';
import { newId } from '../lib/ids';
import type { Database } from './client';
import { prepared } from './prepared';
import { promoCodes } from './schema';

export type PromoCode = typeof promoCodes.$inferSelect;

// With 31^8 possible codes per prefix, a clash is rare; a few retries make it vanishing.
const RESERVE_ATTEMPTS = 5;

/**
 * The submission's promo code, reserved on first call. It stays reserved (not usable in the
 * store) until the post is verified. Safe to call again: the same code comes back.
 */
export async function reservePromoCode(
  db: Database,
  input: { storeId: string; campaignId: string; submissionId: string; prefix: string },
): Promise<PromoCode> {
  const bySubmission = eq(promoCodes.submissionId, input.submissionId);

  for (let attempt = 0; attempt < RESERVE_ATTEMPTS; attempt++) {
    const existing = await db.query.promoCodes.findFirst({ where: bySubmission });
    if (existing) return existing;

    // OR IGNORE covers both unique keys: a code taken in this store, or a concurrent request
    // that reserved this submission's code first. The read above tells which.
    await db
      .insert(promoCodes)
      .values({
        id: newId('pc'),
        storeId: input.storeId,
        campaignId: input.campaignId,
        submissionId: input.submissionId,
        code: generatePromoCode(input.prefix),
      })
      .onConflictDoNothing();
  }

  const reserved = await db.query.promoCodes.findFirst({ where: bySubmission });
  if (!reserved) throw new Error(`no free promo code after ${RESERVE_ATTEMPTS} attempts`);
  return reserved;
}

/** The promo code of a submission, if one was reserved. */
export async function findSubmissionPromoCode(
  db: Database,
  submissionId: string,
): Promise<PromoCode | undefined> {
  const query = prepared(db, 'promo code of a submission', (handle) =>
    handle.query.promoCodes
      .findFirst({ where: eq(promoCodes.submissionId, sql.placeholder('submissionId')) })
      .prepare(),
  );
  return query.execute({ submissionId });
}
