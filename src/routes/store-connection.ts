import type { Store } from '../db/console-stores';
import { STORE_PLATFORMS } from '../db/schema';
import { randomUrlSafe } from '../lib/ids';
import { ShopifyCredentials, WebhookCredentials, WooCommerceCredentials } from '../stores';
import type { FormFields } from './form-body';
import {
  CONNECTION_FORMS,
  INSTAGRAM_FORM,
  type Parsed,
  parseForm,
  part,
  type Secrets,
  type StoreKind,
  type Values,
  X_FORM,
} from './store-forms';

/**
 * Connecting a store from the console: what each kind's form changes in the store and in its
 * sealed credentials, the secrets FarOut makes for it, and what is set.
 */

export const STORE_KIND_LABELS: Record<StoreKind, string> = {
  shopify: 'Shopify',
  woocommerce: 'WooCommerce',
  webhook: 'Your own system (webhook)',
  sandbox: 'Test mode store',
};

/** The kind named in a path, or undefined for anything else. */
export function storeKind(value: string | undefined): StoreKind | undefined {
  return STORE_PLATFORMS.find((kind) => kind === value);
}

/** A secret we make for the merchant: 32 random bytes. */
export const newSecret = () => randomUrlSafe(32);

/** A secret made by FarOut, shown once after it is made and never again. */
export type RevealedSecret = { key: 'webhookSecret' | 'secret'; value: string };

/**
 * What a saved connection form changes. `name` is null for the kinds whose shop names itself
 * in the test call; `secrets` replaces the platform's keys and keeps Instagram and X.
 */
export type Connection = {
  details: { name: string | null; domain: string; currency: string };
  secrets: Secrets;
  revealed: RevealedSecret[];
};

/** The connection form of `kind`, read over the stored credentials (empty for a new store). */
export function parseConnection(
  kind: StoreKind,
  form: FormFields,
  stored: Secrets,
): Parsed<Connection> {
  const parsed = parseForm(CONNECTION_FORMS[kind], form, stored);
  if (!parsed.ok) return parsed;

  const values = parsed.value as Required<Values>;
  const revealed: RevealedSecret[] = [];
  const keepOrMake = (key: RevealedSecret['key']) => {
    const kept = stored[key];
    if (typeof kept === 'string' && kept !== '') return kept;
    const value = newSecret();
    revealed.push({ key, value });
    return value;
  };

  const currency = values.currency;
  let connection: Omit<Connection, 'revealed'>;
  switch (kind) {
    case 'shopify':
      connection = {
        details: { name: null, domain: values.shopDomain, currency },
        secrets: { accessToken: values.accessToken, webhookSecret: values.clientSecret },
      };
      break;
    case 'woocommerce': {
      const { consumerKey, consumerSecret, siteUrl } = values;
      connection = {
        details: { name: null, domain: new URL(siteUrl).hostname, currency },
        secrets: {
          consumerKey,
          consumerSecret,
          siteUrl,
          webhookSecret: keepOrMake('webhookSecret'),
        },
      };
      break;
    }
    case 'webhook':
      connection = {
        details: { name: values.name, domain: values.domain, currency },
        secrets: {
          url: values.url,
          secret: keepOrMake('secret'),
          webhookSecret: keepOrMake('webhookSecret'),
        },
      };
      break;
    case 'sandbox':
      connection = {
        details: { name: values.name, domain: values.domain, currency },
        secrets: { webhookSecret: keepOrMake('webhookSecret') },
      };
      break;
  }
  return { ok: true, value: { ...connection, revealed } };
}

/** The credentials with a new Instagram part, from its form. */
export function parseInstagram(form: FormFields, stored: Secrets): Parsed<Secrets> {
  const parsed = parseForm(INSTAGRAM_FORM, form, part(stored.instagram));
  if (!parsed.ok) return parsed;

  const { igUserId, igAccessToken, igAppSecret, igVerifyToken } = parsed.value;
  const instagram = {
    igUserId,
    accessToken: igAccessToken,
    appSecret: igAppSecret,
    verifyToken: igVerifyToken,
  };
  return { ok: true, value: { ...stored, instagram } };
}

/** The credentials with a new X part, from its form. */
export function parseX(form: FormFields, stored: Secrets): Parsed<Secrets> {
  const parsed = parseForm(X_FORM, form, part(stored.x));
  if (!parsed.ok) return parsed;

  return { ok: true, value: { ...stored, x: { bearerToken: parsed.value.xBearerToken } } };
}

/** Which of a store's credentials are there, for the list and the store's page. */
export type CredentialSummary = {
  state: 'set' | 'missing' | 'unreadable' | 'not_needed';
  instagram: boolean;
  x: boolean;
};

const CORE_CREDENTIALS = {
  shopify: ShopifyCredentials,
  woocommerce: WooCommerceCredentials,
  webhook: WebhookCredentials,
};

/** What `opened` (null when nothing could be opened) holds for the store. */
export function summarise(store: Store, opened: Secrets | null): CredentialSummary {
  const stored = opened ?? {};
  const instagram = part(stored.instagram);
  const x = part(stored.x);
  const summary = {
    instagram: Boolean(instagram.igUserId && instagram.accessToken),
    x: typeof x.bearerToken === 'string' && x.bearerToken !== '',
  };

  if (store.credentialsCiphertext && !opened) return { state: 'unreadable', ...summary };
  if (store.platform === 'sandbox') return { state: 'not_needed', ...summary };
  const core = CORE_CREDENTIALS[store.platform].safeParse(stored).success;
  return { state: core ? 'set' : 'missing', ...summary };
}
