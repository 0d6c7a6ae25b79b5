import { and, type Column, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Logger } from '../lib/logger';
import type { Database } from './client';
import {
  DAY_MS,
  type DailySeries,
  dailyQuery,
  dailySeries,
  dayList,
  dayStart,
  utcDay,
  VERIFIED_STATES,
} from './console-daily';
import { qualified } from './qualified';
import {
  type CAMPAIGN_STATUSES,
  campaignDailyViews,
  campaigns,
  journeys,
  promoCodes,
  redemptions,
  type SocialPlatform,
  submissionEvents,
  submissions,
} from './schema';

export { type DailySeries, utcDay };

/** The steps of a campaign's funnel, each a count of shoppers (or orders, for redemptions). */
export type Funnel = {
  views: number;
  started: number;
  generated: number;
  leftForPlatform: number;
  found: number;
  verified: number;
  codesLive: number;
  redemptions: number;
};

/** Followers and engagement of found posts, from the latest figures each post showed. */
export type Reach = {
  posts: number;
  postsWithFollowers: number;
  followers: number;
  likes: number;
  reposts: number;
  replies: number;
  views: number;
};

export type Revenue = { currency: string; orders: number; amountMinor: number };

export type PlatformResult = {
  platform: SocialPlatform;
  submissions: number;
  posted: number;
  verified: number;
  redemptions: number;
};

export type CampaignResults = {
  campaign: {
    id: string;
    name: string;
    status: (typeof CAMPAIGN_STATUSES)[number];
    testMode: boolean;
    createdAt: Date;
  };
  funnel: Funnel;
  reach: Reach;
  revenue: Revenue[];
  platforms: PlatformResult[];
  daily: DailySeries;
};

/** The days the daily series covers: up to `days` days ending on `to` (YYYY-MM-DD, UTC). */
export type ResultsWindow = { to: string; days: number };

// The campaign's id when it belongs to the merchant: every query filters through it, so
// another merchant's campaign id finds nothing anywhere.
export function scopedCampaign(db: Database, merchantId: string, campaignId: string) {
  return db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.merchantId, merchantId)));
}

// Transitions that show a post was found, or verified: a person approving a post found it too.
const FOUND_STATES = sql.raw(`'found', 'approved'`);

// Aliased: D1 returns rows as objects keyed by column name, and five sums written alike would
// otherwise land on one key.
const engagementSum = (field: string) =>
  sql<number>`coalesce(sum(json_extract(${submissionEvents.data}, ${`$.${field}`})), 0)`.as(field);

function funnelQueries(db: Database, merchantId: string, campaignId: string) {
  const scoped = scopedCampaign(db, merchantId, campaignId);
  const ofThisCampaign = (column: Column) => sql`${qualified(column)} = ${qualified(campaigns.id)}`;
  const countWhere = (table: SQLiteTable, where: SQL) =>
    sql<number>`(select count(*) from ${table} where ${where})`;
  const campaignRow = db
    .select({
      id: campaigns.id,
      name: campaigns.name,
      status: campaigns.status,
      testMode: campaigns.testMode,
      createdAt: campaigns.createdAt,
      views: sql<number>`(select coalesce(sum(${qualified(campaignDailyViews.views)}), 0)
        from ${campaignDailyViews} where ${ofThisCampaign(campaignDailyViews.campaignId)})`,
      started: countWhere(
        journeys,
        sql`${ofThisCampaign(journeys.campaignId)} and ${qualified(journeys.openedAt)} is not null`,
      ),
      leftForPlatform: countWhere(
        submissions,
        sql`${ofThisCampaign(submissions.campaignId)}
          and ${qualified(submissions.leftForPlatformAt)} is not null`,
      ),
      codesLive: countWhere(
        promoCodes,
        sql`${ofThisCampaign(promoCodes.campaignId)}
          and ${qualified(promoCodes.activatedAt)} is not null`,
      ),
    })
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.merchantId, merchantId)));

  // From the events rather than the current states: an erased or rejected submission that was
  // found once still counts as found.
  const reached = (states: SQL) =>
    sql<number>`count(distinct case when ${submissionEvents.toState} in (${states})
      then ${submissionEvents.submissionId} end)`;
  const transitions = db
    .select({
      generated: reached(sql.raw(`'generated'`)),
      found: reached(FOUND_STATES),
      verified: reached(VERIFIED_STATES),
    })
    .from(submissionEvents)
    .innerJoin(submissions, eq(submissions.id, submissionEvents.submissionId))
    .where(and(inArray(submissions.campaignId, scoped), eq(submissionEvents.kind, 'transition')));

  // The monitor records engagement at every check; the latest row per post is its reach.
  const latestEngagement = db
    .select({ id: sql`max(${submissionEvents.id})` })
    .from(submissionEvents)
    .innerJoin(submissions, eq(submissions.id, submissionEvents.submissionId))
    .where(and(inArray(submissions.campaignId, scoped), eq(submissionEvents.kind, 'engagement')))
    .groupBy(submissionEvents.submissionId);
  const reach = db
    .select({
      posts: count(),
      postsWithFollowers: sql<number>`count(json_extract(${submissionEvents.data},
        '$.authorFollowers'))`,
      followers: engagementSum('authorFollowers'),
      likes: engagementSum('likes'),
      reposts: engagementSum('reposts'),
      replies: engagementSum('replies'),
      views: engagementSum('views'),
    })
    .from(submissionEvents)
    .where(inArray(submissionEvents.id, latestEngagement));

  return { scoped, campaignRow, transitions, reach };
}

