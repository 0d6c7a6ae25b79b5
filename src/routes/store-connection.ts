import { z } from 'zod';
import { fieldErrors } from '../accounts/form-errors';
import type { Store } from '../db/console-stores';
import { STORE_PLATFORMS } from '../db/schema';
import { maskSecret } from '../lib/credentials';
import { randomUrlSafe } from '../lib/ids';
import { checkPublicUrl } from '../lib/safe-fetch';
import {
  ShopifyCredentials,
  type StoreFailure,
  storeAdapterFor,
  WebhookCredentials,
  WooCommerceCredentials,
} from '../stores';
import type { FormFields } from './console-context';

/**
 * Connecting a store from the console: each kind's form, the credentials it seals, the test
 * call, and which field a failed test call is about. Secrets a merchant typed are never sent
 * back to the page; a secret already stored is shown only as `maskSecret` gives it.
 */

export type StoreKind = (typeof STORE_PLATFORMS)[number];
export type Secrets = Record<string, unknown>;
export type FormErrors = Record<string, string>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

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

const pattern = (regex: RegExp, error: string) =>
  z.string({ error }).trim().regex(regex, { error });

// An address pasted with its scheme or a trailing slash still means the host.
const hostOnly = (value: string) => value.replace(/^https?:\/\//, '').replace(/\/+$/, '');

const SHOP_DOMAIN_ERROR =
  'Enter the shop’s myshopify.com address, like your-shop.myshopify.com (Settings > Domains).';
const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*$/;

const publicHttpsUrl = (error: string) =>
  z
    .string({ error })
    .trim()
    .min(1, { error })
    .overwrite((value) => value.replace(/\/+$/, ''))
    .superRefine((value, context) => {
      const checked = checkPublicUrl(value);
      if (checked.ok) return;
      // Past the scheme, what is wrong with the host is worth saying (a private name, a port).
      const detail = /^https:\/\//i.test(value) ? ` ${checked.message}` : '';
      context.addIssue({ code: 'custom', message: `${error}${detail}` });
    });

const FIELDS = {
  shopDomain: z
    .string({ error: SHOP_DOMAIN_ERROR })
    .trim()
    .toLowerCase()
    .overwrite(hostOnly)
    .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, { error: SHOP_DOMAIN_ERROR }),
  accessToken: pattern(
    /^shpat_[A-Za-z0-9]{16,}$/,
    'Paste the Admin API access token of your app: it starts with shpat_.',
  ),
  clientSecret: pattern(
    /^\S{16,200}$/,
    'Paste the app’s client secret: at least 16 characters, without spaces.',
  ),
  siteUrl: publicHttpsUrl('Enter the site’s https address, like https://shop.example.com.'),
  consumerKey: pattern(/^ck_\w+$/, 'Paste the consumer key: it starts with ck_.'),
  consumerSecret: pattern(/^cs_\w+$/, 'Paste the consumer secret: it starts with cs_.'),
  url: publicHttpsUrl(
    'Enter the https address of your endpoint, like https://shop.example.com/farout.',
  ),
  name: z
    .string({ error: 'Enter the store’s name.' })
    .trim()
    .min(1, { error: 'Enter the store’s name.' })
    .max(120, { error: 'Use at most 120 characters.' }),
  domain: z
    .string({ error: 'Enter the store’s domain, like shop.example.com.' })
    .trim()
    .toLowerCase()
    .overwrite(hostOnly)
    .regex(HOST_NAME, { error: 'Enter the store’s domain only, like shop.example.com.' }),
  currency: z
    .string({ error: 'Enter a currency code.' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, {
      error: 'Enter the three-letter code of the currency your store prices in, like USD or EUR.',
    }),
  igUserId: pattern(
    /^\d{5,30}$/,
    'Enter the numeric user id of the Instagram professional account.',
  ),
  igAccessToken: pattern(/^\S{20,1000}$/, 'Paste the Instagram access token.'),
  igAppSecret: pattern(
    /^[0-9a-f]{32}$/i,
    'Paste the Meta app secret: 32 letters and digits (App settings > Basic).',
  ),
  igVerifyToken: pattern(
    /^\S{8,200}$/,
    'Choose a verify token of at least 8 characters, without spaces.',
  ),
  xBearerToken: pattern(/^\S{20,1000}$/, 'Paste the bearer token of your X app.'),
};
type FieldName = keyof typeof FIELDS;

/**
 * One form: its fields, and for each secret among them the key it is kept under in the part
 * of the credentials the form edits. A secret left empty keeps the stored one.
 */
type FormSpec = { fields: FieldName[]; secrets: Partial<Record<FieldName, string>> };

const CONNECTION_FORMS: Record<StoreKind, FormSpec> = {
  shopify: {
    fields: ['shopDomain', 'accessToken', 'clientSecret', 'currency'],
    secrets: { accessToken: 'accessToken', clientSecret: 'webhookSecret' },
  },
  woocommerce: {
    fields: ['siteUrl', 'consumerKey', 'consumerSecret', 'currency'],
    secrets: { consumerKey: 'consumerKey', consumerSecret: 'consumerSecret' },
  },
  webhook: { fields: ['name', 'domain', 'url', 'currency'], secrets: {} },
  sandbox: { fields: ['name', 'domain', 'currency'], secrets: {} },
};

const INSTAGRAM_FORM: FormSpec = {
  fields: ['igUserId', 'igAccessToken', 'igAppSecret', 'igVerifyToken'],
  secrets: {
    igAccessToken: 'accessToken',
    igAppSecret: 'appSecret',
    igVerifyToken: 'verifyToken',
  },
};
const X_FORM: FormSpec = { fields: ['xBearerToken'], secrets: { xBearerToken: 'bearerToken' } };

type Values = Partial<Record<FieldName, string>>;

function parseForm(spec: FormSpec, form: FormFields, stored: Secrets): Parsed<Values> {
  const filled: FormFields = { ...form };
  for (const [field, key] of Object.entries(spec.secrets)) {
    const kept = stored[key];
    if (!filled[field]?.trim() && typeof kept === 'string') filled[field] = kept;
  }

  const shape = Object.fromEntries(spec.fields.map((field) => [field, FIELDS[field]]));
  const parsed = z.object(shape).safeParse(filled);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  return { ok: true, value: parsed.data as Values };
}

const part = (value: unknown): Secrets =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Secrets) : {};

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

