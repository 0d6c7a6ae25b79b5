import { z } from 'zod';
import type { stores } from '../db/schema';
import { authFailure, type StoreDeps } from './http';
import { SandboxStoreAdapter } from './sandbox';
import { ShopifyStoreAdapter } from './shopify';
import type { StoreAdapter } from './types';
import { WebhookStoreAdapter } from './webhook';
import { WooCommerceStoreAdapter } from './woocommerce';

export type {
  ActivatedCode,
  DiscountTerms,
  StoreAdapter,
  StoreFailure,
  StoreResult,
  SwitchedCode,
} from './types';
export { webhookVerificationGuide } from './webhook';

/** The secrets sealed for a Shopify store (its domain is the row's `domain`). */
export const ShopifyCredentials = z.object({ accessToken: z.string().trim().min(1) });

/** WooCommerce generates `ck_` and `cs_` followed by hex; nothing else fits in Basic auth. */
export const WooCommerceCredentials = z.object({
  consumerKey: z
    .string()
    .trim()
    .regex(/^ck_\w+$/),
  consumerSecret: z
    .string()
    .trim()
    .regex(/^cs_\w+$/),
  /** The WordPress address when it is not `https://<domain>` (a site in a folder). */
  siteUrl: z.url({ protocol: /^https$/ }).optional(),
});

/** A webhook store's endpoint and the secret its deliveries are signed with. */
export const WebhookCredentials = z.object({
  url: z.url({ protocol: /^https$/ }),
  secret: z.string().min(16),
});

export type StoreRow = Pick<typeof stores.$inferSelect, 'platform' | 'name' | 'domain'>;

export type StoreAdapterDeps = StoreDeps & {
  /** A campaign in test mode never reaches the real store, whatever its platform. */
  testMode?: boolean;
};

/**
 * The adapter for `store`, given its opened credentials (see src/lib/credentials.ts). Missing or
 * malformed credentials give an adapter that answers every call with an `auth` failure, so the
 * caller treats them like revoked ones: the merchant has to connect the store again.
 */
export function storeAdapterFor(
  store: StoreRow,
  credentials: unknown,
  deps: StoreAdapterDeps = {},
): StoreAdapter {
  const { testMode, ...io } = deps;
  if (testMode || store.platform === 'sandbox') return new SandboxStoreAdapter(store.name);

  switch (store.platform) {
    case 'shopify': {
      const parsed = ShopifyCredentials.safeParse(credentials);
      if (!parsed.success) return unconnected('Shopify');
      return new ShopifyStoreAdapter({ ...io, ...parsed.data, shopDomain: store.domain });
    }
    case 'woocommerce': {
      const parsed = WooCommerceCredentials.safeParse(credentials);
      if (!parsed.success) return unconnected('WooCommerce');
      const siteUrl = parsed.data.siteUrl ?? `https://${store.domain}`;
      return new WooCommerceStoreAdapter({ ...io, ...parsed.data, siteUrl });
    }
    case 'webhook': {
      const parsed = WebhookCredentials.safeParse(credentials);
      if (!parsed.success) return unconnected('webhook');
      return new WebhookStoreAdapter({ ...io, ...parsed.data, shopName: store.name });
    }
  }
}

function unconnected(platform: string): StoreAdapter {
  const refuse = async () =>
    authFailure(
      `The ${platform} connection details are missing or incomplete; connect the store again.`,
    );
  return {
    activateCode: refuse,
    deactivateCode: refuse,
    reactivateCode: refuse,
    testConnection: refuse,
  };
}