function breakdownQueries(db: Database, scoped: ReturnType<typeof scopedCampaign>) {
  const revenue = db
    .select({
      currency: redemptions.currency,
      orders: count(),
      amountMinor: sql<number>`coalesce(sum(${redemptions.amountMinor}), 0)`,
    })
    .from(redemptions)
    .innerJoin(promoCodes, eq(promoCodes.id, redemptions.promoCodeId))
    .where(inArray(promoCodes.campaignId, scoped))
    .groupBy(redemptions.currency)
    .orderBy(redemptions.currency);

  const platforms = db
    .select({
      platform: submissions.platform,
      submissions: count(),
      posted: count(submissions.leftForPlatformAt),
      verified: sql<number>`coalesce(sum(exists (select 1 from ${submissionEvents}
        where ${qualified(submissionEvents.submissionId)} = ${qualified(submissions.id)}
          and ${qualified(submissionEvents.kind)} = 'transition'
          and ${qualified(submissionEvents.toState)} in (${VERIFIED_STATES}))), 0)`,
      redemptions: sql<number>`coalesce(sum((select count(*) from ${redemptions}
        inner join ${promoCodes}
          on ${qualified(promoCodes.id)} = ${qualified(redemptions.promoCodeId)}
        where ${qualified(promoCodes.submissionId)} = ${qualified(submissions.id)})), 0)`,
    })
    .from(submissions)
    .where(inArray(submissions.campaignId, scoped))
    .groupBy(submissions.platform)
    .orderBy(submissions.platform);

  return { revenue, platforms };
}

/**
 * A campaign's results in one D1 round trip: its funnel, reach, revenue per currency, figures
 * per platform and a daily series over `window` (cut to start at the campaign's first day).
 * Undefined when the campaign is not the merchant's.
 */
export async function campaignResults(
  db: Database,
  merchantId: string,
  campaignId: string,
  window: ResultsWindow,
): Promise<CampaignResults | undefined> {
  const { scoped, campaignRow, transitions, reach } = funnelQueries(db, merchantId, campaignId);
  const { revenue, platforms } = breakdownQueries(db, scoped);
  const from = utcDay(dayStart(window.to) - (window.days - 1) * DAY_MS);

  const [campaignRows, transitionRows, reachRows, revenueRows, platformRows, dailyRows] =
    await db.batch([
      campaignRow,
      transitions,
      reach,
      revenue,
      platforms,
      dailyQuery(db, scoped, from, window.to),
    ]);
  const row = campaignRows[0];
  if (!row) return undefined;

  const { views, started, leftForPlatform, codesLive, ...campaign } = row;
  const firstDay = dayStart(utcDay(campaign.createdAt));
  const days = dayList(Math.max(firstDay, dayStart(from)), dayStart(window.to));
  const moves = transitionRows[0] ?? { generated: 0, found: 0, verified: 0 };
  const orders = revenueRows.reduce((sum, entry) => sum + entry.orders, 0);

  return {
    campaign,
    funnel: { views, started, leftForPlatform, codesLive, ...moves, redemptions: orders },
    reach: reachRows[0] ?? {
      posts: 0,
      postsWithFollowers: 0,
      followers: 0,
      likes: 0,
      reposts: 0,
      replies: 0,
      views: 0,
    },
    revenue: revenueRows,
    platforms: platformRows,
    daily: dailySeries(dailyRows, days),
  };
}

/** Counts one widget view for today (UTC). Never rejects: a lost view must not break a page. */
export async function recordWidgetView(
  db: Database,
  logger: Logger,
  campaignId: string,
  now = Date.now(),
): Promise<void> {
  try {
    await db
      .insert(campaignDailyViews)
      .values({ campaignId, day: utcDay(now), views: 1 })
      .onConflictDoUpdate({
        target: [campaignDailyViews.campaignId, campaignDailyViews.day],
        set: { views: sql`${campaignDailyViews.views} + 1` },
      });
  } catch (error) {
    logger.warn('widget view not counted', { campaignId, error });
  }
}
