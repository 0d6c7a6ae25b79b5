import type { Store } from '../db/console-stores';
import { type StoreFailure, storeAdapterFor } from '../stores';
import { type Connection, STORE_KIND_LABELS } from './store-connection';
import type { Secrets, StoreKind } from './store-forms';

/**
 * The call a store form makes through the store's adapter before anything is saved, and what a
 * failure of it means for the form: which field it is about, in words the merchant can act on.
 */

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
