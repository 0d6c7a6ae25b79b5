import type { Store } from '../../../db/console-stores';
import { Flash, TextField } from '../Form';
import { ConnectionFields, CopyField, type FormState, SecretField } from './StoreFields';

const REPLACE_TITLES: Record<Store['platform'], string> = {
  shopify: 'Replace the credentials',
  woocommerce: 'Replace the credentials',
  webhook: 'Change the store or its endpoint',
  sandbox: 'Edit the store',
};

type FormsProps = { store: Store; state: FormState; origin: string };

/** Replacing the platform's credentials, or a test store's details. */
export function ReplaceConnectionForm({ store, state }: Omit<FormsProps, 'origin'>) {
  const tested = store.platform === 'shopify' || store.platform === 'woocommerce';
  const title = REPLACE_TITLES[store.platform];

  return (
    <section class="card" aria-labelledby="connection-heading">
      <h2 id="connection-heading">{title}</h2>
      {tested && <p>We make a test call with the new credentials before saving them.</p>}
      <Flash kind="error" message={state.errors.form} />
      <form method="post" action={`/console/stores/${store.id}/connection`} novalidate>
        <ConnectionFields kind={store.platform} state={state} />
        <button class="primary" type="submit">
          {tested ? 'Test and save' : 'Save'}
        </button>
      </form>
    </section>
  );
}

function RemovePart({ store, part, label }: { store: Store; part: string; label: string }) {
  return (
    <form
      method="post"
      action={`/console/stores/${store.id}/${part}/remove`}
      data-confirm={`Remove the ${label} credentials of ${store.name}?`}
    >
      <button type="submit" class="link-button danger">
        Remove the {label} credentials
      </button>
    </form>
  );
}

/** The Instagram Graph API and mentions webhook credentials, optional. */
export function InstagramForm({ store, state, origin }: FormsProps) {
  const stored = Boolean(state.masks.igAccessToken);

  return (
    <section class="card" aria-labelledby="instagram-heading">
      <h2 id="instagram-heading">Instagram (optional)</h2>
      <p>
        With these, FarOut finds Instagram posts that @mention your professional account. In your
        Meta app, set this callback URL and the verify token below, and subscribe to{' '}
        <code>mentions</code>.
      </p>
      <CopyField
        id="address-instagram"
        label="Callback URL"
        value={`${origin}/webhooks/instagram/${store.id}`}
      />
      <Flash kind="error" message={state.errors.form} />
      <form method="post" action={`/console/stores/${store.id}/instagram`} novalidate>
        <TextField
          name="igUserId"
          label="Instagram user id"
          value={state.values.igUserId}
          error={state.errors.igUserId}
          hint="The numeric id of the professional account (Graph API: me?fields=user_id)."
          required
        />
        <SecretField
          name="igAccessToken"
          label="Access token"
          state={state}
          hint="A long-lived token of that account with instagram_business_basic."
        />
        <SecretField
          name="igAppSecret"
          label="App secret"
          state={state}
          hint="App settings > Basic in your Meta app; Meta signs the webhook with it."
        />
        <SecretField
          name="igVerifyToken"
          label="Verify token"
          state={state}
          hint={
            'Any word of 8 or more characters; ' +
            'type the same one in your app’s webhook settings.'
          }
        />
        <button class="primary" type="submit">
          Save the Instagram credentials
        </button>
      </form>
      {stored && <RemovePart store={store} part="instagram" label="Instagram" />}
    </section>
  );
}

/** The X API bearer token, optional: X reads are paid by the merchant's own app. */
export function XForm({ store, state }: Omit<FormsProps, 'origin'>) {
  const stored = Boolean(state.masks.xBearerToken);

  return (
    <section class="card" aria-labelledby="x-heading">
      <h2 id="x-heading">X (optional)</h2>
      <p>With a bearer token of your X app, FarOut looks shoppers’ posts up on X.</p>
      <Flash kind="error" message={state.errors.form} />
      <form method="post" action={`/console/stores/${store.id}/x`} novalidate>
        <SecretField
          name="xBearerToken"
          label="Bearer token"
          state={state}
          hint="Developer Portal > your app > Keys and tokens."
        />
        <button class="primary" type="submit">
          Save the X token
        </button>
      </form>
      {stored && <RemovePart store={store} part="x" label="X" />}
    </section>
  );
}

/** Making a new FarOut-issued secret, for a merchant who lost one or wants to rotate it. */
export function NewSecretForms({ store, masks }: { store: Store; masks: Record<string, string> }) {
  // A Shopify store's order webhooks are signed with the app's client secret, which is typed in.
  const orders = store.platform !== 'shopify';
  const signing = store.platform === 'webhook';
  if (!orders && !signing) return null;

  return (
    <section class="card" aria-labelledby="secrets-heading">
      <h2 id="secrets-heading">Secrets made by FarOut</h2>
      {orders && (
        <form
          method="post"
          action={`/console/stores/${store.id}/secrets/webhookSecret`}
          data-confirm="Make a new order webhook secret? The current one stops working at once."
        >
          <p>
            Order webhook secret: <code>{masks.webhookSecret ?? 'none'}</code>{' '}
            <button type="submit">
              Make a new one <span class="visually-hidden">order webhook secret</span>
            </button>
          </p>
        </form>
      )}
      {signing && (
        <form
          method="post"
          action={`/console/stores/${store.id}/secrets/secret`}
          data-confirm="Make a new signing secret? Events are signed with the new one at once."
        >
          <p>
            Signing secret: <code>{masks.secret ?? 'none'}</code>{' '}
            <button type="submit">
              Make a new one <span class="visually-hidden">signing secret</span>
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
