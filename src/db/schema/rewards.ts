import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaigns } from './campaigns';
import { createdAtColumn, idColumn, oneOf, timeColumn } from './columns';
import { merchants, stores } from './merchants';
import { submissions } from './submissions';

export const PROMO_CODE_STATUSES = ['reserved', 'active', 'disabled', 'expired'] as const;
export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;

/** A personal discount code: reserved at preview, switched on in the store after verification. */
export const promoCodes = sqliteTable(
  'promo_codes',
  {
    id: idColumn(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    submissionId: text('submission_id').references(() => submissions.id, {
      onDelete: 'set null',
    }),
    code: text('code').notNull(),
    status: text('status', { enum: PROMO_CODE_STATUSES }).notNull().default('reserved'),
    // The store's own id for the discount (a Shopify GID, a WooCommerce coupon id).
    externalId: text('external_id'),
    activatedAt: timeColumn('activated_at'),
    expiresAt: timeColumn('expires_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex('promo_codes_store_code_unique').on(t.storeId, t.code),
    uniqueIndex('promo_codes_submission_unique').on(t.submissionId),
    index('promo_codes_campaign_idx').on(t.campaignId, t.status),
    check('promo_codes_status_check', oneOf(t.status, PROMO_CODE_STATUSES)),
  ],
);

/** An order that used a promo code, counted once per store order. */
export const redemptions = sqliteTable(
  'redemptions',
  {
    id: idColumn(),
    promoCodeId: text('promo_code_id')
      .notNull()
      .references(() => promoCodes.id, { onDelete: 'cascade' }),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    orderId: text('order_id').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    orderedAt: timeColumn('ordered_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex('redemptions_store_order_code_unique').on(t.storeId, t.orderId, t.promoCodeId),
    index('redemptions_code_idx').on(t.promoCodeId),
  ],
);

/** Emails waiting to be sent; `dedupe_key` makes each message exist once. */
export const emailOutbox = sqliteTable(
  'email_outbox',
  {
    id: idColumn(),
    merchantId: text('merchant_id').references(() => merchants.id, { onDelete: 'cascade' }),
    submissionId: text('submission_id').references(() => submissions.id, {
      onDelete: 'cascade',
    }),
    // e.g. `code-active:<submission id>`, `password-reset:<token id>`.
    dedupeKey: text('dedupe_key').notNull(),
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timeColumn('next_attempt_at'),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    sentAt: timeColumn('sent_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex('email_outbox_dedupe_unique').on(t.dedupeKey),
    index('email_outbox_due_idx').on(t.status, t.nextAttemptAt),
    check('email_outbox_status_check', oneOf(t.status, OUTBOX_STATUSES)),
  ],
);

/** Ids of incoming webhooks already handled, so a replay or a retry is ignored. */
export const webhookReceipts = sqliteTable(
  'webhook_receipts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // `shopify`, `woocommerce`, `custom:<store id>`.
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    topic: text('topic'),
    receivedAt: createdAtColumn(),
  },
  (t) => [uniqueIndex('webhook_receipts_source_id_unique').on(t.source, t.externalId)],
);
