import {
  and,
  asc,
  type Column,
  count,
  eq,
  gte,
  inArray,
  lt,
  lte,
  type SQL,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Logger } from '../lib/logger';
import type { Database } from './client';
import { qualified } from './qualified';
import {
  type CAMPAIGN_STATUSES,
  campaignDailyViews,
  campaigns,
  journeys,
  merchants,
  promoCodes,
  redemptions,
  type SocialPlatform,
  submissionEvents,
  submissions,
} from './schema';

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

/** Daily figures, one value per day of `days` in each series. */
export type DailySeries = {
  days: string[];
  views: number[];
  submissions: number[];
  verified: number[];
  redemptions: number[];
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

const DAY_MS = 86_400_000;

/** A time as its UTC calendar day, `YYYY-MM-DD`. */
export function utcDay(time: Date | number): string {
  return new Date(time).toISOString().slice(0, 10);
}

const dayStart = (day: string) => Date.parse(`${day}T00:00:00.000Z`);

// The campaign's id when it belongs to the merchant: every query below filters through it, so
// another merchant's campaign id finds nothing anywhere.
function scopedCampaign(db: Database, merchantId: string, campaignId: string) {
  return db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.merchantId, merchantId)));
}

const dayOf = (column: SQLWrapper) => sql`strftime('%Y-%m-%d', ${column} / 1000, 'unixepoch')`;

// Transitions that show a post was found, or verified: a person approving a post found it too.
const FOUND_STATES = sql.raw(`'found', 'approved'`);
const VERIFIED_STATES = sql.raw(`'verified', 'approved'`);

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

type DailyRow = { series: string; day: string; n: number };

function dailyQuery(
  db: Database,
  scoped: ReturnType<typeof scopedCampaign>,
  from: string,
  to: string,
) {
  const since = new Date(dayStart(from));
  const until = new Date(dayStart(to) + DAY_MS);
  const redeemedAt = sql`coalesce(${redemptions.orderedAt}, ${redemptions.createdAt})`;
  const row = (series: string, day: SQL, n: SQL | SQLWrapper) => ({
    series: sql<string>`${series}`.as('series'),
    day: sql<string>`${day}`.as('day'),
    n: sql<number>`${n}`.as('n'),
  });

  const views = db
    .select(row('views', sql`${campaignDailyViews.day}`, campaignDailyViews.views))
    .from(campaignDailyViews)
    .where(
      and(
        inArray(campaignDailyViews.campaignId, scoped),
        gte(campaignDailyViews.day, from),
        lte(campaignDailyViews.day, to),
      ),
    );
  const started = db
    .select(row('submissions', dayOf(submissions.createdAt), sql`count(*)`))
    .from(submissions)
    .where(
      and(
        inArray(submissions.campaignId, scoped),
        gte(submissions.createdAt, since),
        lt(submissions.createdAt, until),
      ),
    )
    .groupBy(dayOf(submissions.createdAt));
  const verified = db
    .select(
      row(
        'verified',
        dayOf(submissionEvents.at),
        sql`count(distinct ${submissionEvents.submissionId})`,
      ),
    )
    .from(submissionEvents)
    .innerJoin(submissions, eq(submissions.id, submissionEvents.submissionId))
    .where(
      and(
        inArray(submissions.campaignId, scoped),
        eq(submissionEvents.kind, 'transition'),
        sql`${submissionEvents.toState} in (${VERIFIED_STATES})`,
        gte(submissionEvents.at, since),
        lt(submissionEvents.at, until),
      ),
    )
    .groupBy(dayOf(submissionEvents.at));
  const ordered = db
    .select(row('redemptions', dayOf(redeemedAt), sql`count(*)`))
    .from(redemptions)
    .innerJoin(promoCodes, eq(promoCodes.id, redemptions.promoCodeId))
    .where(
      and(
        inArray(promoCodes.campaignId, scoped),
        sql`${redeemedAt} >= ${since.getTime()} and ${redeemedAt} < ${until.getTime()}`,
      ),
    )
    .groupBy(dayOf(redeemedAt));

  return views.unionAll(started).unionAll(verified).unionAll(ordered);
}

function dayList(fromMs: number, toMs: number): string[] {
  const days: string[] = [];
  for (let time = fromMs; time <= toMs; time += DAY_MS) days.push(utcDay(time));
  return days;
}

