import { and, eq } from 'drizzle-orm';
import type { PublicCampaign } from '../db/campaigns';
import type { Database } from '../db/client';
import { findSubmissionPromoCode } from '../db/promo-codes';
import { promoCodes, stores } from '../db/schema';
import { type Submission, transitionSubmission } from '../db/submissions';
import { openStoreCredentials } from '../lib/credentials';
import { fail, ok } from '../lib/result';
import { queueEmailStatement } from '../notify/outbox';
import { type StoreFailure, storeAdapterFor } from '../stores';
import { codeActiveMessage } from './code-active-message';
import { discountTerms } from './terms';

export type ActivationOutcome =
  | { ok: true; value: 'activated' }
  | { ok: false; reason: 'store_failed'; failure: StoreFailure; message: string }
  | { ok: false; reason: 'no_code' | 'no_store' | 'conflict' | 'not_allowed'; message: string };

/**
 * Switches the promo code of a verified (or approved) submission on in the merchant's store,
 * once. The store call carries the promo code's id as its idempotency key, and a code the store
 * already has (an earlier try that succeeded) counts as success. In test mode and for sandbox
 * stores, "on" means recorded as live in our own database. The shopper's email is queued in the
 * same transaction as the move to `activated`. A failure is returned for the caller to retry.
 */
export async function activateReward(
  env: Cloudflare.Env,
  db: Database,
  submission: Submission,
  campaign: PublicCampaign,
  now = Date.now(),
): Promise<ActivationOutcome> {
  const promoCode = await findSubmissionPromoCode(db, submission.id);
  if (!promoCode) return fail('no_code', 'The submission has no reserved promo code.');
  const store = await db.query.stores.findFirst({ where: eq(stores.id, promoCode.storeId) });
  if (!store) return fail('no_store', 'The campaign store no longer exists.');

  const terms = discountTerms(campaign, promoCode.code, store.currency, now);
  const credentials = campaign.testMode ? null : await openStoreCredentials(env, store);
  const adapter = storeAdapterFor(store, credentials, { testMode: campaign.testMode });
  const activated = await adapter.activateCode(terms, promoCode.id);
  if (!activated.ok) {
    const { failure } = activated;
    return { ok: false, reason: 'store_failed', failure, message: failure.reason };
  }

  const email = await codeActiveMessage(db, {
    env,
    submission,
    campaign,
    promoCode: promoCode.code,
    expiresAt: terms.endsAt,
  });
  const moved = await transitionSubmission(db, submission, {
    to: 'activated',
    actor: 'system',
    reason: activated.value.alreadyExisted
      ? 'promo code was already in the store'
      : 'promo code switched on',
    data: { promoCode: promoCode.code, externalId: activated.value.externalId },
    // Nothing is left to check: a decided submission keeps no next check, so the cron's search
    // for overdue monitors reads only those still watched.
    changes: { outcomeReason: null, nextCheckAt: null },
    alongside: [
      db
        .update(promoCodes)
        .set({
          status: 'active',
          activatedAt: new Date(now),
          expiresAt: terms.endsAt,
          externalId: activated.value.externalId,
        })
        .where(and(eq(promoCodes.id, promoCode.id), eq(promoCodes.status, 'reserved'))),
      ...(email ? [queueEmailStatement(db, email)] : []),
    ],
  });
  return moved.ok ? ok('activated') : moved;
}
