import { z } from 'zod';
import {
  isoSeconds,
  retryAfterMs,
  retryLater,
  type StoreDeps,
  send,
  succeed,
  withQuickRetry,
} from './http';
import type {
  ActivatedCode,
  DiscountTerms,
  StoreAdapter,
  StoreResult,
  SwitchedCode,
} from './types';

/**
 * Any other store: FarOut POSTs each change as a signed JSON event to the merchant's URL, and
 * the merchant's own system creates or switches the code. The recipe the merchant follows to
 * check a delivery is `webhookVerificationGuide()` below; the signing mirrors what Stripe and
 * others do, so merchants meet a familiar scheme:
 *
 *   FarOut-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>
 *
 * The timestamp inside the signed string lets the merchant refuse old deliveries (replays); the
 * event id in the body and in `FarOut-Event-Id` lets them ignore a retry they already handled.
 */

export const WEBHOOK_EVENT_TYPES = [
  'promo_code.activate',
  'promo_code.deactivate',
  'promo_code.reactivate',
  'ping',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export type WebhookOptions = StoreDeps & {
  /** The merchant's https endpoint. */
  url: string;
  /** The shared signing secret. */
  secret: string;
  /** Shown as the shop's name after a successful test, since the endpoint has none to give. */
  shopName: string;
};

// The merchant may answer an activation with their own id for the discount.
const Answer = z.object({ external_id: z.string().min(1).max(200) });

/** A merchant's own system, told about each code through a signed webhook. */
export class WebhookStoreAdapter implements StoreAdapter {
  constructor(private readonly options: WebhookOptions) {}

  async activateCode(
    terms: DiscountTerms,
    idempotencyKey: string,
  ): Promise<StoreResult<ActivatedCode>> {
    const data = { terms: termsPayload(terms) };
    const sent = await this.deliver(idempotencyKey, 'promo_code.activate', data);
    if (!sent.ok) return sent;

    return succeed({ externalId: sent.value ?? terms.code, alreadyExisted: false });
  }

  deactivateCode(
    code: string,
    externalId: string | null,
    idempotencyKey?: string,
  ): Promise<StoreResult<SwitchedCode>> {
    return this.switchCode('promo_code.deactivate', code, externalId, idempotencyKey);
  }

  reactivateCode(
    code: string,
    externalId: string | null,
    idempotencyKey?: string,
  ): Promise<StoreResult<SwitchedCode>> {
    return this.switchCode('promo_code.reactivate', code, externalId, idempotencyKey);
  }

  async testConnection(): Promise<StoreResult<{ shopName: string }>> {
    const sent = await this.deliver(crypto.randomUUID(), 'ping', {});
    return sent.ok ? succeed({ shopName: this.options.shopName }) : sent;
  }

  /** Without a key each call is a new event; with one, a retry is recognisably the same. */
  private async switchCode(
    type: WebhookEventType,
    code: string,
    externalId: string | null,
    idempotencyKey = crypto.randomUUID(),
  ): Promise<StoreResult<SwitchedCode>> {
    const sent = await this.deliver(idempotencyKey, type, { code, external_id: externalId });
    return sent.ok ? succeed({ externalId }) : sent;
  }

  /** Any 2xx is delivered; anything else is the merchant's system in trouble: retried later. */
  private deliver(
    id: string,
    type: WebhookEventType,
    data: Record<string, unknown>,
  ): Promise<StoreResult<string | undefined>> {
    return withQuickRetry(async () => {
      const now = (this.options.now ?? Date.now)();
      const body = JSON.stringify({ id, type, created_at: isoSeconds(new Date(now)), data });
      const timestamp = Math.floor(now / 1000);
      const signature = await hmacHex(this.options.secret, `${timestamp}.${body}`);

      const response = await send(
        {
          method: 'POST',
          url: this.options.url,
          headers: {
            'content-type': 'application/json',
            'farout-signature': `t=${timestamp},v1=${signature}`,
            'farout-event-id': id,
          },
          body,
        },
        this.options,
      );
      if (!response.ok) return response;
      const { status, headers, json } = response.value;
      if (status >= 200 && status < 300) return succeed(Answer.safeParse(json).data?.external_id);
      const reason = `The store’s webhook answered HTTP ${status}.`;
      return retryLater(reason, retryAfterMs(headers, now));
    }, this.options);
  }
}

/** The terms on the wire, in the snake_case of the rest of the event. */
function termsPayload(terms: DiscountTerms) {
  return {
    code: terms.code,
    type: terms.type,
    value: terms.value,
    currency: terms.currency,
    usage_limit: terms.usageLimit,
    once_per_customer: terms.oncePerCustomer,
    starts_at: isoSeconds(terms.startsAt),
    ends_at: terms.endsAt && isoSeconds(terms.endsAt),
    min_order_minor: terms.minOrderMinor,
    title: terms.title,
  };
}

async function hmacHex(secret: string, message: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  return [...mac].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** How a merchant checks our webhook deliveries, in words for the README and the console. */
export function webhookVerificationGuide(): string {
  return `Checking a FarOut webhook delivery

Each delivery is an HTTPS POST with a JSON body and two headers:
  FarOut-Event-Id:  the event id (the same for every retry of one event)
  FarOut-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 signature>

1. Keep the raw body exactly as received; parse the JSON only after the check.
2. From FarOut-Signature take the value after "t=" and the value after "v1=".
3. Compute HMAC-SHA256 with your signing secret as the key over the text
   "<t>.<raw body>" (the t value, a full stop, the body), as lowercase hex.
4. Compare it with the v1 value in constant time (Node: crypto.timingSafeEqual,
   Python: hmac.compare_digest, PHP: hash_equals). Refuse the delivery if they differ.
5. Refuse it as well if t is more than 5 minutes away from your clock.
6. Remember the event ids you have handled for a week; when one comes again, answer
   2xx without acting twice.

Answer any 2xx status once the change is made in your store. Any other status, or no
answer within 10 seconds, and FarOut sends the event again later with the same id and
a fresh t and signature.

Body: {"id", "type", "created_at", "data"}; created_at is when this attempt was sent.
  promo_code.activate    data.terms: code, type ("percentage" or "fixed_amount"), value
                         (whole percent, or minor units of currency), currency,
                         usage_limit, once_per_customer, starts_at, ends_at,
                         min_order_minor, title; null means no limit, no end, no minimum
  promo_code.deactivate  data: code, external_id (stop accepting the code)
  promo_code.reactivate  data: code, external_id (accept the code again)
  ping                   data: {} (the merchant pressed "Test connection")
To have your own id for a code sent back in later events, answer promo_code.activate
with the JSON {"external_id": "<your id>"}.`;
}
