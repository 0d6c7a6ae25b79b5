import type { PublicCampaign } from '../../db/campaigns';
import type { SocialPlatform } from '../../db/schema';
import { PLATFORM_LABELS } from '../../domain/social-handle';
import { FieldError, JourneyLayout } from './JourneyLayout';

export type AccountForm = { platform?: string; username?: string };
export type AccountErrors = { platform?: string; username?: string };

type StepAccountProps = {
  campaign: PublicCampaign;
  journeyId: string;
  platforms: SocialPlatform[];
  values: AccountForm;
  errors: AccountErrors;
};

const USERNAME_HINT =
  'Instagram, X, TikTok, Facebook: your username. Bluesky: your handle, like ' +
  'name.bsky.social. Mastodon: name@your.server.';

/** Step 1: which platform the shopper posts on, and as whom. */
export function StepAccount({ campaign, journeyId, platforms, values, errors }: StepAccountProps) {
  const selected = values.platform ?? platforms[0];

  return (
    <JourneyLayout campaign={campaign} step={1} title="Where will you post?">
      <form
        method="post"
        action={`/j/${journeyId}/account`}
        hx-post={`/j/${journeyId}/account`}
        hx-target="#journey"
        hx-select="#journey"
        hx-swap="outerHTML"
        novalidate
      >
        <fieldset aria-describedby={errors.platform ? 'platform-error' : undefined}>
          <legend>Platform</legend>
          <div class="choices">
            {platforms.map((platform) => (
              <label class="choice">
                <input
                  type="radio"
                  name="platform"
                  value={platform}
                  checked={platform === selected}
                  required
                />
                <span>{PLATFORM_LABELS[platform]}</span>
              </label>
            ))}
          </div>
          <FieldError id="platform-error" message={errors.platform} />
        </fieldset>

        <label for="username">Your username</label>
        <input
          id="username"
          name="username"
          type="text"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          value={values.username ?? ''}
          aria-invalid={errors.username ? 'true' : undefined}
          aria-describedby={errors.username ? 'username-error username-hint' : 'username-hint'}
          required
        />
        <p class="hint" id="username-hint">
          {USERNAME_HINT}
        </p>
        <FieldError id="username-error" message={errors.username} />

        <p class="notice">
          Your profile must be <strong>public</strong> while we check your post, so that we can find
          it.
        </p>
        <button class="primary" type="submit">
          Continue
        </button>
      </form>
    </JourneyLayout>
  );
}
