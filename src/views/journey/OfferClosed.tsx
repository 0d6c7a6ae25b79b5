import type { PublicCampaign } from '../../db/campaigns';
import { Layout } from '../Layout';

/** What a shopper sees when the campaign is paused or over: polite, never an error. */
export function OfferClosed({ campaign }: { campaign: PublicCampaign }) {
  return (
    <Layout title={`${campaign.storeName}`}>
      <main class="page narrow">
        <h1>This offer is not running right now</h1>
        <p>
          {campaign.storeName} has paused or ended this sharing offer. Thank you for your interest,
          and keep an eye out for the next one.
        </p>
      </main>
    </Layout>
  );
}
