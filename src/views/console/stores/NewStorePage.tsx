import type { ConsoleMember } from '../../../db/members';
import { STORE_KIND_LABELS } from '../../../routes/store-connection';
import type { StoreKind } from '../../../routes/store-forms';
import { ConsoleLayout } from '../ConsoleLayout';
import { Flash } from '../Form';
import { ConnectionFields, type FormState } from './StoreFields';

export const STORE_KIND_NOTES: Record<StoreKind, string> = {
  shopify:
    'Codes become discounts in your Shopify admin, through a custom app’s Admin API token. ' +
    'We make a test call before saving.',
  woocommerce:
    'Codes become coupons through the WooCommerce REST API, with a key that can read and ' +
    'write. We make a test call before saving.',
  webhook:
    'FarOut sends each code to your endpoint as a signed event, and your own system creates ' +
    'it.',
  sandbox:
    'No real store: codes are recorded as live in FarOut’s own database. For trying ' +
    'campaigns out before connecting your store.',
};

/** The first step of connecting a store: which kind. */
export function StoreKindPage({ member }: { member: ConsoleMember }) {
  const kinds = Object.keys(STORE_KIND_LABELS) as StoreKind[];

  return (
    <ConsoleLayout member={member} section="stores" title="Connect a store">
      <p>Where should FarOut switch the promo codes on?</p>
      <ul class="plain-list">
        {kinds.map((kind) => (
          <li>
            <a href={`/console/stores/new/${kind}`}>{STORE_KIND_LABELS[kind]}</a>
            <p class="hint">{STORE_KIND_NOTES[kind]}</p>
          </li>
        ))}
      </ul>
      <p>
        <a href="/console/stores">Back to the stores</a>
      </p>
    </ConsoleLayout>
  );
}

type NewStoreProps = { member: ConsoleMember; kind: StoreKind; state: FormState };

/** The connection form of one kind of store. */
export function NewStorePage({ member, kind, state }: NewStoreProps) {
  const tested = kind === 'shopify' || kind === 'woocommerce';
  const hasErrors = Object.keys(state.errors).length > 0;

  return (
    <ConsoleLayout
      member={member}
      section="stores"
      title={`Connect: ${STORE_KIND_LABELS[kind]}`}
      stylesheets={['/console-stores.css']}
    >
      <p>{STORE_KIND_NOTES[kind]}</p>
      <Flash kind="error" message={state.errors.form} />
      {hasErrors && tested && (
        <p class="muted">Nothing was saved. Secrets you typed are not shown again: paste them.</p>
      )}
      <form method="post" action={`/console/stores/new/${kind}`} novalidate>
        <ConnectionFields kind={kind} state={state} />
        <button class="primary" type="submit">
          {tested ? 'Test and connect' : 'Save the store'}
        </button>
      </form>
      <p>
        <a href="/console/stores/new">Choose another kind</a>
      </p>
    </ConsoleLayout>
  );
}
