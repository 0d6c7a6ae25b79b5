import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { canTransition } from '../domain/submission-state';
import { fail, ok, type Result } from '../lib/result';
import type { Database } from './client';
import { prepared } from './prepared';
import { type SubmissionState, submissionEvents, submissions } from './schema';

export type Submission = typeof submissions.$inferSelect;
export type SubmissionEvent = typeof submissionEvents.$inferSelect;
type EventInsert = typeof submissionEvents.$inferInsert;

/** A submission by id (public: ids are unguessable and shown only to their shopper). */
export async function findSubmission(db: Database, id: string): Promise<Submission | undefined> {
  const query = prepared(db, 'submission by id', (handle) =>
    handle.query.submissions
      .findFirst({ where: eq(submissions.id, sql.placeholder('id')) })
      .prepare(),
  );
  return query.execute({ id });
}

/** The newest submission of a journey, which the journey pages work on. */
export async function findJourneySubmission(
  db: Database,
  journeyId: string,
): Promise<Submission | undefined> {
  const query = prepared(db, 'newest submission of a journey', (handle) =>
    handle.query.submissions
      .findFirst({
        where: eq(submissions.journeyId, sql.placeholder('journeyId')),
        orderBy: desc(submissions.createdAt),
      })
      .prepare(),
  );
  return query.execute({ journeyId });
}

/** The history of a submission, oldest first. */
export async function listSubmissionEvents(
  db: Database,
  submissionId: string,
): Promise<SubmissionEvent[]> {
  const query = prepared(db, 'events of a submission', (handle) =>
    handle.query.submissionEvents
      .findMany({
        where: eq(submissionEvents.submissionId, sql.placeholder('submissionId')),
        orderBy: asc(submissionEvents.id),
      })
      .prepare(),
  );
  return query.execute({ submissionId });
}

/** A check's result as a submission's history keeps it (image, caption, language, duration). */
export type CheckRecord = { kind: string; data: Record<string, unknown> };

type TransitionInput = {
  // Writes committed in the same transaction as the move. They run even when the move loses a
  // race (and then writes nothing itself), so they must be idempotent.
  alongside?: BatchItem<'sqlite'>[];
  // Checks that decide the move (the duration check ending a hold): written with it, and only
  // if it happens, so a failed or lost move leaves no verdict behind in the history.
  checks?: CheckRecord[];
  to: SubmissionState;
  actor: EventInsert['actor'];
  reason?: string;
  data?: Record<string, unknown>;
  changes?: Partial<typeof submissions.$inferInsert>;
};

/**
 * Moves a submission to a new state and appends the event (and the checks that decided it), in
 * one atomic batch. The update is guarded by the state the caller saw, so of two racing writers
 * only one wins; the loser gets `conflict` and nothing is written.
 */
export async function transitionSubmission(
  db: Database,
  submission: Pick<Submission, 'id' | 'state'>,
  { to, actor, reason, data, changes = {}, alongside = [], checks = [] }: TransitionInput,
): Promise<Result<void, 'not_allowed' | 'conflict'>> {
  if (!canTransition(submission.state, to)) {
    return fail('not_allowed', `A submission cannot move from ${submission.state} to ${to}.`);
  }

  const now = new Date();
  const [updated] = await db.batch([
    db
      .update(submissions)
      .set({ ...changes, state: to, updatedAt: now })
      .where(and(eq(submissions.id, submission.id), eq(submissions.state, submission.state))),
    // `changes()` is the row count of the update just before it in this transaction, so the
    // event is written exactly when the move happened.
    db.insert(submissionEvents).select(sql`
      select null, ${submission.id}, ${now.getTime()}, ${actor}, 'transition',
        ${submission.state}, ${to}, ${reason ?? null}, ${data ? JSON.stringify(data) : null}
      where changes() = 1`),
    // Each check row follows the same way: `changes()` stays 1 while each of them is written.
    ...checks.map((check) =>
      db.insert(submissionEvents).select(sql`
        select null, ${submission.id}, ${now.getTime()}, ${actor}, ${check.kind}, null, null,
          null, ${JSON.stringify(check.data)}
        where changes() = 1`),
    ),
    ...alongside,
  ]);

  if (updated.meta.changes === 0) {
    return fail('conflict', 'The submission changed meanwhile; reload and try again.');
  }
  return ok(undefined);
}

/** Appends check results (image, caption, language, duration) to a submission's history. */
export async function recordChecks(
  db: Database,
  submissionId: string,
  checks: CheckRecord[],
): Promise<void> {
  if (checks.length === 0) return;
  await db
    .insert(submissionEvents)
    .values(
      checks.map(({ kind, data }) => ({ submissionId, actor: 'monitor' as const, kind, data })),
    );
}

/** Updates a submission's bookkeeping fields (times seen, next check) without a state change. */
export async function touchSubmission(
  db: Database,
  submissionId: string,
  changes: Partial<typeof submissions.$inferInsert>,
): Promise<void> {
  await db
    .update(submissions)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(submissions.id, submissionId));
}

/** Whether another submission on the same platform already holds the post `postId`. */
export async function postBacksAnother(
  db: Database,
  submission: Pick<Submission, 'id' | 'platform'>,
  postId: string,
): Promise<boolean> {
  const found = await db
    .select({ id: submissions.id })
    .from(submissions)
    .where(
      and(
        eq(submissions.platform, submission.platform),
        eq(submissions.postId, postId),
        ne(submissions.id, submission.id),
      ),
    )
    .limit(1);
  return found.length > 0;
}
