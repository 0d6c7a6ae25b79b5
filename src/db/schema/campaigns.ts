import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAtColumn, idColumn, oneOf, timeColumn } from './columns';
import { merchants, stores } from './merchants';

export const SOCIAL_PLATFORMS = [
  'instagram',
  'bluesky',
  'mastodon',
  'x',
  'tiktok',
  'facebook',
  'sandbox',
] as const;
export type SocialPlatform = (typeof SOCIAL_PLATFORMS)[number];

export const CAMPAIGN_STATUSES = ['draft', 'active', 'paused', 'ended'] as const;
export const DISCOUNT_TYPES = ['percentage', 'fixed_amount'] as const;

/** Colours of the widget and of the rendered post image, as CSS hex strings. */
export type TemplateColors = { background: string; accent: string; text: string };

/** A discount offer run by a merchant in one store. */
export const campaigns = sqliteTable(
  'campaigns',
  {
    id: idColumn(),
    // Kept beside `store_id` so every console query can be scoped by merchant in one clause.
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id, { onDelete: 'cascade' }),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
    // Percentage: whole percent (1 to 100). Fixed amount: minor units of the store currency.
    discountType: text('discount_type', { enum: DISCOUNT_TYPES }).notNull(),
    discountValue: integer('discount_value').notNull(),
    minOrderMinor: integer('min_order_minor'),
    codePrefix: text('code_prefix').notNull().default('SHARE'),
    // How many orders one promo code may discount (the shopper and their friends).
    codeUsageLimit: integer('code_usage_limit'),
    // Days a code stays valid after it is switched on; null means no expiry.
    codeValidDays: integer('code_valid_days'),
    hashtags: text('hashtags', { mode: 'json' }).$type<string[]>().notNull().default([]),
    // @pages to mention, per platform: { instagram: ['@shop'], bluesky: ['@shop.bsky.social'] }.
    pages: text('pages', { mode: 'json' })
      .$type<Partial<Record<SocialPlatform, string[]>>>()
      .notNull()
      .default({}),
    platforms: text('platforms', { mode: 'json' }).$type<SocialPlatform[]>().notNull(),
    defaultPhotoKey: text('default_photo_key'),
    colors: text('colors', { mode: 'json' })
      .$type<TemplateColors>()
      .notNull()
      .default({ background: '#1f1235', accent: '#ff8e3c', text: '#ffffff' }),
    // The offer in the merchant's words, shown in the widget: "20% off on all products".
    offerText: text('offer_text').notNull(),
    adDisclosure: text('ad_disclosure').notNull().default('#ad'),
    blockedWords: text('blocked_words', { mode: 'json' }).$type<string[]>().notNull().default([]),
    holdHours: integer('hold_hours').notNull().default(24),
    // How long after "Go to <platform>" the post is looked for before the submission expires.
    searchHours: integer('search_hours').notNull().default(72),
    // Store origins allowed to frame the widget (`frame-ancestors`).
    frameOrigins: text('frame_origins', { mode: 'json' }).$type<string[]>().notNull().default([]),
    testMode: integer('test_mode', { mode: 'boolean' }).notNull().default(true),
    startsAt: timeColumn('starts_at'),
    endsAt: timeColumn('ends_at'),
    createdAt: createdAtColumn(),
    updatedAt: timeColumn('updated_at'),
  },
  (t) => [
    index('campaigns_merchant_idx').on(t.merchantId, t.status),
    index('campaigns_store_idx').on(t.storeId),
    check('campaigns_status_check', oneOf(t.status, CAMPAIGN_STATUSES)),
    check('campaigns_discount_type_check', oneOf(t.discountType, DISCOUNT_TYPES)),
  ],
);

/** One shopper's visit from a store's Thank-You page; it owns at most a few submissions. */
export const journeys = sqliteTable(
  'journeys',
  {
    id: idColumn(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    // The store's order number or id, when the embed passes one.
    orderRef: text('order_ref'),
    email: text('email'),
    // When the shopper agreed, on their status page, to be emailed about their code. Addresses
    // passed by the store's embed need no consent here: the store collected them at checkout.
    emailConsentAt: timeColumn('email_consent_at'),
    createdAt: createdAtColumn(),
    openedAt: timeColumn('opened_at'),
  },
  (t) => [
    // One journey per order and campaign: reloading the Thank-You page reuses it.
    uniqueIndex('journeys_campaign_order_unique').on(t.campaignId, t.orderRef),
    index('journeys_campaign_created_idx').on(t.campaignId, t.createdAt),
  ],
);
