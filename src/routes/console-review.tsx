import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { currentMember } from '../accounts/console-session';
import { fieldErrors } from '../accounts/form-errors';
import {
  findMerchantSubmission,
  findSubmissionDetail,
  listMerchantSubmissions,
  listReviewCampaigns,
  type MerchantSubmission,
  type ReviewCursor,
  type ReviewFilters,
  screenshotScores,
} from '../db/console-review';
import type { ConsoleMember } from '../db/members';
import { listMembers } from '../db/members';
import type { Submission } from '../db/submissions';
import type { AppEnv } from '../env';
import { sendQueuedEmails } from '../notify/dispatch';
import { bulkReport, decideMany } from '../review/bulk';
import { type Decision, decideSubmission, rejectionReason } from '../review/decide';
import { retryActivation } from '../review/retry-activation';
import { bulkInput, encodeCursor, listHref, listQuery, queueQuery } from '../review/review-query';
import { differenceResponse, privateImage } from '../review/submission-images';
import { type FilterValues, ReviewListPage } from '../views/console/review/ReviewListPage';
import { type BulkReport, ReviewQueuePage } from '../views/console/review/ReviewQueuePage';
import { SubmissionPage } from '../views/console/review/SubmissionPage';
import { readBody, readForm, textFormLimit } from './form-body';
import { redirectAfterPost } from './journey-context';

type ReviewContext = Context<AppEnv>;

const NO_SUCH_SUBMISSION = 'There is no such submission in your account.';

/** The submission of the `:id` parameter, if it belongs to the member's merchant; else 404. */
async function ownSubmission(c: ReviewContext, member: ConsoleMember): Promise<MerchantSubmission> {
  const found = await findMerchantSubmission(
    c.get('db'),
    member.merchantId,
    c.req.param('id') ?? '',
  );
  if (!found) throw new HTTPException(404, { message: NO_SUCH_SUBMISSION });
  return found;
}

async function listPage(c: ReviewContext) {
  const member = currentMember(c);
  const db = c.get('db');
  const campaigns = await listReviewCampaigns(db, member.merchantId);
  const values: FilterValues = {
    campaign: c.req.query('campaign') ?? '',
    state: c.req.query('state') ?? '',
    platform: c.req.query('platform') ?? '',
  };
  const render = (props: Partial<Parameters<typeof ReviewListPage>[0]>, status: 200 | 422) =>
    c.html(
      <ReviewListPage
        member={member}
        campaigns={campaigns}
        values={values}
        page={null}
        filters={{}}
        nextHref={null}
        firstHref={null}
        {...props}
      />,
      status,
    );

  const parsed = listQuery.safeParse(c.req.query());
  const errors = parsed.success ? {} : fieldErrors(parsed.error);
  const query = parsed.success ? parsed.data : undefined;
  if (query?.campaign && !campaigns.some((campaign) => campaign.id === query.campaign)) {
    errors.campaign = 'There is no such campaign in your account. Choose one from the list.';
  }
  if (!query || Object.keys(errors).length > 0) return render({ errors }, 422);

  const filters: ReviewFilters = {
    campaignId: query.campaign,
    state: query.state,
    platform: query.platform,
  };
  const page = await listMerchantSubmissions(db, member.merchantId, {
    filters,
    after: query.after,
    order: 'newest',
  });
  return render(
    {
      page,
      filters,
      nextHref: page.next ? listHref(filters, page.next) : null,
      firstHref: query.after ? listHref(filters) : null,
    },
    200,
  );
}

type QueueView = {
  after?: ReviewCursor;
  values?: { ids: string[]; reason: string };
  errors?: Record<string, string>;
  report?: BulkReport | null;
};

