import { z } from 'zod';
import {
  failWith,
  isoSeconds,
  rejectedBy,
  retryLater,
  type StoreDeps,
  type StoreRequest,
  type StoreResponse,
  send,
  statusFailure,
  succeed,
  withQuickRetry,
} from './http';
import { minorToDecimal } from './money';
import type {
  ActivatedCode,
  DiscountTerms,
  StoreAdapter,
  StoreFailure,
  StoreResult,
  SwitchedCode,
} from './types';

export type WooCommerceOptions = StoreDeps & {
  /** The WordPress site address, e.g. `https://shop.example.com` (or `.../shop` in a folder). */
  siteUrl: string;
  /** A REST API key pair with Read/Write permission. */
  consumerKey: string;
  consumerSecret: string;
};

// WP REST serialises a WP_Error as `{code, message, data: {status}}`.
const WpError = z.object({ code: z.string(), message: z.string().optional() });
const Coupon = z.object({
  id: z.number(),
  code: z.string(),
  discount_type: z.string().optional(),
  amount: z.string().optional(),
});
type Coupon = z.infer<typeof Coupon>;
// The WordPress REST index (`/wp-json/`) is public and carries the site title.
const SiteIndex = z.object({ name: z.string().optional() });

/**
 * A WooCommerce store through its REST API (wc/v3) with a consumer key and secret over HTTPS
 * Basic auth. WooCommerce has no idempotency keys: a repeated create answers that the code
 * exists, and the coupon is then looked up by code.
 *
 * Switching a code off sets the coupon to `draft` rather than moving its expiry to now: the
 * coupon, its expiry and its limits stay as they were, and switching on again is `publish`.
 * Moving the expiry would lose the original date, which the switch-on call does not know. A
 * draft coupon is unknown to checkout (WooCommerce resolves codes among published coupons
 * only), and for the same reason cannot be found by code, so switching on needs the coupon id.
 *
 * Known gaps: some hosts strip the Authorization header before PHP sees it, where WooCommerce
 * wants the key pair in the query string instead, which this adapter does not send; coupons
 * have no start date, so `startsAt` is not sent (codes are created when they should start).
 */
export class WooCommerceStoreAdapter implements StoreAdapter {
  constructor(private readonly options: WooCommerceOptions) {}

  async activateCode(
    terms: DiscountTerms,
    _idempotencyKey?: string,
  ): Promise<StoreResult<ActivatedCode>> {
    const created = await this.call('POST', 'coupons', couponBody(terms));
    if (!created.ok) return created;

    const { status, json } = created.value;
    if (status === 201 || status === 200) {
      const coupon = Coupon.safeParse(json);
      if (!coupon.success) {
        return retryLater('WooCommerce created the coupon but its answer is unreadable.');
      }
      return succeed({ externalId: String(coupon.data.id), alreadyExisted: false });
    }
    if (errorCode(json) === 'woocommerce_rest_coupon_code_already_exists') {
      return this.existing(terms);
    }
    return failWith(wooFailure(created.value, this.now()));
  }

  deactivateCode(code: string, externalId: string | null): Promise<StoreResult<SwitchedCode>> {
    return this.setStatus(code, externalId, 'draft');
  }

  reactivateCode(code: string, externalId: string | null): Promise<StoreResult<SwitchedCode>> {
    return this.setStatus(code, externalId, 'publish');
  }

  /** Listing one coupon proves the key pair; the name is the site title from the REST index. */
  async testConnection(): Promise<StoreResult<{ shopName: string }>> {
    const listed = await this.call('GET', 'coupons?per_page=1');
    if (!listed.ok) return listed;
    if (listed.value.status !== 200) {
      return failWith(wooFailure(listed.value, this.now()));
    }

    const site = await this.call('GET', '', undefined, '/wp-json/');
    const name = site.ok ? SiteIndex.safeParse(site.value.json).data?.name : undefined;
    return succeed({ shopName: name || new URL(this.options.siteUrl).hostname });
  }

  /** The duplicate is ours when it gives the same discount; a merchant's own coupon is not. */
  private async existing(terms: DiscountTerms): Promise<StoreResult<ActivatedCode>> {
    const found = await this.findCode(terms.code);
    if (!found.ok) return found;

    const coupon = found.value;
    if (!coupon) {
      return retryLater(`WooCommerce says ${terms.code} exists but does not find it yet.`);
    }
    const wanted = couponBody(terms);
    const same =
      coupon.discount_type === wanted.discount_type &&
      Number(coupon.amount) === Number(wanted.amount);
    if (!same) {
      return rejectedBy(`The code ${terms.code} already belongs to another coupon in this store.`);
    }
    return succeed({ externalId: String(coupon.id), alreadyExisted: true });
  }