/** How the stored secrets of each form are shown: masked, keyed by the form's field names. */
export function storedMasks(kind: StoreKind, stored: Secrets): Record<string, string> {
  const masks: Record<string, string> = {};
  const add = (spec: FormSpec, source: Secrets) => {
    for (const [field, key] of Object.entries(spec.secrets)) {
      const value = source[key];
      if (typeof value === 'string' && value !== '') masks[field] = maskSecret(value);
    }
  };

  add(CONNECTION_FORMS[kind], stored);
  add(INSTAGRAM_FORM, part(stored.instagram));
  add(X_FORM, part(stored.x));
  const orders = stored.webhookSecret;
  if (typeof orders === 'string' && orders !== '') masks.webhookSecret = maskSecret(orders);
  const signing = stored.secret;
  if (typeof signing === 'string' && signing !== '') masks.secret = maskSecret(signing);
  return masks;
}

/** The values a form starts with for a stored store: its addresses and ids, never a secret. */
export function storedValues(store: Store, stored: Secrets): Record<string, string> {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const { name, domain, currency } = store;
  const common = { currency, igUserId: text(part(stored.instagram).igUserId) };

  switch (store.platform) {
    case 'shopify':
      return { ...common, shopDomain: domain };
    case 'woocommerce':
      return { ...common, siteUrl: text(stored.siteUrl) || `https://${domain}` };
    case 'webhook':
      return { ...common, name, domain, url: text(stored.url) };
    case 'sandbox':
      return { ...common, name, domain };
  }
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

/** A test call's outcome: the shop's name, or what to say and beside which field. */
export type TestOutcome =
  | { ok: true; shopName: string }
  | { ok: false; field: string; message: string };

/** The field of each kind's form that sets the store's domain, for "already connected". */
export const DOMAIN_FIELD: Record<StoreKind, string> = {
  shopify: 'shopDomain',
  woocommerce: 'siteUrl',
  webhook: 'domain',
  sandbox: 'domain',
};

const ADDRESS_FIELD: Record<StoreKind, string> = {
  shopify: 'shopDomain',
  woocommerce: 'siteUrl',
  webhook: 'url',
  sandbox: 'form',
};

const REFUSED: Record<StoreKind, { field: string; message: string }> = {
  shopify: {
    field: 'accessToken',
    message:
      'Shopify refused this token. Copy the Admin API access token again from your app’s API ' +
      'credentials: it may have been revoked, or belong to another shop.',
  },
  woocommerce: {
    field: 'consumerKey',
    message:
      'WooCommerce refused these keys. Check the consumer key and secret, and that the key ' +
      'has Read/Write permission on this site.',
  },
  webhook: { field: 'url', message: 'Your endpoint refused our signed test event.' },
  sandbox: { field: 'form', message: 'The test store refused the call.' },
};

/**
 * The adapter's test call (`testConnection`) for the store as it would be saved. The adapter's
 * failure says what went wrong; the HTTP status it ended on says which field to show it by, so
 * the status of each response is noted on the way through.
 */
export async function testStore(
  store: Pick<Store, 'platform' | 'name' | 'domain'>,
  credentials: Secrets | null,
): Promise<TestOutcome> {
  let status: number | undefined;
  const noteStatus: typeof fetch = async (input, init) => {
    status = undefined;
    const response = await fetch(input, init);
    status = response.status;
    return response;
  };

  const tested = await storeAdapterFor(store, credentials, { fetch: noteStatus }).testConnection();
  if (tested.ok) return { ok: true, shopName: tested.value.shopName };
  return { ok: false, ...explainFailure(store, tested.failure, status) };
}

/**
 * The name a connection is saved under: the one the shop gives in the test call for the kinds
 * that have an API to ask, else the one typed. A failed test call saves nothing.
 */
export async function connectionName(
  kind: StoreKind,
  connection: Pick<Connection, 'details'>,
  credentials: Secrets,
): Promise<{ ok: true; name: string } | Extract<TestOutcome, { ok: false }>> {
  const { name, domain } = connection.details;
  if (name !== null) return { ok: true, name };

  const tested = await testStore({ platform: kind, name: domain, domain }, credentials);
  if (!tested.ok) return tested;
  return { ok: true, name: tested.shopName.trim().slice(0, 120) || domain };
}

function explainFailure(
  store: Pick<Store, 'platform' | 'domain'>,
  failure: StoreFailure,
  status: number | undefined,
): { field: string; message: string } {
  const kind = store.platform;
  const address = ADDRESS_FIELD[kind];
  const label = STORE_KIND_LABELS[kind];

  if (status === 401 || status === 403) {
    const refused = REFUSED[kind];
    return { field: refused.field, message: `${refused.message} (HTTP ${status})` };
  }
  if (status === undefined && failure.kind === 'retry') {
    return {
      field: address,
      message: `We could not reach ${store.domain}: ${failure.reason} Check the address.`,
    };
  }
  // A 200 that still fails is a missing permission of the token (Shopify's ACCESS_DENIED).
  if (status === 200 && failure.kind === 'auth') {
    return { field: REFUSED[kind].field, message: failure.reason };
  }
  if (failure.kind === 'retry') {
    return { field: 'form', message: `${failure.reason} Nothing was saved; try again shortly.` };
  }
  if (failure.kind === 'rejected') {
    return {
      field: address,
      message: `${label} answered HTTP ${status} to our test call; check the address.`,
    };
  }
  return { field: address, message: failure.reason };
}
