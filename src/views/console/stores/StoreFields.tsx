import type { Child } from 'hono/jsx';
import type { StoreKind } from '../../../routes/store-forms';
import { TextField } from '../Form';

export type Values = Record<string, string | undefined>;
export type Errors = Record<string, string | undefined>;

/** What a store form is filled with: typed or stored values, errors, and stored secrets. */
export type FormState = { values: Values; errors: Errors; masks: Record<string, string> };

type SecretFieldProps = {
  name: string;
  label: string;
  hint: Child;
  state: FormState;
};

/**
 * A secret's input: never filled in, neither with what was typed nor with what is stored. When
 * one is stored, its mask is shown and leaving the field empty keeps it.
 */
export function SecretField({ name, label, hint, state }: SecretFieldProps) {
  const mask = state.masks[name];
  const kept = mask && (
    <>
      {' '}
      Stored now: <code>{mask}</code>. Leave empty to keep it.
    </>
  );

  return (
    <TextField
      name={name}
      label={label}
      type="password"
      autocomplete="off"
      error={state.errors[name]}
      hint={
        <>
          {hint}
          {kept}
        </>
      }
      required={!mask}
    />
  );
}

function CurrencyField({ state }: { state: FormState }) {
  return (
    <TextField
      name="currency"
      label="Currency"
      value={state.values.currency ?? 'USD'}
      error={state.errors.currency}
      hint="The ISO code of the currency your store prices in; fixed-amount discounts use it."
      maxlength={3}
      required
    />
  );
}

function NameAndDomain({ state }: { state: FormState }) {
  const { values, errors } = state;
  return (
    <>
      <TextField
        name="name"
        label="Store name"
        value={values.name}
        error={errors.name}
        maxlength={120}
        required
      />
      <TextField
        name="domain"
        label="Store domain"
        value={values.domain}
        error={errors.domain}
        hint="Where shoppers find the store, like shop.example.com."
        required
      />
    </>
  );
}

function ShopifyFields({ state }: { state: FormState }) {
  return (
    <>
      <TextField
        name="shopDomain"
        label="Shop address"
        value={state.values.shopDomain}
        error={state.errors.shopDomain}
        hint="The permanent address, like your-shop.myshopify.com, not your own domain."
        required
      />
      <SecretField
        name="accessToken"
        label="Admin API access token"
        state={state}
        hint={
          'From your app’s API credentials; ' +
          'it starts with shpat_ and needs the write_discounts scope.'
        }
      />
      <SecretField
        name="clientSecret"
        label="Client secret"
        state={state}
        hint={
          'Your app’s client secret (API secret key): ' +
          'Shopify signs its order webhooks with it.'
        }
      />
    </>
  );
}

function WooCommerceFields({ state }: { state: FormState }) {
  return (
    <>
      <TextField
        name="siteUrl"
        label="Site address"
        type="url"
        value={state.values.siteUrl}
        error={state.errors.siteUrl}
        hint="Your WordPress address with https, like https://shop.example.com."
        required
      />
      <SecretField
        name="consumerKey"
        label="Consumer key"
        state={state}
        hint="WooCommerce > Settings > Advanced > REST API: add a key with Read/Write permission."
      />
      <SecretField
        name="consumerSecret"
        label="Consumer secret"
        state={state}
        hint="Shown beside the key when WooCommerce makes it; it starts with cs_."
      />
    </>
  );
}

function WebhookFields({ state }: { state: FormState }) {
  return (
    <>
      <NameAndDomain state={state} />
      <TextField
        name="url"
        label="Your endpoint"
        type="url"
        value={state.values.url}
        error={state.errors.url}
        hint="The https address where FarOut sends each promo code as a signed event."
        required
      />
    </>
  );
}

/** The fields of a store kind's connection form, for a new store or for replacing its own. */
export function ConnectionFields({ kind, state }: { kind: StoreKind; state: FormState }) {
  return (
    <>
      {kind === 'shopify' && <ShopifyFields state={state} />}
      {kind === 'woocommerce' && <WooCommerceFields state={state} />}
      {kind === 'webhook' && <WebhookFields state={state} />}
      {kind === 'sandbox' && <NameAndDomain state={state} />}
      <CurrencyField state={state} />
    </>
  );
}

/** A value to copy: a read-only input, and a button that copies it when scripts run. */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <div class="field copy-field">
      <label for={id}>{label}</label>
      <div class="copy-row">
        <input id={id} type="text" value={value} readonly />
        <button type="button" data-copy={`#${id}`}>
          Copy
        </button>
      </div>
    </div>
  );
}