  private async findCode(code: string): Promise<StoreResult<Coupon | null>> {
    const listed = await this.call('GET', `coupons?code=${encodeURIComponent(code)}`);
    if (!listed.ok) return listed;
    if (listed.value.status !== 200) {
      return failWith(wooFailure(listed.value, this.now()));
    }

    const coupons = z.array(Coupon).safeParse(listed.value.json);
    if (!coupons.success) {
      return retryLater('WooCommerce answered the code lookup in an unknown shape.');
    }
    // WooCommerce keeps codes in lower case and matches them without regard to case.
    const match = coupons.data.find((coupon) => coupon.code.toLowerCase() === code.toLowerCase());
    return succeed(match ?? null);
  }

  private async setStatus(
    code: string,
    externalId: string | null,
    status: 'draft' | 'publish',
  ): Promise<StoreResult<SwitchedCode>> {
    let id = externalId;
    if (id === null) {
      const found = await this.findCode(code);
      if (!found.ok) return found;
      if (!found.value) return rejectedBy(`WooCommerce has no published coupon ${code}.`);
      id = String(found.value.id);
    }

    const updated = await this.call('PUT', `coupons/${encodeURIComponent(id)}`, { status });
    if (!updated.ok) return updated;
    if (updated.value.status === 200) return succeed({ externalId: id });
    return failWith(wooFailure(updated.value, this.now()));
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private call(
    method: StoreRequest['method'],
    path: string,
    body?: unknown,
    root = '/wp-json/wc/v3/',
  ): Promise<StoreResult<StoreResponse>> {
    const { siteUrl, consumerKey, consumerSecret } = this.options;
    const credentials = btoa(`${consumerKey}:${consumerSecret}`);
    const request: StoreRequest = {
      method,
      url: `${siteUrl.replace(/\/+$/, '')}${root}${path}`,
      headers: {
        accept: 'application/json',
        authorization: `Basic ${credentials}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    };
    return withQuickRetry(async () => {
      const response = await send(request, this.options);
      // The store's own trouble is answered here, where a short wait can be sat out.
      if (!response.ok || (response.value.status !== 429 && response.value.status < 500)) {
        return response;
      }
      return failWith(statusFailure(response.value, 'WooCommerce', this.now()));
    }, this.options);
  }
}

// WP REST checks each field against the schema, where null is not an integer: a field without
// a value is left out, which WooCommerce reads as "no limit" or "no expiry".
function couponBody(terms: DiscountTerms) {
  const percentage = terms.type === 'percentage';
  return withoutEmpty({
    code: terms.code,
    discount_type: percentage ? 'percent' : 'fixed_cart',
    // The REST schema types amounts as strings, in major units for fixed amounts.
    amount: percentage ? String(terms.value) : minorToDecimal(terms.value, terms.currency),
    individual_use: true,
    usage_limit: terms.usageLimit,
    usage_limit_per_user: terms.oncePerCustomer ? 1 : null,
    // WC_Data::set_date_prop reads `...THH:MM:SSZ` as UTC; without the zone (or with
    // milliseconds) it would take the site's own time zone.
    date_expires: terms.endsAt && isoSeconds(terms.endsAt),
    minimum_amount:
      terms.minOrderMinor === null
        ? undefined
        : minorToDecimal(terms.minOrderMinor, terms.currency),
    description: terms.title,
  });
}

function withoutEmpty<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== null && value !== undefined),
  ) as Partial<T>;
}

function errorCode(json: unknown): string | undefined {
  return WpError.safeParse(json).data?.code;
}

/** What a WooCommerce status means; `rest_no_route` is a site without the WooCommerce API. */
function wooFailure(response: StoreResponse, now: number): StoreFailure {
  const parsed = WpError.safeParse(response.json);
  const detail = parsed.success ? `${parsed.data.code}: ${parsed.data.message ?? ''}` : '';
  if (response.status === 404 && parsed.data?.code === 'rest_no_route') {
    return { kind: 'auth', reason: 'No WooCommerce REST API at this site address.' };
  }
  if (
    response.status >= 400 &&
    response.status < 500 &&
    ![401, 403, 429].includes(response.status)
  ) {
    return {
      kind: 'rejected',
      reason: `WooCommerce refused the coupon (${detail || `HTTP ${response.status}`}).`,
    };
  }
  return statusFailure(response, 'WooCommerce', now);
}
