import type { PublicCampaign } from '../../db/campaigns';
import type { SocialPlatform } from '../../db/schema';
import { PLATFORM_LABELS } from '../../domain/social-handle';
import { JourneyLayout } from './JourneyLayout';

type StepPreviewProps = {
  campaign: PublicCampaign;
  journeyId: string;
  submissionId: string;
  platform: SocialPlatform;
  imageUrl: string;
  caption: string;
  tagLine: string;
  promoCode: string;
};

/** A read-only text block with a copy button; without JavaScript the text can be selected. */
function CopyBlock({
  id,
  label,
  text,
  rows,
}: {
  id: string;
  label: string;
  text: string;
  rows: number;
}) {
  return (
    <div class="copy-block">
      <label for={id}>{label}</label>
      <textarea id={id} readonly rows={rows}>
        {text}
      </textarea>
      <button type="button" class="secondary" data-copy={id} hidden>
        Copy
      </button>
      <span class="copied" role="status" aria-live="polite" />
    </div>
  );
}

/** Step 3: the rendered post, its caption, and the way to the platform. */
export function StepPreview(props: StepPreviewProps) {
  const { campaign, journeyId, submissionId, platform, imageUrl, caption, tagLine } = props;
  const label = PLATFORM_LABELS[platform];

  return (
    <JourneyLayout campaign={campaign} step={3} title="Your post is ready">
      <p>
        Your personal code <strong class="code">{props.promoCode}</strong> is reserved. It switches
        on once your post has been up for {campaign.holdHours} hours.
      </p>
      <ol class="how">
        <li>Save the image.</li>
        <li>Copy the caption.</li>
        <li>
          Post both on {label}, then come back to{' '}
          <a href={`/s/${submissionId}`}>your status page</a>.
        </li>
      </ol>

      <figure class="post-preview">
        <img
          src={imageUrl}
          width="1080"
          height="1350"
          alt="Your post image: your photo, rating and comment"
        />
      </figure>
      <p class="actions">
        <a class="button secondary" href={`${imageUrl}?download=1`} download="my-post.jpg">
          Save image
        </a>
        <button type="button" class="secondary" data-share-image={imageUrl} hidden>
          Share image
        </button>
      </p>

      <CopyBlock id="caption" label="Caption" text={caption} rows={7} />
      <CopyBlock id="tags" label="Hashtags and pages" text={tagLine} rows={2} />

      <form method="post" action={`/j/${journeyId}/go`}>
        <button class="primary" type="submit">
          Go to {label}
        </button>
      </form>
      <p class="muted">
        Want to change something? <a href={`/j/${journeyId}/photo`}>Edit the photo and review</a>
        {' or '}
        <a href={`/j/${journeyId}`}>the account</a>.
      </p>
    </JourneyLayout>
  );
}
