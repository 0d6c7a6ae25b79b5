import type { ReviewPage, ReviewRow } from '../../../db/console-review';
import type { ConsoleMember } from '../../../db/members';
import { PLATFORM_LABELS } from '../../../domain/social-handle';
import type { Unmoved } from '../../../review/bulk';
import { ConsoleLayout } from '../ConsoleLayout';
import { FieldError, Flash } from '../Form';
import { formatScore, formatTime, Pages, PostLink, submissionImage } from './ReviewParts';

/** What the last bulk decision did, shown above the queue. */
export type BulkReport = {
  verb: 'approved' | 'rejected';
  moved: number;
  unmoved: Unmoved[];
  unknown: number;
};

type QueueProps = {
  member: ConsoleMember;
  page: ReviewPage;
  scores: Map<string, number>;
  values?: { ids: string[]; reason: string };
  errors?: Record<string, string>;
  report?: BulkReport | null;
  nextHref: string | null;
  firstHref: string | null;
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function Report({ report }: { report: BulkReport }) {
  return (
    <div class="flash flash-ok" role="status">
      <p>
        {plural(report.moved, 'submission', 'submissions')} {report.verb}.
      </p>
      {report.unmoved.length > 0 && (
        <>
          <p>{plural(report.unmoved.length, 'was', 'were')} not moved:</p>
          <ul>
            {report.unmoved.map((item) => (
              <li>
                <a href={`/console/submissions/${item.id}`}>@{item.handle}</a>: {item.why}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.unknown > 0 && (
        <p>{plural(report.unknown, 'selected id is', 'selected ids are')} not in your account.</p>
      )}
    </div>
  );
}

function QueueItem({ row, score, checked }: { row: ReviewRow; score?: number; checked: boolean }) {
  const pick = `pick-${row.id}`;
  return (
    <li class="queue-item card">
      <div class="queue-pick">
        <input type="checkbox" name="ids" value={row.id} id={pick} checked={checked} />
        <label for={pick}>
          Select <span class="visually-hidden">the post of </span>@{row.handle}
        </label>
      </div>
      <p class="queue-meta">
        <a href={`/console/submissions/${row.id}`}>@{row.handle}</a> ·{' '}
        {PLATFORM_LABELS[row.platform]} · {row.campaignName} · {formatTime(row.createdAt)}
      </p>
      <div class="side-by-side">
        <figure>
          {row.hasPostImage ? (
            <img
              src={submissionImage(row.id, 'post-image')}
              alt={`The post we rendered for @${row.handle}`}
              loading="lazy"
              width="240"
            />
          ) : (
            <p class="muted">No post image.</p>
          )}
          <figcaption>Our post image</figcaption>
        </figure>
        <figure>
          {row.hasScreenshot ? (
            <img
              src={submissionImage(row.id, 'screenshot')}
              alt={`The screenshot of the post @${row.handle} sent`}
              loading="lazy"
              width="240"
            />
          ) : (
            <p class="muted">No screenshot.</p>
          )}
          <figcaption>
            {row.hasScreenshot ? `Their screenshot, scored ${formatScore(score)}` : 'Their post'}
            {'. '}
            <PostLink url={row.postUrl} />
          </figcaption>
        </figure>
      </div>
    </li>
  );
}

/** `/console/review/queue`: posts a person has to look at, oldest first, decided in bulk. */
export function ReviewQueuePage(props: QueueProps) {
  const { member, page, scores, values = { ids: [], reason: '' }, errors = {} } = props;
  const reasonError = errors.reason ? 'reason-error' : undefined;
  // With nothing left to review the form is not drawn, so its reason's error goes on top.
  const topError =
    errors.ids ?? errors.action ?? (page.rows.length === 0 ? errors.reason : undefined);

  return (
    <ConsoleLayout
      member={member}
      section="review"
      title="Manual review"
      stylesheets={['/console-review.css']}
      scripts={['/console-review.js']}
    >
      <p>
        These posts are on platforms we cannot check by ourselves, or the automatic checks could not
        decide. Compare our image with theirs, then approve or reject. Approving switches the code
        on and emails the shopper; the shopper reads the reason of a rejection.
      </p>
      {props.report && <Report report={props.report} />}
      <Flash kind="error" message={topError} />
      {page.rows.length === 0 ? (
        <p class="review-empty">
          Nothing waits for your review. <a href="/console/review">See every submission</a>
        </p>
      ) : (
        <form method="post" action="/console/review/queue" class="queue-form">
          <div class="queue-actions card">
            <label for="reason">Reason for a rejection (the shopper reads it)</label>
            <textarea
              id="reason"
              name="reason"
              rows={2}
              maxlength={300}
              aria-invalid={reasonError ? 'true' : undefined}
              aria-describedby={reasonError}
            >
              {values.reason}
            </textarea>
            <FieldError id="reason-error" message={errors.reason} />
            <div class="actions">
              <button type="submit" name="action" value="approve" class="secondary">
                Approve selected
              </button>
              <button type="submit" name="action" value="reject" class="secondary">
                Reject selected
              </button>
            </div>
          </div>
          <p class="select-all" hidden>
            <label class="choice">
              <input type="checkbox" data-select-all /> Select every post on this page
            </label>
          </p>
          <ul class="queue">
            {page.rows.map((row) => (
              <QueueItem
                row={row}
                score={scores.get(row.id)}
                checked={values.ids.includes(row.id)}
              />
            ))}
          </ul>
        </form>
      )}
      <Pages first={props.firstHref} next={props.nextHref} />
    </ConsoleLayout>
  );
}
