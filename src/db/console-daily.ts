import { and, eq, gte, inArray, lt, lte, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Database } from './client';
import type { scopedCampaign } from './console-results';
import {
  campaignDailyViews,
  promoCodes,
  redemptions,
  submissionEvents,
  submissions,
} from './schema';

/** Daily figures, one value per day of `days` in each series. */
export type DailySeries = {
  days: string[];
  views: number[];
  submissions: number[];
  verified: number[];
  redemptions: number[];
};

export const DAY_MS = 86_400_000;

/** A time as its UTC calendar day, `YYYY-MM-DD`. */
export function utcDay(time: Date | number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export const dayStart = (day: string) => Date.parse(`${day}T00:00:00.000Z`);

const dayOf = (column: SQLWrapper) => sql`strftime('%Y-%m-%d', ${column} / 1000, 'unixepoch')`;

// Transitions that show a post was verified: a person approving a post verified it too.
export const VERIFIED_STATES = sql.raw(`'verified', 'approved'`);

type DailyRow = { series: string; day: string; n: number };

/** Figures per day of a campaign from `from` to `to` (inclusive), as one union query. */
export function dailyQuery(
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

/** Every UTC day from one time to another, inclusive. */
export function dayList(fromMs: number, toMs: number): string[] {
  const days: string[] = [];
  for (let time = fromMs; time <= toMs; time += DAY_MS) days.push(utcDay(time));
  return days;
}

/** The union's rows laid out as one value per day in each series. */
export function dailySeries(rows: DailyRow[], days: string[]): DailySeries {
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
