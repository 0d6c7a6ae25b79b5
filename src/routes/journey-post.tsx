import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { findSubmissionPromoCode } from '../db/promo-codes';
import { submissions } from '../db/schema';
import type { Submission } from '../db/submissions';
import { isAcceptingShoppers } from '../domain/campaign';
import { buildCaption } from '../domain/caption';
import { shareTarget } from '../domain/share-target';
import { isEditable } from '../domain/submission-state';
import type { AppEnv } from '../env';
import { generatePost } from '../journey/generate-post';
import { leaveForPlatform } from '../journey/leave-for-platform';
import { MAX_PHOTO_BYTES } from '../media/photo-inspect';
import { acceptPhoto } from '../media/photo-upload';
import { checkLanguage } from '../verify/language';
import { OfferClosed } from '../views/journey/OfferClosed';
import {
  COMMENT_MAX_LENGTH,
  type PhotoErrors,
  type PhotoForm,
  StepPhoto,
} from '../views/journey/StepPhoto';
import { StepPreview } from '../views/journey/StepPreview';
import { fileOf, readBody, textFields, textFormLimit } from './form-body';
import { type JourneyContext, loadJourney, redirectAfterPost } from './journey-context';

// The text fields of the photo form; the photo itself is read apart, as a file or nothing.
const photoInput = z.object({
  rating: z.string().optional(),
  comment: z.string().optional(),
});

// Room for the 10 MB photo plus the multipart framing and the text fields.
const FORM_LIMIT = MAX_PHOTO_BYTES + 256 * 1024;

/** The editable journey's context, or the response that sends the shopper elsewhere. */
async function editableJourney(c: Context<AppEnv>): Promise<JourneyContext | Response> {
  const context = await loadJourney(c);
  const { journey, campaign, submission } = context;
  if (!submission) return c.redirect(`/j/${journey.id}`, 303);
  if (!isEditable(submission.state)) return c.redirect(`/s/${submission.id}`, 303);
  if (!isAcceptingShoppers(campaign)) return c.html(<OfferClosed campaign={campaign} />);
  return context;
}

function renderPhotoStep(
  c: Context<AppEnv>,
  { journey, campaign, submission }: JourneyContext,
  values: PhotoForm,
  errors: PhotoErrors,
  status: 200 | 413 | 422 = 200,
) {
  const ownKey = submission?.photoKey ?? null;
  const currentKey = ownKey ?? campaign.defaultPhotoKey;
  const page = (
    <StepPhoto
      campaign={campaign}
      journeyId={journey.id}
      currentPhotoUrl={currentKey ? `/media/${currentKey}` : null}
      currentPhotoIsOwn={ownKey !== null}
      values={values}
      errors={errors}
    />
  );
  return c.html(page, status);
}

function validateReview(form: PhotoForm, blockedWords: string[]) {
  const errors: PhotoErrors = {};
  const rating = Number(form.rating);
  const comment = form.comment?.trim() ?? '';

  if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
    errors.rating = 'Choose a rating from 1 to 5 stars.';
  }
  if (comment.length > COMMENT_MAX_LENGTH) {
    errors.comment = `Keep your comment under ${COMMENT_MAX_LENGTH} characters.`;
  } else {
    const language = checkLanguage(comment, blockedWords);
    if (!language.ok) errors.comment = language.message;
  }
  return { errors, rating, comment: comment || null };
}

/** Where "Go to <platform>" leads for this submission. */
function goTarget(submission: Pick<Submission, 'id' | 'platform' | 'handle'>, caption: string) {
  return shareTarget(submission.platform, caption, {
    sandboxUrl: `/sandbox/compose?submission=${submission.id}`,
    handle: submission.handle,
  });
}

