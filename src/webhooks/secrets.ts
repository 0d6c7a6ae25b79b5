import type { stores } from '../db/schema';
import { openStoreCredentials } from '../lib/credentials';

export type Store = typeof stores.$inferSelect;

/** Where a route finds the secret that signs a store's incoming webhooks. */
export type SecretLookup = (env: Cloudflare.Env, store: Store) => Promise<string | null>;

/**
 * The secret that signs this store's incoming webhooks, or null when there is none: the app's
 * client secret for Shopify, the webhook's secret for WooCommerce, the console-issued secret
 * for our own order format. It is the `webhookSecret` field of the store's sealed credentials;
 * a store without one has every signed delivery refused (closed, never open).
 */
export const webhookSecretFor: SecretLookup = async (env, store) => {
  const opened = await openStoreCredentials(env, store);
  const secret = opened?.webhookSecret;
  return typeof secret === 'string' && secret.length > 0 ? secret : null;
};
