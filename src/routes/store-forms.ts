import { z } from 'zod';
import { fieldErrors } from '../accounts/form-errors';
import type { Store } from '../db/console-stores';
import type { STORE_PLATFORMS } from '../db/schema';
import { maskSecret } from '../lib/credentials';
import { checkPublicUrl } from '../lib/safe-fetch';
import type { FormFields } from './form-body';

/**
 * The console's store forms: each field's rule and message, and which of a form's fields are
 * secrets. A secret a merchant typed is never sent back to the page, and a stored one is shown
 * only as `maskSecret` gives it; a secret field left empty keeps the stored value.
 */

export type StoreKind = (typeof STORE_PLATFORMS)[number];
export type Secrets = Record<string, unknown>;
export type FormErrors = Record<string, string>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

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
export type FormSpec = { fields: FieldName[]; secrets: Partial<Record<FieldName, string>> };

export const CONNECTION_FORMS: Record<StoreKind, FormSpec> = {
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

export const INSTAGRAM_FORM: FormSpec = {
  fields: ['igUserId', 'igAccessToken', 'igAppSecret', 'igVerifyToken'],
  secrets: {
    igAccessToken: 'accessToken',
    igAppSecret: 'appSecret',
    igVerifyToken: 'verifyToken',
  },
};
export const X_FORM: FormSpec = {
  fields: ['xBearerToken'],
  secrets: { xBearerToken: 'bearerToken' },
};

export type Values = Partial<Record<FieldName, string>>;

/** The fields of `spec` read from `form`, with stored secrets kept where left empty. */
export function parseForm(spec: FormSpec, form: FormFields, stored: Secrets): Parsed<Values> {
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

/** A nested part of the credentials (`instagram`, `x`), or an empty one. */
export const part = (value: unknown): Secrets =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Secrets) : {};

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