/** Steps 2 and 3 of the journey and the way out to the platform. */
export const journeyPostRoutes = new Hono<AppEnv>()
  .get('/j/:journeyId/photo', async (c) => {
    const context = await editableJourney(c);
    if (context instanceof Response) return context;

    const { submission } = context;
    const values = { rating: submission?.rating?.toString(), comment: submission?.comment ?? '' };
    return renderPhotoStep(c, context, values, {});
  })
  .post(
    '/j/:journeyId/photo',
    bodyLimit({
      maxSize: FORM_LIMIT,
      onError: async (c) => {
        const context = await editableJourney(c);
        if (context instanceof Response) return context;
        const message = 'This photo is larger than 10 MB. Choose a smaller one.';
        return renderPhotoStep(c, context, {}, { photo: message }, 413);
      },
    }),
    async (c) => {
      const context = await editableJourney(c);
      if (context instanceof Response) return context;

      const { campaign, journey } = context;
      const submission = context.submission;
      if (!submission) return c.redirect(`/j/${journey.id}`, 303);
      const body = await readBody(c);
      const values = photoInput.parse(textFields(body));
      const { errors, rating, comment } = validateReview(values, campaign.blockedWords);

      // A valid photo is kept even when another field is wrong, so it is not uploaded twice.
      let photoKey: string | null = null;
      const photo = fileOf(body, 'photo');
      if (photo) {
        const stored = await acceptPhoto(c.env.MEDIA, new Uint8Array(await photo.arrayBuffer()));
        if (!stored.ok) errors.photo = stored.message;
        else {
          photoKey = stored.value.key;
          await c
            .get('db')
            .update(submissions)
            .set({ photoKey, updatedAt: new Date() })
            .where(eq(submissions.id, submission.id));
          if (submission.photoKey) await c.env.MEDIA.delete(submission.photoKey);
          submission.photoKey = photoKey;
        }
      }
      if (Object.keys(errors).length > 0) return renderPhotoStep(c, context, values, errors, 422);

      const generated = await generatePost(c.env, c.get('db'), {
        campaign,
        submission,
        photoKey,
        rating,
        comment,
      });
      if (!generated.ok) {
        return renderPhotoStep(c, context, values, { photo: generated.message }, 422);
      }
      return redirectAfterPost(c, `/j/${journey.id}/preview`);
    },
  )
  .get('/j/:journeyId/preview', async (c) => {
    const context = await editableJourney(c);
    if (context instanceof Response) return context;

    const { journey, campaign, submission } = context;
    const promoCode = submission && (await findSubmissionPromoCode(c.get('db'), submission.id));
    if (!submission?.postImageKey || !submission.caption || !promoCode) {
      return c.redirect(`/j/${journey.id}/photo`, 303);
    }

    const { tagLine } = buildCaption({
      comment: submission.comment,
      promoCode: promoCode.code,
      hashtags: campaign.hashtags,
      pages: campaign.pages[submission.platform] ?? [],
      adDisclosure: campaign.adDisclosure,
      platform: submission.platform,
    });
    // "Go to <platform>" posts to us and is redirected to the platform, which the browser
    // allows only if the platform's origin is a form target of this page.
    const target = goTarget(submission, submission.caption);
    if (target.url.startsWith('https://')) c.set('formTargets', [new URL(target.url).origin]);
    return c.html(
      <StepPreview
        campaign={campaign}
        journeyId={journey.id}
        submissionId={submission.id}
        platform={submission.platform}
        imageUrl={`/media/${submission.postImageKey}`}
        caption={submission.caption}
        tagLine={tagLine}
        promoCode={promoCode.code}
      />,
    );
  })
  .post('/j/:journeyId/go', textFormLimit, async (c) => {
    const { journey, campaign, submission } = await loadJourney(c);
    if (!submission?.caption || !submission.postImageKey) {
      return c.redirect(`/j/${journey.id}/photo`, 303);
    }

    if (submission.state === 'generated' || submission.state === 'awaiting_post') {
      const left = await leaveForPlatform(c.env, c.get('db'), c.get('logger'), {
        submission,
        campaign,
      });
      if (!left.ok) return c.redirect(`/s/${submission.id}`, 303);
    } else {
      return c.redirect(`/s/${submission.id}`, 303);
    }

    return c.redirect(goTarget(submission, submission.caption).url, 303);
  });
