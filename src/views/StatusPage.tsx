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
  // The screenshot upload, when the state allows one (see screenshotAllowed).
  screenshotForm: { error?: string } | null;
  // "Email me when my code is live", offered when no address is known yet.
  emailForm: { value?: string; error?: string } | null;
};

type EmailFormProps = {
  submissionId: string;
  value: string | undefined;
  error: string | undefined;
};

function EmailForm({ submissionId, value, error }: EmailFormProps) {
  return (
    <form method="post" action={`/s/${submissionId}/email`} class="link-form">
      <label for="email">Email me when my code is live (optional)</label>
      <input
        id="email"
        name="email"
        type="email"
        autocomplete="email"
        hx-preserve="true"
        value={value ?? ''}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'email-error' : undefined}
      />
      <label class="choice">
        <input id="consent" type="checkbox" name="consent" value="yes" hx-preserve="true" />
        <span>I agree to one email about my code. Nothing else, no newsletter.</span>
      </label>
      {error && (
        <p class="error" id="email-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="secondary">
        Save my email
      </button>
    </form>
  );
}

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
        // Kept across the page's refreshes, so a link being typed is not wiped.
        hx-preserve="true"
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

function ScreenshotReceived({ screenshotKey }: { screenshotKey: string }) {
  return (
    <figure class="current-photo">
      <img src={`/media/${screenshotKey}`} alt="The screenshot of your post you sent" width="120" />
      <figcaption class="muted">Screenshot received. The store sees it with your post.</figcaption>
    </figure>
  );
}

function ScreenshotForm({ submission, error }: { submission: Submission; error?: string }) {
  return (
    <form
      method="post"
      action={`/s/${submission.id}/screenshot`}
      enctype="multipart/form-data"
      class="screenshot-form"
    >
      <label for="screenshot">Upload a screenshot of your post</label>
      {/* hx-preserve keeps the chosen file when the status panel refreshes itself. */}
      <input
        id="screenshot"
        name="screenshot"
        type="file"
        accept="image/jpeg,image/png,image/webp"
        data-downscale="1440"
        hx-preserve="true"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'screenshot-error screenshot-hint' : 'screenshot-hint'}
      />
      <p class="hint" id="screenshot-hint">
        Show the whole post with its caption. JPEG, PNG or WebP, up to 10 MB.
      </p>
      {error && (
        <p class="error" id="screenshot-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="secondary">
        {submission.screenshotKey ? 'Send a new screenshot' : 'Send the screenshot'}
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
      {props.emailForm && (
        <EmailForm
          submissionId={submission.id}
          value={props.emailForm.value}
          error={props.emailForm.error}
        />
      )}
      {props.linkForm && (
        <LinkForm
          submission={submission}
          value={props.linkForm.value}
          error={props.linkForm.error}
        />
      )}
      {submission.screenshotKey && <ScreenshotReceived screenshotKey={submission.screenshotKey} />}
      {props.screenshotForm && (
        <ScreenshotForm submission={submission} error={props.screenshotForm.error} />
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
      <script src="/photo-downscale.js" defer />
    </Layout>
  );
}
