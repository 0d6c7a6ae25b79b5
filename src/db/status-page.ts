import { eq, sql } from 'drizzle-orm';
import { CHECK_NAMES } from '../domain/status';
import type { PublicCampaign } from './campaigns';
import type { Database } from './client';
import { prepared } from './prepared';
import { campaigns, journeys, promoCodes, stores, submissionEvents, submissions } from './schema';
import type { Submission, SubmissionEvent } from './submissions';

export type LatestCheck = Pick<SubmissionEvent, 'kind' | 'data'>;

/** Everything the shopper's status page shows, read together. */
export type StatusPageData = {
  submission: Submission;
  campaign: PublicCampaign;
  promoCode: string | null;
  knownEmail: string | null;
  latestChecks: LatestCheck[];
};

// Constants of the code, never input: safe to write into the statement.
const CHECK_KINDS = sql.raw(CHECK_NAMES.map((name) => `'${name}'`).join(', '));

/**
 * The status page in one statement: its htmx panel polls every 15 s while a post is checked,
 * which makes it the most requested page of all. Read as five lookups it cost five D1 round trips
 * and the submission's whole history on every poll; here only the newest event of each check
 * comes back, as one JSON column.
 */
export async function findStatusPage(
  db: Database,
  submissionId: string,
): Promise<StatusPageData | undefined> {
  const query = prepared(db, 'status page of a submission', (handle) =>
    handle
      .select({
        submission: submissions,
        campaign: campaigns,
        storeName: stores.name,
        storeDomain: stores.domain,
        storePlatform: stores.platform,
        promoCode: promoCodes.code,
        knownEmail: journeys.email,
        latestChecks: sql<string | null>`(
          select json_group_array(json_object('kind', e.kind, 'data', json(e.data)))
          from ${submissionEvents} e
          where e.id in (
            select max(id) from ${submissionEvents}
            where submission_id = ${submissions.id} and kind in (${CHECK_KINDS})
            group by kind
          )
        )`,
      })
      .from(submissions)
      .innerJoin(campaigns, eq(campaigns.id, submissions.campaignId))
      .innerJoin(stores, eq(stores.id, campaigns.storeId))
      .leftJoin(promoCodes, eq(promoCodes.submissionId, submissions.id))
      .leftJoin(journeys, eq(journeys.id, submissions.journeyId))
      .where(eq(submissions.id, sql.placeholder('submissionId')))
      .limit(1)
      .prepare(),
  );
  const rows = await query.all({ submissionId });

  const row = rows[0];
  if (!row) return undefined;
  const { submission, campaign, storeName, storeDomain, storePlatform, latestChecks } = row;
  return {
    submission,
    campaign: { ...campaign, storeName, storeDomain, storePlatform },
    promoCode: row.promoCode,
    knownEmail: row.knownEmail,
    latestChecks: JSON.parse(latestChecks ?? '[]') as LatestCheck[],
  };
}
