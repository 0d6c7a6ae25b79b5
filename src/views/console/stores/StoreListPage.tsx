import type { Store } from '../../../db/console-stores';
import type { ConsoleMember } from '../../../db/members';
import { type CredentialSummary, STORE_KIND_LABELS } from '../../../routes/store-connection';
import { ConsoleLayout } from '../ConsoleLayout';

export type ListedStore = { store: Store; summary: CredentialSummary };

const STATE_LABELS: Record<CredentialSummary['state'], string> = {
  set: 'set',
  missing: 'not set',
  unreadable: 'unreadable: enter them again',
  not_needed: 'not needed',
};

const STATE_BADGES: Record<CredentialSummary['state'], string> = {
  set: 'badge badge-active',
  missing: 'badge badge-failed',
  unreadable: 'badge badge-failed',
  not_needed: 'badge badge-test',
};

/** A credentials state as a badge. */
export function CredentialBadge({ state }: { state: CredentialSummary['state'] }) {
  return <span class={STATE_BADGES[state]}>{STATE_LABELS[state]}</span>;
}

/** The merchant's stores; owners can connect another. */
export function StoreListPage({
  member,
  stores,
}: {
  member: ConsoleMember;
  stores: ListedStore[];
}) {
  const isOwner = member.role === 'owner';

  return (
    <ConsoleLayout member={member} section="stores" title="Stores">
      {stores.length === 0 ? (
        <section class="card">
          <h2>No store yet</h2>
          <p>
            FarOut switches each promo code on in your store once the shopper’s post is verified.
          </p>
          {isOwner ? (
            <p>
              <a href="/console/stores/new">Connect a store</a>: Shopify, WooCommerce, your own
              system through a webhook, or a test-mode store to try everything first.
            </p>
          ) : (
            <p class="muted">Only an owner can connect a store.</p>
          )}
        </section>
      ) : (
        <>
          {isOwner && (
            <p>
              <a href="/console/stores/new">Connect another store</a>
            </p>
          )}
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">Stores of {member.merchantName}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Platform</th>
                  <th scope="col">Domain</th>
                  <th scope="col">Currency</th>
                  <th scope="col">Credentials</th>
                  <th scope="col">Instagram</th>
                  <th scope="col">X</th>
                </tr>
              </thead>
              <tbody>
                {stores.map(({ store, summary }) => (
                  <tr>
                    <td>
                      <a href={`/console/stores/${store.id}`}>{store.name}</a>
                    </td>
                    <td>{STORE_KIND_LABELS[store.platform]}</td>
                    <td>{store.domain}</td>
                    <td>{store.currency}</td>
                    <td>
                      <CredentialBadge state={summary.state} />
                    </td>
                    <td>{summary.instagram ? 'set' : 'not set'}</td>
                    <td>{summary.x ? 'set' : 'not set'}</td>
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
