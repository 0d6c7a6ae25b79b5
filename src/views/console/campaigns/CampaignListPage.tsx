import type { ConsoleCampaign } from '../../../db/console-campaigns';
import type { ConsoleMember } from '../../../db/members';
import { ConsoleLayout } from '../ConsoleLayout';

type ListProps = { member: ConsoleMember; campaigns: ConsoleCampaign[]; hasStores: boolean };

function EmptyState({ hasStores }: { hasStores: boolean }) {
  if (!hasStores) {
    return (
      <section class="card">
        <h2>Connect a store first</h2>
        <p>A campaign gives its promo codes in one of your stores.</p>
        <p>
          <a href="/console/stores/new">Connect your store</a>, or a test-mode store to try
          everything first.
        </p>
      </section>
    );
  }
  return (
    <section class="card">
      <h2>No campaigns yet</h2>
      <p>A campaign is the offer: the discount, the hashtags, the default photo, the colours.</p>
      <p>
        <a class="button secondary" href="/console/campaigns/new">
          Create your first campaign
        </a>
      </p>
    </section>
  );
}

/** The merchant's campaigns, each with its status, store and links. */
export function CampaignListPage({ member, campaigns, hasStores }: ListProps) {
  return (
    <ConsoleLayout member={member} section="campaigns" title="Campaigns">
      {campaigns.length === 0 ? (
        <EmptyState hasStores={hasStores} />
      ) : (
        <>
          <p>
            <a class="button secondary" href="/console/campaigns/new">
              New campaign
            </a>
          </p>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Campaigns of {member.merchantName}</caption>
              <thead>
                <tr>
                  <th scope="col">Campaign</th>
                  <th scope="col">Status</th>
                  <th scope="col">Store</th>
                  <th scope="col">Links</th>
                </tr>
              </thead>
              <tbody>
                {campaigns.map((campaign) => (
                  <tr>
                    <td>
                      <a href={`/console/campaigns/${campaign.id}`}>{campaign.name}</a>
                    </td>
                    <td>
                      <span class={`badge badge-${campaign.status}`}>{campaign.status}</span>{' '}
                      {campaign.testMode && <span class="badge badge-test">test mode</span>}
                    </td>
                    <td>{campaign.storeName}</td>
                    <td>
                      {campaign.status !== 'ended' && (
                        <>
                          <a href={`/console/campaigns/${campaign.id}/edit`}>
                            Edit<span class="visually-hidden"> {campaign.name}</span>
                          </a>
                          {' · '}
                        </>
                      )}
                      <a href={`/console/campaigns/${campaign.id}/results`}>
                        Results<span class="visually-hidden"> of {campaign.name}</span>
                      </a>
                      {' · '}
                      <a href={`/console/review?campaign=${campaign.id}`}>
                        Review<span class="visually-hidden"> {campaign.name}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </ConsoleLayout>
  );
}
