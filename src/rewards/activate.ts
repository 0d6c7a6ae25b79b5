import { and, eq } from 'drizzle-orm';
import type { PublicCampaign } from '../db/campaigns';
import type { Database } from '../db/client';
import { findSubmissionPromoCode } from '../db/promo-codes';
import { promoCodes } from '../db/schema';
import { type Submission, transitionSubmission } from '../db/submissions';
import { fail, ok, type Result } from '../lib/result';
import { queueEmailStatement } from '../notify/outbox';
import { codeActiveMessage } from './code-active-message';

const DAY = 86_400_000;

/**
 * Switches the promo code of a verified (or approved) submission on, once. In test mode, and for
 * sandbox stores, "on" means recorded as live in our own database. The shopper's email is
 * queued in the same transaction. Safe to call again: a code already active stays as it is,
 * the email exists once, and the submission ends `activated`.
 *
 * Gap: real stores (Shopify, WooCommerce, a merchant's webhook) are not called yet, so their
 * submissions stay `verified` with an event saying so. Lifting it takes the store adapters with
 * idempotency keys and retries, which this function would call before the transition.
 */
export async function activateReward(
  env: Cloudflare.Env,
  db: Database,
  submission: Submission,
  campaign: PublicCampaign,
  now = Date.now(),
): Promise<Result<'activated', 'store_not_supported' | 'no_code' | 'conflict' | 'not_allowed'>> {
  const promoCode = await findSubmissionPromoCode(db, submission.id);
  if (!promoCode) return fail('no_code', 'The submission has no reserved promo code.');

  if (!campaign.testMode && campaign.storePlatform !== 'sandbox') {
    return fail('store_not_supported', 'Switching codes on in this store is not available yet.');
  }

  const expiresAt = campaign.codeValidDays ? new Date(now + campaign.codeValidDays * DAY) : null;
  const email = await codeActiveMessage(db, {
    env,
    submission,
    campaign,
    promoCode: promoCode.code,
    expiresAt,
  });
  const moved = await transitionSubmission(db, submission, {
    to: 'activated',
    actor: 'system',
    reason: 'promo code switched on (test mode)',
    data: { promoCode: promoCode.code, expiresAt: expiresAt?.toISOString() ?? null },
    alongside: [
      db
        .update(promoCodes)
        .set({ status: 'active', activatedAt: new Date(now), expiresAt })
        .where(and(eq(promoCodes.id, promoCode.id), eq(promoCodes.status, 'reserved'))),
      ...(email ? [queueEmailStatement(db, email)] : []),
    ],
  });
  return moved.ok ? ok('activated') : moved;
}
