import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { campaigns } from './campaigns';
import { createdAtColumn, oneOf, timeColumn } from './columns';
import { members, merchants } from './merchants';

export const MEMBER_TOKEN_KINDS = ['password_reset', 'invite'] as const;

/**
 * A signed-in console session. The id is the SHA-256 of the cookie's random token, so a copy of
 * the database does not hold working sessions.
 */
export const memberSessions = sqliteTable(
  'member_sessions',
  {
    id: text('id').primaryKey(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    merchantId: text('merchant_id')
      .notNull()
      .references(() => merchants.id, { onDelete: 'cascade' }),
    createdAt: createdAtColumn(),
    expiresAt: timeColumn('expires_at').notNull(),
  },
  (t) => [index('member_sessions_member_idx').on(t.memberId)],
);

/** A one-time link sent by email: a password reset, or an invitation to join a merchant. */
export const memberTokens = sqliteTable(
  'member_tokens',
  {
    // SHA-256 of the token in the link, as for sessions.
    id: text('id').primaryKey(),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: MEMBER_TOKEN_KINDS }).notNull(),
    expiresAt: timeColumn('expires_at').notNull(),
    usedAt: timeColumn('used_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index('member_tokens_member_idx').on(t.memberId),
    check('member_tokens_kind_check', oneOf(t.kind, MEMBER_TOKEN_KINDS)),
  ],
);

/** Widget views per campaign and UTC day: the top of the results funnel. */
export const campaignDailyViews = sqliteTable(
  'campaign_daily_views',
  {
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    // `YYYY-MM-DD`, UTC.
    day: text('day').notNull(),
    views: integer('views').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.day] })],
);
