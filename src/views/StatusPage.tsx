import type { PublicCampaign } from '../db/campaigns';
import type { Submission } from '../db/submissions';
import { PLATFORM_LABELS } from '../domain/social-handle';
import type { CheckName, CheckView } from '../domain/status';
import { Layout } from './Layout';

const CHECK_LABELS: Record<CheckName, string> = {
  image: 'The image matches your post image',
  caption: 'The caption has your code, hashtags and pages',
  language: 'No offensive words',
  duration: 'The post stays up for the whole hold',
};

export type StatusProps = {
  campaign: PublicCampaign;
  submission: Submission;
  heading: string;
  detail: string;
  checks: CheckView[];
  timeLeft: string | null;
  promoCode: string | null;
  pending: boolean;
  testMode: boolean;
  // The "paste your post link" form, when it is offered.
  linkForm: { value?: string; error?: string } | null;
};

function CheckList({ checks }: { checks: CheckView[] }) {
  return (
    <ul class="checks">
      {checks.map((check) => (
        <li class={`check ${check.state}`}>
          <span class="check-state">
            {check.state === 'passed' ? 'Passed' : check.state === 'failed' ? 'Failed' : 'Waiting'}
          </span>{' '}
          {CHECK_LABELS[check.name]}
          {check.score !== undefined && (
            <span class="muted"> (score {Math.round(check.score * 100)}%)</span>
          )}
        </li>
      ))}
    </ul>
  );
}

type LinkFormProps = {
  submission: Submission;
  value: string | undefined;
  error: string | undefined;
};

function LinkForm({ submission, value, error }: LinkFormProps) {
  const saved = submission.postUrl;
  return (
    <form method="post" action={`/s/${submission.id}/link`} class="link-form">
      <label for="link">
        {saved ? 'The link to your post' : 'Posted already? Paste the link to your post'}
      </label>
      <input
        id="link"
        name="link"
        type="url"
        inputmode="url"
        value={value ?? saved ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'link-error' : undefined}
      />
      {error && (
        <p class="error" id="link-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="secondary">
        {saved ? 'Update the link' : 'Send the link'}
      </button>
    </form>
  );
}

/** The live part of the status page; htmx re-fetches it while something is pending. */
export function StatusPanel(props: StatusProps) {
  const { submission, campaign, heading, detail, checks, timeLeft, promoCode, pending } = props;
  const polling = pending
    ? {
        'hx-get': `/s/${submission.id}`,
        'hx-select': '#status',
        'hx-trigger': 'every 15s',
        'hx-swap': 'outerHTML',
      }
    : {};

  return (
    <section id="status" aria-live="polite" {...polling}>
      <h1>{heading}</h1>
      <p>{detail}</p>
      {submission.outcomeReason && <p class="notice">{submission.outcomeReason}</p>}
      {timeLeft && <p class="time-left">Time left: {timeLeft}</p>}
      {submission.state === 'activated' && promoCode && (
        <div class="copy-block">
          <label for="code">Your code for {campaign.storeName}</label>
          <input id="code" readonly value={promoCode} />
          <button type="button" class="secondary" data-copy="code" hidden>
            Copy
          </button>
          <span class="copied" role="status" aria-live="polite" />
        </div>
      )}
      <h2>Checks</h2>
      <CheckList checks={checks} />
      {props.linkForm && (
        <LinkForm
          submission={submission}
          value={props.linkForm.value}
          error={props.linkForm.error}
        />
      )}
      {props.testMode && pending && (
        <form method="post" action={`/s/${submission.id}/fast-forward`} class="test-mode">
          <p class="muted">
            Test mode: checks run on their real schedule and a held post waits the whole hold.
          </p>
          <button type="submit" class="secondary">
            {submission.state === 'holding' ? 'Skip the hold and check now' : 'Check now'}
          </button>
        </form>
      )}
    </section>
  );
}

/** `/s/:submission`: where a shopper follows their post, bookmarkable. */
export function StatusPage(props: StatusProps) {
  const { campaign, submission } = props;

  return (
    <Layout title={`Your post for ${campaign.storeName}`} htmx>
      <main class="page narrow">
        <p class="muted">
          {campaign.storeName} · {PLATFORM_LABELS[submission.platform]} · @{submission.handle}
        </p>
        <StatusPanel {...props} />
        <p class="muted">Bookmark this page to come back to it. It updates by itself.</p>
      </main>
      <script src="/journey.js" defer />
    </Layout>
  );
}
