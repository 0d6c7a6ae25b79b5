import type { SubmissionDetail } from '../../../db/console-review';
import type { ConsoleMember } from '../../../db/members';
import type { SubmissionEvent } from '../../../db/submissions';
import { PLATFORM_LABELS, profileUrl } from '../../../domain/social-handle';
import { ConsoleLayout } from '../ConsoleLayout';
import { FieldError, Flash } from '../Form';
import { ShopperDataActions } from '../results/ShopperDataActions';
import { formatScore, formatTime, PostLink, StateBadge, submissionImage } from './ReviewParts';
import { Checks, latest, Timeline } from './SubmissionHistory';

type Notice = { kind: 'ok' | 'error'; message: string };

// What the page says after an action sent the browser back to it (`?done=`).
const NOTICES: Record<string, Notice> = {
  approved: {
    kind: 'ok',
    message: 'Approved. The code is being switched on; the shopper gets an email when it is live.',
  },
  rejected: { kind: 'ok', message: 'Rejected. The shopper sees your reason on their page.' },
  erased: {
    kind: 'ok',
    message: "The shopper's data is erased. The counts and order figures stay in your results.",
  },
  activated: {
    kind: 'ok',
    message: 'The store switched the code on. The shopper gets an email with it.',
  },
  'retry-failed': {
    kind: 'error',
    message: 'The store still did not switch the code on. Its answer is below.',
  },
};

type SubmissionProps = {
  member: ConsoleMember;
  detail: SubmissionDetail;
  // Names of the merchant's members by id, for the decisions in the timeline.
  memberNames: Map<string, string>;
  // The action just done, from the address: its notice is shown above the page.
  done?: string;
  reject?: { value: string; error?: string };
};

function Decision({ id, reject }: { id: string; reject: SubmissionProps['reject'] }) {
  const error = reject?.error;
  return (
    <section class="card" aria-labelledby="decide-heading">
      <h2 id="decide-heading">Your decision</h2>
      <form method="post" action={`/console/submissions/${id}/approve`}>
        <p>Approving switches the code on in your store and emails the shopper.</p>
        <button type="submit" class="secondary">
          Approve
        </button>
      </form>
      <form method="post" action={`/console/submissions/${id}/reject`}>
        <label for="reason">Reason for rejecting (the shopper reads it)</label>
        <textarea
          id="reason"
          name="reason"
          rows={2}
          maxlength={300}
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'reason-error' : undefined}
        >
          {reject?.value ?? ''}
        </textarea>
        <FieldError id="reason-error" message={error} />
        <button type="submit" class="secondary">
          Reject
        </button>
      </form>
    </section>
  );
}

function RetryActivation({ id, events }: { id: string; events: SubmissionEvent[] }) {
  const failed = events.findLast((event) => event.toState === 'activation_failed');
  return (
    <section class="card" aria-labelledby="retry-heading">
      <h2 id="retry-heading">The store did not switch the code on</h2>
      {failed?.reason && <p>{failed.reason}</p>}
      <p>Fix the store connection if it needs it, then try again. The code stays reserved.</p>
      <form method="post" action={`/console/submissions/${id}/retry-activation`}>
        <button type="submit" class="secondary">
          Retry switching the code on
        </button>
      </form>
    </section>
  );
}

