import { check, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAtColumn, idColumn, oneOf } from './columns';

export const MEMBER_ROLES = ['owner', 'staff'] as const;
export const STORE_PLATFORMS = ['shopify', 'woocommerce', 'webhook', 'sandbox'] as const;

/** A business using FarOut. Every merchant-owned row carries its `merchant_id`. */
export const merchants = sqliteTable('merchants', {
  id: idColumn(),
  name: text('name').notNull(),
  // How long a shopper's data is kept after the campaign ends, before automatic erasure.
  retentionDays: integer('retention_days').notNull().default(180),
  createdAt: createdAtColumn(),
});

/** A person who can sign in to a merchant's console. */
export const members = sqliteTable(
  'members',
  {
    id: idColumn(),
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id, { onDelete: 'cascade' }),
    // Stored lower-cased; one address belongs to one merchant, so signing in needs no choice.
    email: text('email').notNull(),
    name: text('name'),
    role: text('role', { enum: MEMBER_ROLES }).notNull().default('staff'),
    // `pbkdf2-sha256$<iterations>$<salt>$<hash>`; null until an invited member sets one.
    passwordHash: text('password_hash'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex('members_merchant_email_unique').on(t.merchantId, t.email),
    uniqueIndex('members_email_unique').on(t.email),
    check('members_role_check', oneOf(t.role, MEMBER_ROLES)),
  ],
);

/** A shop whose discount system receives the promo codes. */
export const stores = sqliteTable(
  'stores',
  {
    id: idColumn(),
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id, { onDelete: 'cascade' }),
    platform: text('platform', { enum: STORE_PLATFORMS }).notNull(),
    name: text('name').notNull(),
    // Shop domain or site URL host, e.g. `example.myshopify.com`.
    domain: text('domain').notNull(),
    // AES-GCM ciphertext of the integration secrets, with the id of the key that sealed it,
    // so the key can be rotated without losing older rows.
    credentialsCiphertext: text('credentials_ciphertext'),
    credentialsKeyId: text('credentials_key_id'),
    currency: text('currency').notNull().default('USD'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex('stores_merchant_domain_unique').on(t.merchantId, t.domain),
    check('stores_platform_check', oneOf(t.platform, STORE_PLATFORMS)),
  ],
);
