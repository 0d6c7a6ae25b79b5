import type { MerchantOverview } from '../../db/console-overview';
import type { ConsoleMember } from '../../db/members';
import { ConsoleLayout } from './ConsoleLayout';

type OverviewProps = { member: ConsoleMember; overview: MerchantOverview };

/** The console's first page: what needs attention, and the first steps when there is nothing. */
export function OverviewPage({ member, overview }: OverviewProps) {
  const needsStore = overview.stores === 0;
  const needsCampaign = overview.campaigns.length === 0;

  return (
    <ConsoleLayout member={member} section="overview" title="Overview">
      {(needsStore || needsCampaign) && (
        <section class="card" aria-labelledby="first-steps">
          <h2 id="first-steps">Get started</h2>
          <ol class="first-steps">
            <li class={needsStore ? undefined : 'done'}>
              <a href="/console/stores/new">Connect your store</a>: Shopify, WooCommerce, a custom
              webhook, or a test-mode store to try everything first.
            </li>
            <li class={needsCampaign ? undefined : 'done'}>
              <a href="/console/campaigns/new">Create a campaign</a>: the discount, the hashtags,
              the default photo.
            </li>
            <li>Paste the embed snippet into your store's Thank-You page.</li>
          </ol>
        </section>
      )}

      <ul class="tiles">
        <li class="tile">
          <a href="/console/review?state=manual_review">
            <strong>{overview.toReview}</strong> waiting for your review
          </a>
        </li>
        <li class="tile">
          <a href="/console/review?state=activation_failed">
            <strong>{overview.activationFailed}</strong> codes the store did not switch on
          </a>
        </li>
        <li class="tile">
          <a href="/console/outbox">
            <strong>{overview.emailsWaiting}</strong> emails waiting to be sent
          </a>
        </li>
      </ul>

      {!needsCampaign && (
        <section aria-labelledby="campaigns-heading">
          <h2 id="campaigns-heading">Campaigns</h2>
          <ul class="plain-list">
            {overview.campaigns.map((campaign) => (
              <li>
                <a href={`/console/campaigns/${campaign.id}`}>{campaign.name}</a>{' '}
                <span class={`badge badge-${campaign.status}`}>{campaign.status}</span>
                {campaign.testMode && <span class="badge badge-test">test mode</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </ConsoleLayout>
  );
}