async function queuePage(c: ReviewContext, view: QueueView, status: 200 | 422 = 200) {
  const member = currentMember(c);
  const db = c.get('db');
  const page = await listMerchantSubmissions(db, member.merchantId, {
    filters: { state: 'manual_review' },
    after: view.after,
    order: 'oldest',
  });
  const scores = await screenshotScores(
    db,
    member.merchantId,
    page.rows.map((row) => row.id),
  );

  const pageHref = (after?: ReviewCursor) =>
    `/console/review/queue${after ? `?after=${encodeCursor(after)}` : ''}`;
  return c.html(
    <ReviewQueuePage
      member={member}
      page={page}
      scores={scores}
      values={view.values}
      errors={view.errors}
      report={view.report}
      nextHref={page.next ? pageHref(page.next) : null}
      firstHref={view.after ? pageHref() : null}
    />,
    status,
  );
}

/** The ids of a posted bulk form: checkboxes send `ids` once per ticked box. */
async function readBulkForm(c: ReviewContext) {
  const body = await readBody(c, { all: true });
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const ids = [body.ids ?? []].flat().filter((id): id is string => typeof id === 'string');
  return { ids, action: text(body.action), reason: text(body.reason) };
}

async function detailPage(
  c: ReviewContext,
  reject?: { value: string; error?: string },
  status: 200 | 422 = 200,
) {
  const member = currentMember(c);
  const db = c.get('db');
  const detail = await findSubmissionDetail(db, member.merchantId, c.req.param('id') ?? '');
  if (!detail) throw new HTTPException(404, { message: NO_SUCH_SUBMISSION });
  const members = await listMembers(db, member.merchantId);

  const names = new Map(members.map((m) => [m.id, m.name ?? m.email]));
  const done = status === 200 ? c.req.query('done') : undefined;
  c.header('Cache-Control', 'no-store');
  return c.html(
    <SubmissionPage
      member={member}
      detail={detail}
      memberNames={names}
      done={done}
      reject={reject}
    />,
    status,
  );
}

/** Applies a decision to one submission and returns to its page, or answers 409. */
async function decideOne(
  c: ReviewContext,
  member: ConsoleMember,
  submission: Submission,
  decision: Decision,
) {
  const deps = { env: c.env, db: c.get('db'), memberId: member.id };
  const decided = await decideSubmission(deps, submission, decision);
  if (!decided.ok) throw new HTTPException(409, { message: decided.message });

  const done = decision.kind === 'approve' ? 'approved' : 'rejected';
  c.get('logger').info('submission decided', {
    submissionId: submission.id,
    memberId: member.id,
    decision: decision.kind,
  });
  return redirectAfterPost(c, `/console/submissions/${submission.id}?done=${done}`);
}

async function serveImage(c: ReviewContext, key: string | null, missing: string) {
  const response = key && (await privateImage(c.env.MEDIA, key, c.req.raw.headers));
  if (!response) throw new HTTPException(404, { message: missing });
  return response;
}

async function differenceImage(c: ReviewContext) {
  const { submission } = await ownSubmission(c, currentMember(c));
  const { postImageKey: ours, screenshotKey: theirs } = submission;
  if (!ours || !theirs) {
    throw new HTTPException(404, {
      message: 'This post has no screenshot to compare with our image yet.',
    });
  }

  const drawn = await differenceResponse(
    c.env.MEDIA,
    { ours, theirs },
    c.req.header('If-None-Match'),
  );
  if (!drawn.ok) {
    throw new HTTPException(drawn.reason === 'missing' ? 404 : 422, { message: drawn.message });
  }
  return drawn.value;
}

