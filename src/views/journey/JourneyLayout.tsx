import type { Child } from 'hono/jsx';
import type { PublicCampaign } from '../../db/campaigns';
import { Layout } from '../Layout';

export { FieldError } from '../FieldError';

const STEPS = ['Your account', 'Photo and review', 'Your post'] as const;

type JourneyLayoutProps = {
  campaign: PublicCampaign;
  step: 1 | 2 | 3;
  title: string;
  children: Child;
};

/** The frame of every journey step: the store, the offer, and where the shopper is. */
export function JourneyLayout({ campaign, step, title, children }: JourneyLayoutProps) {
  return (
    <Layout title={`${title} · ${campaign.storeName}`} htmx>
      <header class="journey-head">
        <p class="muted">{campaign.storeName}</p>
        <p class="offer">{campaign.offerText}</p>
        <ol class="steps" aria-label="Progress">
          {STEPS.map((label, index) => (
            <li
              class={index + 1 === step ? 'current' : index + 1 < step ? 'done' : undefined}
              aria-current={index + 1 === step ? 'step' : undefined}
            >
              {label}
            </li>
          ))}
        </ol>
      </header>
      <main class="page narrow journey" id="journey">
        <h1>{title}</h1>
        {children}
      </main>
      <script src="/journey.js" defer />
      <script src="/photo-downscale.js" defer />
    </Layout>
  );
}
