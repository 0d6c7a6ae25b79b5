import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { findPublicCampaign } from '../db/campaigns';
import { markJourneyOpened, startJourney } from '../db/journeys';
import { submissions } from '../db/schema';
import { transitionSubmission } from '../db/submissions';
import { isAcceptingShoppers, offeredPlatforms } from '../domain/campaign';
import { embedParams } from '../domain/embed-params';
import { parseHandle } from '../domain/social-handle';
import { isEditable } from '../domain/submission-state';
import type { AppEnv } from '../env';
import { newId } from '../lib/ids';
import { OfferClosed } from '../views/journey/OfferClosed';
import { type AccountErrors, type AccountForm, StepAccount } from '../views/journey/StepAccount';
import { readBody, readForm, textFormLimit } from './form-body';
import { loadJourney, redirectAfterPost } from './journey-context';

// Text fields only (a file sent as either counts as absent); the handle rules limit the length.
const accountInput = z.object({
  platform: z.string().optional(),
  username: z.string().optional(),
});

/** `/c/:campaignId/start` and step 1 of the journey, `/j/:journeyId`. */
export const journeyRoutes = new Hono<AppEnv>()
  .on(['GET', 'POST'], '/c/:campaignId/start', textFormLimit, async (c) => {
    const db = c.get('db');
    const campaign = await findPublicCampaign(db, c.req.param('campaignId'));
    if (!campaign) throw new HTTPException(404, { message: 'There is no such campaign.' });
    if (!isAcceptingShoppers(campaign)) return c.html(<OfferClosed campaign={campaign} />);

    const raw = c.req.method === 'POST' ? await readBody(c) : c.req.query();
    const { order, email } = embedParams.parse(raw);
    const journey = await startJourney(db, campaign, { orderRef: order, email });
    return c.redirect(`/j/${journey.id}`, 303);
  })
  .get('/j/:journeyId', async (c) => {
    const { journey, campaign, submission } = await loadJourney(c);
    if (submission && !isEditable(submission.state)) return c.redirect(`/s/${submission.id}`);
    if (!isAcceptingShoppers(campaign)) return c.html(<OfferClosed campaign={campaign} />);

    await markJourneyOpened(c.get('db'), journey.id);
    const values = submission ? { platform: submission.platform, username: submission.handle } : {};
    return c.html(
      <StepAccount
        campaign={campaign}
        journeyId={journey.id}
        platforms={offeredPlatforms(campaign)}
        values={values}
        errors={{}}
      />,
    );
  })
  .post('/j/:journeyId/account', textFormLimit, async (c) => {
    const { journey, campaign, submission } = await loadJourney(c);
    if (submission && !isEditable(submission.state)) return c.redirect(`/s/${submission.id}`, 303);
    if (!isAcceptingShoppers(campaign)) return c.html(<OfferClosed campaign={campaign} />);

    const form: AccountForm = accountInput.parse(await readForm(c));
    const platforms = offeredPlatforms(campaign);
    const platform = platforms.find((offered) => offered === form.platform);
    const errors: AccountErrors = {};
    const handle = platform ? parseHandle(platform, form.username ?? '') : undefined;
    if (!platform) errors.platform = 'Choose where you will post.';
    else if (handle && !handle.ok) errors.username = handle.message;

    if (!platform || !handle?.ok) {
      const page = (
        <StepAccount
          campaign={campaign}
          journeyId={journey.id}
          platforms={platforms}
          values={form}
          errors={errors}
        />
      );
      return c.html(page, 422);
    }

    const db = c.get('db');
    if (!submission) {
      await db.insert(submissions).values({
        id: newId('sub'),
        journeyId: journey.id,
        campaignId: campaign.id,
        platform,
        handle: handle.value.handle,
      });
    } else {
      const changed = submission.platform !== platform || submission.handle !== handle.value.handle;
      if (changed && submission.state === 'generated') {
        await transitionSubmission(db, submission, {
          to: 'draft',
          actor: 'shopper',
          reason: 'account changed',
          changes: { platform, handle: handle.value.handle },
        });
      } else if (changed) {
        await db
          .update(submissions)
          .set({ platform, handle: handle.value.handle, updatedAt: new Date() })
          .where(eq(submissions.id, submission.id));
      }
    }

    return redirectAfterPost(c, `/j/${journey.id}/photo`);
  });