function Images({ detail }: { detail: SubmissionDetail }) {
  const { submission } = detail;
  const { id, handle } = submission;
  const screenshot = latest(detail.events, 'screenshot');
  const score = typeof screenshot?.data?.score === 'number' ? screenshot.data.score : null;

  return (
    <section aria-labelledby="images-heading">
      <h2 id="images-heading">Our image and theirs</h2>
      <div class="side-by-side">
        <figure>
          {submission.postImageKey ? (
            <img src={submissionImage(id, 'post-image')} alt="The post we rendered" />
          ) : (
            <p class="muted">No post image was rendered.</p>
          )}
          <figcaption>Our post image</figcaption>
        </figure>
        <figure>
          {submission.screenshotKey ? (
            <img src={submissionImage(id, 'screenshot')} alt={`The screenshot @${handle} sent`} />
          ) : (
            <p class="muted">No screenshot of the post.</p>
          )}
          <figcaption>
            Their screenshot{submission.screenshotKey && `, scored ${formatScore(score)}`}
          </figcaption>
        </figure>
        {submission.postImageKey && submission.screenshotKey && (
          <figure>
            <img
              src={submissionImage(id, 'difference.png')}
              alt="Our post in grey, red where their screenshot differs from it"
            />
            <figcaption>Where they differ (red)</figcaption>
          </figure>
        )}
      </div>
    </section>
  );
}

/** `/console/submissions/:id`: one shopper's post, its checks, its history and the decision. */
export function SubmissionPage({ member, detail, memberNames, done, reject }: SubmissionProps) {
  const notice = done ? NOTICES[done] : undefined;
  const { submission, promoCode } = detail;
  const profile = profileUrl(submission.platform, submission.handle);

  return (
    <ConsoleLayout
      member={member}
      section="review"
      title={`@${submission.handle} on ${PLATFORM_LABELS[submission.platform]}`}
      stylesheets={['/console-review.css']}
    >
      <Flash kind={notice?.kind ?? 'ok'} message={notice?.message} />
      <dl class="facts">
        <dt>State</dt>
        <dd>
          <StateBadge state={submission.state} />
          {submission.outcomeReason && <span> {submission.outcomeReason}</span>}
        </dd>
        <dt>Campaign</dt>
        <dd>{detail.campaignName}</dd>
        <dt>Shopper</dt>
        <dd>{profile ? <a href={profile}>@{submission.handle}</a> : `@${submission.handle}`}</dd>
        <dt>Created</dt>
        <dd>{formatTime(submission.createdAt)}</dd>
        {submission.decidedAt && (
          <>
            <dt>Decided</dt>
            <dd>{formatTime(submission.decidedAt)}</dd>
          </>
        )}
        <dt>Rating</dt>
        <dd>{submission.rating ? `${submission.rating} of 5` : '—'}</dd>
        <dt>Comment</dt>
        <dd>{submission.comment || '—'}</dd>
        <dt>Promo code</dt>
        <dd>
          {promoCode ? (
            <>
              <code>{promoCode.code}</code>{' '}
              <span class={`badge badge-${promoCode.status}`}>{promoCode.status}</span>
              {promoCode.activatedAt && ` since ${formatTime(promoCode.activatedAt)}`}
              {promoCode.expiresAt && `, until ${formatTime(promoCode.expiresAt)}`}
            </>
          ) : (
            'None reserved yet'
          )}
        </dd>
        <dt>The post</dt>
        <dd>
          <PostLink url={submission.postUrl} />
          {submission.postedAt && ` · posted ${formatTime(submission.postedAt)}`}
          {submission.lastSeenAt && ` · last seen ${formatTime(submission.lastSeenAt)}`}
        </dd>
      </dl>

      {submission.state === 'manual_review' && <Decision id={submission.id} reject={reject} />}
      {submission.state === 'activation_failed' && (
        <RetryActivation id={submission.id} events={detail.events} />
      )}

      <Images detail={detail} />
      <Checks events={detail.events} />
      <section aria-labelledby="caption-heading">
        <h2 id="caption-heading">Caption</h2>
        {submission.caption ? (
          <pre class="review-caption">{submission.caption}</pre>
        ) : (
          <p class="muted">No caption yet.</p>
        )}
      </section>
      <Timeline events={detail.events} names={memberNames} />
      <ShopperDataActions member={member} submissionId={submission.id} />
      <p>
        <a href="/console/review">All submissions</a> ·{' '}
        <a href="/console/review/queue">Manual review queue</a>
      </p>
    </ConsoleLayout>
  );
}
