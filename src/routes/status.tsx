import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { findPublicCampaign, type PublicCampaign } from '../db/campaigns';
import type { Database } from '../db/client';
import { findJourneyById } from '../db/journeys';
import { findStatusPage } from '../db/status-page';
import { findSubmission, type Submission } from '../db/submissions';
import {
  checkResults,
  describeTimeLeft,
  isPending,
  STATE_COPY,
  waitEndsAt,
} from '../domain/status';
import type { AppEnv } from '../env';
import { fastForward } from '../journey/fast-forward';
import { LINK_STATES, pastePostLink } from '../journey/paste-link';
import { screenshotAllowed, submitScreenshot } from '../journey/screenshot';
import { mayAskForEmail, saveShopperEmail } from '../journey/shopper-email';
import { publicOrigin } from '../lib/origin';
import { MAX_PHOTO_BYTES } from '../media/photo-inspect';
import { StatusPage } from '../views/StatusPage';
import { fileOf, readBody, readForm, textFormLimit } from './form-body';
import { redirectAfterPost } from './journey-context';

// Room for a 10 MB screenshot plus the multipart framing.
const SCREENSHOT_FORM_LIMIT = MAX_PHOTO_BYTES + 64 * 1024;
const TOO_LARGE = 'This screenshot is larger than 10 MB. Take it again, or crop it.';

const NO_SUCH_POST = 'We have no post at this address.';

async function loadSubmission(db: Database, submissionId: string) {
  const submission = await findSubmission(db, submissionId);
  const campaign = submission && (await findPublicCampaign(db, submission.campaignId));
  if (!submission || !campaign) {
    throw new HTTPException(404, { message: NO_SUCH_POST });
  }
  return { submission, campaign };
}

const NO_EMAIL_WANTED =
  'This post needs no address: we have one already, or no code is still to come. Reload the ' +
  'page to see where your post stands.';

type Found = { submission: Submission; campaign: PublicCampaign };

/** The submission of the path, refused with 409 when it no longer takes a screenshot. */
async function screenshotSubmission(c: Context<AppEnv>): Promise<Found> {
  const found = await loadSubmission(c.get('db'), c.req.param('submissionId') ?? '');
  const allowed = screenshotAllowed(found.submission);
  if (!allowed.ok) throw new HTTPException(409, { message: allowed.message });
  return found;
}

type LinkForm = { value?: string; error?: string };
type ScreenshotForm = { error?: string };
type EmailForm = { value?: string; error?: string };

async function renderStatus(
  c: Context<AppEnv>,
  submissionId: string,
  forms: { link?: LinkForm; screenshot?: ScreenshotForm; email?: EmailForm } = {},
  status: 200 | 413 | 422 = 200,
) {
  const page = await findStatusPage(c.get('db'), submissionId);
  if (!page) throw new HTTPException(404, { message: NO_SUCH_POST });
  const { submission, campaign } = page;
  const endsAt = waitEndsAt(submission, campaign.holdHours);

  c.header('Cache-Control', 'no-store');
  return c.html(
    <StatusPage
      campaign={campaign}
      submission={submission}
      {...STATE_COPY[submission.state]}
      checks={checkResults(page.latestChecks)}
      timeLeft={endsAt ? describeTimeLeft(endsAt) : null}
      promoCode={page.promoCode}
      pending={isPending(submission.state)}
      testMode={campaign.testMode}
      linkForm={LINK_STATES.includes(submission.state) ? (forms.link ?? {}) : null}
      screenshotForm={screenshotAllowed(submission).ok ? (forms.screenshot ?? {}) : null}
      emailForm={mayAskForEmail(submission, page.knownEmail) ? (forms.email ?? {}) : null}
    />,
    status,
  );
}

/** `/s/:submissionId`: the shopper's status page, and what the shopper can do there. */
export const statusRoutes = new Hono<AppEnv>()
  .post('/s/:submissionId/email', textFormLimit, async (c) => {
    const db = c.get('db');
    const found = await loadSubmission(db, c.req.param('submissionId'));
    const journey = await findJourneyById(db, found.submission.journeyId);
    // Only the form the page offers is taken: an address is never replaced by a second post.
    if (!mayAskForEmail(found.submission, journey?.email ?? null)) {
      throw new HTTPException(409, { message: NO_EMAIL_WANTED });
    }
    const form = await readForm(c);

    const saved = await saveShopperEmail(db, found.submission, form);
    if (!saved.ok) {
      return renderStatus(
        c,
        found.submission.id,
        { email: { value: form.email, error: saved.message } },
        422,
      );
    }
    return redirectAfterPost(c, `/s/${found.submission.id}`);
  })
  .get('/s/:submissionId', (c) => renderStatus(c, c.req.param('submissionId')))
  .post('/s/:submissionId/link', textFormLimit, async (c) => {
    const db = c.get('db');
    const found = await loadSubmission(db, c.req.param('submissionId'));
    const { link = '' } = await readForm(c);

    const result = await pastePostLink(c.env, db, c.get('logger'), {
      ...found,
      link,
      origin: publicOrigin(c),
    });
    if (!result.ok && result.reason === 'too_late') {
      throw new HTTPException(409, { message: result.message });
    }
    if (!result.ok) {
      return renderStatus(
        c,
        found.submission.id,
        { link: { value: link, error: result.message } },
        422,
      );
    }
    return redirectAfterPost(c, `/s/${found.submission.id}`);
  })
  .post(
    '/s/:submissionId/screenshot',
    bodyLimit({
      maxSize: SCREENSHOT_FORM_LIMIT,
      onError: async (c) => {
        const found = await screenshotSubmission(c);
        return renderStatus(c, found.submission.id, { screenshot: { error: TOO_LARGE } }, 413);
      },
    }),
    async (c) => {
      const found = await screenshotSubmission(c);
      const screenshot = fileOf(await readBody(c), 'screenshot');
      const bytes = new Uint8Array(screenshot ? await screenshot.arrayBuffer() : []);

      const result = await submitScreenshot(c.env, c.get('db'), c.get('logger'), {
        submission: found.submission,
        bytes,
      });
      if (!result.ok && result.reason === 'too_late') {
        throw new HTTPException(409, { message: result.message });
      }
      if (!result.ok) {
        const form = { screenshot: { error: result.message } };
        return renderStatus(c, found.submission.id, form, 422);
      }
      return redirectAfterPost(c, `/s/${found.submission.id}`);
    },
  )
  .post('/s/:submissionId/fast-forward', textFormLimit, async (c) => {
    const db = c.get('db');
    const { submission, campaign } = await loadSubmission(db, c.req.param('submissionId'));

    const result = await fastForward(c.env, db, submission, campaign);
    if (!result.ok) throw new HTTPException(409, { message: result.message });
    return redirectAfterPost(c, `/s/${submission.id}`);
  });