function dailySeries(rows: DailyRow[], days: string[]): DailySeries {
  const index = new Map(days.map((day, position) => [day, position]));
  const series: DailySeries = {
    days,
    views: days.map(() => 0),
    submissions: days.map(() => 0),
    verified: days.map(() => 0),
    redemptions: days.map(() => 0),
  };
  for (const row of rows) {
    const position = index.get(row.day);
    const values = series[row.series as keyof Omit<DailySeries, 'days'>];
    if (position !== undefined && values) values[position] = Number(row.n);
  }
  return series;
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

function campaignName(db: Database, merchantId: string, campaignId: string) {
  return db
    .select({ name: campaigns.name })
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.merchantId, merchantId)));
}

/** One row of a campaign's submissions export. */
export type SubmissionExportRow = {
  id: string;
  createdAt: Date;
  platform: SocialPlatform;
  handle: string;
  state: string;
  imageScore: number | null;
  captionScore: number | null;
  languagePassed: boolean | null;
  postUrl: string | null;
  code: string | null;
  codeStatus: string | null;
  activatedAt: Date | null;
};

/** A campaign's name and its submissions with their promo codes, oldest first; or undefined. */
export async function campaignSubmissionRows(
  db: Database,
  merchantId: string,
  campaignId: string,
): Promise<{ name: string; rows: SubmissionExportRow[] } | undefined> {
  const [named, rows] = await db.batch([
    campaignName(db, merchantId, campaignId),
    db
      .select({
        id: submissions.id,
        createdAt: submissions.createdAt,
        platform: submissions.platform,
        handle: submissions.handle,
        state: submissions.state,
        imageScore: submissions.imageScore,
        captionScore: submissions.captionScore,
        languagePassed: submissions.languagePassed,
        postUrl: submissions.postUrl,
        code: promoCodes.code,
        codeStatus: promoCodes.status,
        activatedAt: promoCodes.activatedAt,
      })
      .from(submissions)
      .leftJoin(promoCodes, eq(promoCodes.submissionId, submissions.id))
      .where(inArray(submissions.campaignId, scopedCampaign(db, merchantId, campaignId)))
      .orderBy(asc(submissions.createdAt), asc(submissions.id)),
  ]);
  const campaign = named[0];
  return campaign && { name: campaign.name, rows };
}

/** One row of a campaign's redemptions export. */
export type RedemptionExportRow = {
  orderId: string;
  code: string;
  amountMinor: number;
  currency: string;
  orderedAt: Date | null;
};

/** A campaign's name and the orders that used its promo codes, oldest first; or undefined. */
export async function campaignRedemptionRows(
  db: Database,
  merchantId: string,
  campaignId: string,
): Promise<{ name: string; rows: RedemptionExportRow[] } | undefined> {
  const [named, rows] = await db.batch([
    campaignName(db, merchantId, campaignId),
    db
      .select({
        orderId: redemptions.orderId,
        code: promoCodes.code,
        amountMinor: redemptions.amountMinor,
        currency: redemptions.currency,
        orderedAt: redemptions.orderedAt,
      })
      .from(redemptions)
      .innerJoin(promoCodes, eq(promoCodes.id, redemptions.promoCodeId))
      .where(inArray(promoCodes.campaignId, scopedCampaign(db, merchantId, campaignId)))
      .orderBy(asc(redemptions.orderedAt), asc(redemptions.createdAt), asc(redemptions.id)),
  ]);
  const campaign = named[0];
  return campaign && { name: campaign.name, rows };
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

/** How many days the merchant keeps a shopper's data after a campaign ends. */
export async function findRetentionDays(db: Database, merchantId: string): Promise<number> {
  const [row] = await db
    .select({ retentionDays: merchants.retentionDays })
    .from(merchants)
    .where(eq(merchants.id, merchantId));
  if (!row) throw new Error(`merchant ${merchantId} of a signed-in member is missing`);
  return row.retentionDays;
}

/** Sets how many days the merchant keeps a shopper's data after a campaign ends. */
export async function updateRetentionDays(
  db: Database,
  merchantId: string,
  retentionDays: number,
): Promise<void> {
  await db.update(merchants).set({ retentionDays }).where(eq(merchants.id, merchantId));
}
