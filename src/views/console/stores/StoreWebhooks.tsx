import type { Store } from '../../../db/console-stores';
import type { RevealedSecret } from '../../../routes/store-connection';
import { webhookVerificationGuide } from '../../../stores';
import { CopyField } from './StoreFields';

const REVEALED_LABELS: Record<RevealedSecret['key'], { label: string; use: string }> = {
  webhookSecret: {
    label: 'Order webhook secret',
    use: 'Orders sent to FarOut are signed with it.',
  },
  secret: {
    label: 'Signing secret',
    use: 'FarOut signs the events it sends to your endpoint with it.',
  },
};

/** Secrets FarOut has just made: shown on this page once, never again. */
export function RevealedSecrets({ secrets }: { secrets: RevealedSecret[] }) {
  if (secrets.length === 0) return null;

  return (
    <section class="card secret-once" aria-labelledby="revealed-heading">
      <h2 id="revealed-heading">Copy your new secrets now</h2>
      <p role="status">
        These secrets will not be shown again. Copy them now and keep them somewhere safe; if you
        lose one, an owner can make a new one here, and the old one stops working.
      </p>
      {secrets.map((secret) => (
        <div>
          <CopyField
            id={`revealed-${secret.key}`}
            label={REVEALED_LABELS[secret.key].label}
            value={secret.value}
          />
          <p class="hint">{REVEALED_LABELS[secret.key].use}</p>
        </div>
      ))}
    </section>
  );
}

/** How a webhook store's system checks our deliveries. */
export function VerificationGuide() {
  return (
    <section class="card" aria-labelledby="guide-heading">
      <h2 id="guide-heading">Checking our events in your system</h2>
      <pre class="store-guide">{webhookVerificationGuide()}</pre>
    </section>
  );
}

function OrderTopics({ platform }: { platform: Store['platform'] }) {
  switch (platform) {
    case 'shopify':
      return (
        <p>
          In your app’s configuration, subscribe this address to <code>orders/create</code> and to
          the compliance topics <code>customers/data_request</code>, <code>customers/redact</code>{' '}
          and <code>shop/redact</code>. Shopify signs them with the app’s client secret.
        </p>
      );
    case 'woocommerce':
      return (
        <p>
          In WooCommerce &gt; Settings &gt; Advanced &gt; Webhooks, add one webhook for{' '}
          <em>Order created</em> and one for <em>Order updated</em>, with this delivery URL and the
          order webhook secret as their <em>Secret</em>.
        </p>
      );
    default:
      return (
        <p>
          POST each order that used a FarOut code as JSON:{' '}
          <code>{'{"order_id", "codes": [...], "amount": "12.34", "currency", "ordered_at"}'}</code>
          , with the header{' '}
          <code>FarOut-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256&gt;</code> of{' '}
          <code>"&lt;t&gt;.&lt;raw body&gt;"</code> under the order webhook secret. Deliveries older
          than five minutes are refused.
        </p>
      );
  }
}

const ORDER_PATHS: Record<Store['platform'], string> = {
  shopify: 'shopify',
  woocommerce: 'woocommerce',
  webhook: 'orders',
  sandbox: 'orders',
};

/** The address the store must send its orders to, so FarOut counts its codes' redemptions. */
export function WebhookAddresses({ store, origin }: { store: Store; origin: string }) {
  const address = `${origin}/webhooks/${ORDER_PATHS[store.platform]}/${store.id}`;

  return (
    <section class="card" aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">Order webhooks</h2>
      <p>FarOut counts the orders that use its codes from signed webhooks, each one once.</p>
      <CopyField id="address-orders" label="Order webhook address" value={address} />
      <OrderTopics platform={store.platform} />
    </section>
  );
}
