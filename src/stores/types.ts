/** A promo code's discount, as every store is asked to create it. */
export type DiscountTerms = {
  code: string;
  type: 'percentage' | 'fixed_amount';
  /** Percentage: whole percent (1 to 100). Fixed amount: minor units of `currency`. */
  value: number;
  /** ISO 4217, the store's currency. */
  currency: string;
  /** How many orders the code may discount in all; null means no limit. */
  usageLimit: number | null;
  oncePerCustomer: boolean;
  startsAt: Date;
  endsAt: Date | null;
  /** Smallest order subtotal, in minor units, the code applies to; null means any. */
  minOrderMinor: number | null;
  /** The name the merchant sees in their store's discount list. */
  title: string;
};

/**
 * Why a store call did not succeed. `retry`: the store or the network is in trouble, try again
 * later (after `retryAfterMs` when known). `rejected`: the store refused these terms, trying
 * again changes nothing. `auth`: the merchant has to fix the connection (credentials revoked,
 * missing permission, wrong address).
 */
export type StoreFailure =
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  | { kind: 'rejected'; reason: string }
  | { kind: 'auth'; reason: string };

export type StoreResult<T> = { ok: true; value: T } | { ok: false; failure: StoreFailure };

export type ActivatedCode = { externalId: string; alreadyExisted: boolean };

/** The store's id of the discount switched off or on again, when the store has one. */
export type SwitchedCode = { externalId: string | null };

/** One merchant's store, as the rewards step sees it. */
export interface StoreAdapter {
  /**
   * Creates the code discount, or finds that it already exists (an earlier try succeeded):
   * both are success.
   */
  activateCode(terms: DiscountTerms, idempotencyKey: string): Promise<StoreResult<ActivatedCode>>;
  /**
   * Switches the code off so no further order can use it. `idempotencyKey` makes a repeated
   * call the same event where the store understands one (the webhook store).
   */
  deactivateCode(
    code: string,
    externalId: string | null,
    idempotencyKey?: string,
  ): Promise<StoreResult<SwitchedCode>>;
  /** Switches a code that was switched off on again. */
  reactivateCode(
    code: string,
    externalId: string | null,
    idempotencyKey?: string,
  ): Promise<StoreResult<SwitchedCode>>;
  /** A cheap call proving the credentials work; returns the shop's name. */
  testConnection(): Promise<StoreResult<{ shopName: string }>>;
}