/** `/console/review` and `/console/submissions`: reviewing shoppers' posts. */
export const consoleReviewRoutes = new Hono<AppEnv>()
  .get('/console/review', listPage)
  .get('/console/review/queue', async (c) => {
    const parsed = queueQuery.safeParse(c.req.query());
    if (!parsed.success) {
      return queuePage(c, { errors: { ids: 'This page link is out of date.' } }, 422);
    }
    const report = await bulkReport(c.get('db'), currentMember(c).merchantId, parsed.data);
    return queuePage(c, { after: parsed.data.after, report });
  })
  .post('/console/review/queue', textFormLimit, async (c) => {
    const member = currentMember(c);
    const form = await readBulkForm(c);
    const values = { ids: form.ids, reason: form.reason ?? '' };

    const parsed = bulkInput.safeParse(form);
    if (!parsed.success) return queuePage(c, { values, errors: fieldErrors(parsed.error) }, 422);
    const reason = rejectionReason.safeParse(form.reason ?? '');
    if (parsed.data.action === 'reject' && !reason.success) {
      return queuePage(
        c,
        { values, errors: { reason: fieldErrors(reason.error).form ?? '' } },
        422,
      );
    }

    const decision =
      parsed.data.action === 'approve'
        ? ({ kind: 'approve' } as const)
        : ({ kind: 'reject', reason: reason.data ?? '' } as const);
    const outcome = await decideMany(
      { env: c.env, db: c.get('db'), merchantId: member.merchantId, memberId: member.id },
      parsed.data.ids,
      decision,
    );
    c.get('logger').info('submissions decided in bulk', {
      merchantId: member.merchantId,
      memberId: member.id,
      decision: decision.kind,
      moved: outcome.moved,
      unmoved: outcome.unmoved.length,
      unknown: outcome.unknown,
    });

    const report = new URLSearchParams({
      decided: decision.kind === 'approve' ? 'approved' : 'rejected',
      moved: String(outcome.moved),
      unknown: String(outcome.unknown),
      unmoved: outcome.unmoved.map((item) => item.id).join(','),
    });
    return redirectAfterPost(c, `/console/review/queue?${report}`);
  })
  .get('/console/submissions/:id', (c) => detailPage(c))
  .get('/console/submissions/:id/post-image', async (c) => {
    const { submission } = await ownSubmission(c, currentMember(c));
    return serveImage(c, submission.postImageKey, 'This submission has no post image.');
  })
  .get('/console/submissions/:id/screenshot', async (c) => {
    const { submission } = await ownSubmission(c, currentMember(c));
    return serveImage(c, submission.screenshotKey, 'The shopper has sent no screenshot.');
  })
  .get('/console/submissions/:id/difference.png', differenceImage)
  .post('/console/submissions/:id/approve', textFormLimit, async (c) => {
    const member = currentMember(c);
    const { submission } = await ownSubmission(c, member);

    return decideOne(c, member, submission, { kind: 'approve' });
  })
  .post('/console/submissions/:id/reject', textFormLimit, async (c) => {
    const member = currentMember(c);
    const { submission } = await ownSubmission(c, member);
    const { reason = '' } = await readForm(c);

    const parsed = rejectionReason.safeParse(reason);
    if (!parsed.success) {
      return detailPage(c, { value: reason, error: fieldErrors(parsed.error).form }, 422);
    }
    return decideOne(c, member, submission, { kind: 'reject', reason: parsed.data });
  })
  .post('/console/submissions/:id/retry-activation', textFormLimit, async (c) => {
    const member = currentMember(c);
    const { submission } = await ownSubmission(c, member);
    const db = c.get('db');

    const retried = await retryActivation(c.env, db, submission, member.id);
    const logger = c.get('logger');
    if (!retried.ok && retried.reason !== 'store_failed') {
      throw new HTTPException(409, { message: retried.message });
    }
    if (!retried.ok) {
      logger.warn('activation retry failed', {
        submissionId: submission.id,
        reason: retried.message,
      });
      return redirectAfterPost(c, `/console/submissions/${submission.id}?done=retry-failed`);
    }

    c.executionCtx.waitUntil(sendQueuedEmails(c.env, db, logger));
    logger.info('activation retried', { submissionId: submission.id, memberId: member.id });
    return redirectAfterPost(c, `/console/submissions/${submission.id}?done=activated`);
  });
