import type { PublicCampaign } from '../../db/campaigns';
import { FieldError, JourneyLayout } from './JourneyLayout';

export const COMMENT_MAX_LENGTH = 280;

export type PhotoForm = { rating?: string; comment?: string };
export type PhotoErrors = { photo?: string; rating?: string; comment?: string };

type StepPhotoProps = {
  campaign: PublicCampaign;
  journeyId: string;
  // The photo that will be used if no new one is chosen: the shopper's earlier upload or the
  // store's default. Null when neither exists, which makes an upload required.
  currentPhotoUrl: string | null;
  currentPhotoIsOwn: boolean;
  values: PhotoForm;
  errors: PhotoErrors;
};

function StarRating({ value, error }: { value: string | undefined; error: string | undefined }) {
  return (
    <fieldset class="stars" aria-describedby={error ? 'rating-error' : undefined}>
      <legend>Your rating</legend>
      <div class="star-row">
        {[1, 2, 3, 4, 5].map((stars) => (
          <>
            <input
              type="radio"
              id={`rating-${stars}`}
              name="rating"
              value={String(stars)}
              checked={value === String(stars)}
              required
            />
            <label for={`rating-${stars}`} title={`${stars} of 5`}>
              <span aria-hidden="true">★</span>
              <span class="visually-hidden">
                {stars} {stars === 1 ? 'star' : 'stars'}
              </span>
            </label>
          </>
        ))}
      </div>
      <FieldError id="rating-error" message={error} />
    </fieldset>
  );
}

/** Step 2: the photo, the star rating and the optional comment. */
export function StepPhoto(props: StepPhotoProps) {
  const { campaign, journeyId, currentPhotoUrl, currentPhotoIsOwn, values, errors } = props;
  const comment = values.comment ?? '';

  return (
    <JourneyLayout campaign={campaign} step={2} title="Your photo and review">
      <form
        method="post"
        action={`/j/${journeyId}/photo`}
        enctype="multipart/form-data"
        hx-post={`/j/${journeyId}/photo`}
        hx-encoding="multipart/form-data"
        hx-target="#journey"
        hx-select="#journey"
        hx-swap="outerHTML"
        hx-disabled-elt="find button[type=submit]"
        novalidate
      >
        {currentPhotoUrl && (
          <figure class="current-photo">
            <img src={currentPhotoUrl} alt="Chosen for your post" width="160" />
            <figcaption class="muted">
              {currentPhotoIsOwn
                ? 'Your photo is saved.'
                : `The photo ${campaign.storeName} suggests.`}{' '}
              Choose a file below to use another one.
            </figcaption>
          </figure>
        )}
        <label for="photo">{currentPhotoUrl ? 'Use another photo' : 'Your photo'}</label>
        <input
          id="photo"
          name="photo"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          data-downscale="1440"
          aria-invalid={errors.photo ? 'true' : undefined}
          aria-describedby={errors.photo ? 'photo-error photo-hint' : 'photo-hint'}
        />
        <p class="hint" id="photo-hint">
          JPEG, PNG or WebP, up to 10 MB.
        </p>
        <FieldError id="photo-error" message={errors.photo} />

        <StarRating value={values.rating} error={errors.rating} />

        <label for="comment">Your comment (optional)</label>
        <textarea
          id="comment"
          name="comment"
          rows={4}
          maxlength={COMMENT_MAX_LENGTH}
          aria-invalid={errors.comment ? 'true' : undefined}
          aria-describedby={errors.comment ? 'comment-error comment-count' : 'comment-count'}
        >
          {comment}
        </textarea>
        <p class="hint" id="comment-count" data-counter-for="comment" aria-live="polite">
          {comment.length} / {COMMENT_MAX_LENGTH} characters
        </p>
        <FieldError id="comment-error" message={errors.comment} />

        <button class="primary" type="submit">
          Create my post
        </button>
      </form>
    </JourneyLayout>
  );
}
