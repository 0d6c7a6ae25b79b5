import type { Database } from '../db/client';
import { findMerchantSubmissions } from '../db/console-review';
import { type Decision, decidedWords, decideSubmission } from './decide';

/** The most submissions one bulk decision takes: one page of the queue. */
export const MAX_BULK = 50;

/** A submission a bulk decision left as it was, and why. */
export type Unmoved = { id: string; handle: string; why: string };

export type BulkOutcome = {
  moved: number;
  unmoved: Unmoved[];
  // Ids that are not the merchant's (or not anyone's): nothing is said about them but the count.
  unknown: number;
};

/**
 * Applies one decision to each selected submission of the merchant, one guarded move each, so
 * a submission decided meanwhile (by another member, or an earlier click) is reported, not
 * moved again. Ids outside the merchant's campaigns are counted and never touched.
 */
export async function decideMany(
  deps: { env: Cloudflare.Env; db: Database; merchantId: string; memberId: string },
  ids: string[],
  decision: Decision,
): Promise<BulkOutcome> {
  const wanted = [...new Set(ids)].slice(0, MAX_BULK);
  const found = await findMerchantSubmissions(deps.db, deps.merchantId, wanted);
  const outcome: BulkOutcome = { moved: 0, unmoved: [], unknown: wanted.length - found.length };

  for (const { submission } of found) {
    const decided = await decideSubmission(deps, submission, decision);
    if (decided.ok) {
      outcome.moved += 1;
      continue;
    }
    const why =
      decided.reason === 'conflict' ? 'changed meanwhile' : decidedWords(submission.state);
    outcome.unmoved.push({ id: submission.id, handle: submission.handle, why });
  }
  return outcome;
}

/** What a redirect after a bulk decision carries back to the queue (see `queueQuery`). */
export type BulkQuery = {
  decided?: 'approved' | 'rejected';
  moved?: number;
  unknown?: number;
  unmoved?: string[];
};

/**
 * The report of a bulk decision, rebuilt from its redirect: the unmoved submissions are looked up
 * again within the merchant, so the address cannot make the page show anyone else's.
 */
export async function bulkReport(db: Database, merchantId: string, query: BulkQuery) {
  if (!query.decided) return null;

  const unmoved = await findMerchantSubmissions(db, merchantId, query.unmoved ?? []);
  return {
    verb: query.decided,
    moved: query.moved ?? 0,
    unknown: query.unknown ?? 0,
    unmoved: unmoved.map(({ submission }) => ({
      id: submission.id,
      handle: submission.handle,
      why: decidedWords(submission.state),
    })),
  };
}
