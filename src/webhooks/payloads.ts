import { z } from 'zod';
import { fail, ok, type Result } from '../lib/result';
import { toMinorUnits } from './money';

/** What an order tells us, whatever store it came from. */
export type OrderFacts = {
  orderId: string;
  codes: string[];
  amountMinor: number;
  currency: string;
  orderedAt: Date | null;
};

export type PayloadResult<T> = Result<T, 'bad_payload'>;

// Stores send money as decimal strings (Shopify's REST order, WooCommerce's order v3).
const decimalString = z.string().regex(/^\d{1,15}(?:\.\d{1,6})?$/);
const currencyCode = z
  .string()
  .regex(/^[A-Za-z]{3}$/)
  .transform((code) => code.toUpperCase());
// Store ids are JSON numbers (Shopify's fit in 2^53); our own format may send strings.
const externalId = z
  .union([z.number().int().nonnegative(), z.string().trim().min(1).max(128)])
  .transform(String);
const codeList = z.array(z.object({ code: z.string().max(256) })).default([]);

function toDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const shopifyOrder = z.object({
  id: externalId,
  currency: currencyCode,
  total_price: decimalString.optional(),
  current_total_price: decimalString.optional(),
  created_at: z.string().max(64).nullish(),
  discount_codes: codeList,
});

const wooOrder = z.object({
  id: externalId,
  status: z.string().max(64),
  currency: currencyCode,
  total: decimalString,
  // WooCommerce's `_gmt` times are UTC without a zone designator.
  date_created_gmt: z.string().max(64).nullish(),
  coupon_lines: codeList,
});

const farOutOrder = z.object({
  order_id: externalId,
  codes: z.array(z.string().max(256)).max(50),
  amount: decimalString,
  currency: currencyCode,
  ordered_at: z.iso.datetime({ offset: true }),
});

const shopifyCustomerRedact = z.object({
  customer: z.object({ email: z.string().max(254).nullish() }),
  orders_to_redact: z.array(externalId).default([]),
});

const shopifyDataRequest = z.object({
  data_request: z.object({ id: externalId }),
  orders_requested: z.array(externalId).default([]),
});

export type ShopifyCustomerRedact = z.infer<typeof shopifyCustomerRedact>;
export type ShopifyDataRequest = z.infer<typeof shopifyDataRequest>;

function parseWith<T>(schema: z.ZodType<T>, body: Uint8Array): PayloadResult<T> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return fail('bad_payload', 'The body is not JSON.');
  }

  const parsed = schema.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(body)');
  return fail('bad_payload', `The body does not have the expected fields: ${fields.join(', ')}.`);
}

function orderFacts(
  fields: Omit<OrderFacts, 'amountMinor'> & { amount: string },
): PayloadResult<OrderFacts> {
  const minor = toMinorUnits(fields.amount, fields.currency);
  if (!minor.ok) return fail('bad_payload', minor.message);

  const { amount: _amount, ...rest } = fields;
  return ok({ ...rest, amountMinor: minor.value });
}

/** An `orders/create` body (Shopify's REST order JSON) as order facts. */
export function parseShopifyOrder(body: Uint8Array): PayloadResult<OrderFacts> {
  const parsed = parseWith(shopifyOrder, body);
  if (!parsed.ok) return parsed;

  const order = parsed.value;
  // On creation the two totals agree; `current_total_price` alone may appear on edited orders.
  const amount = order.total_price ?? order.current_total_price;
  if (!amount) return fail('bad_payload', 'The order has no total_price.');
  return orderFacts({
    orderId: order.id,
    codes: order.discount_codes.map((line) => line.code),
    amount,
    currency: order.currency,
    orderedAt: toDate(order.created_at),
  });
}

/** A WooCommerce order webhook body as order facts, with the order status beside them. */
export function parseWooOrder(body: Uint8Array): PayloadResult<OrderFacts & { status: string }> {
  const parsed = parseWith(wooOrder, body);
  if (!parsed.ok) return parsed;

  const order = parsed.value;
  const created = order.date_created_gmt;
  const facts = orderFacts({
    orderId: order.id,
    codes: order.coupon_lines.map((line) => line.code),
    amount: order.total,
    currency: order.currency,
    orderedAt: toDate(
      created && !/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(created) ? `${created}Z` : created,
    ),
  });
  return facts.ok ? ok({ ...facts.value, status: order.status }) : facts;
}

/** A body of our own documented order format as order facts. */
export function parseFarOutOrder(body: Uint8Array): PayloadResult<OrderFacts> {
  const parsed = parseWith(farOutOrder, body);
  if (!parsed.ok) return parsed;

  const order = parsed.value;
  return orderFacts({
    orderId: order.order_id,
    codes: order.codes,
    amount: order.amount,
    currency: order.currency,
    orderedAt: toDate(order.ordered_at),
  });
}

/** A `customers/redact` compliance body. */
export function parseShopifyCustomerRedact(body: Uint8Array): PayloadResult<ShopifyCustomerRedact> {
  return parseWith(shopifyCustomerRedact, body);
}

/** A `customers/data_request` compliance body. */
export function parseShopifyDataRequest(body: Uint8Array): PayloadResult<ShopifyDataRequest> {
  return parseWith(shopifyDataRequest, body);
}
