import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type STORE_PLATFORMS, stores } from '../db/schema';
import type { AppEnv } from '../env';
import type {
  Delivery,
  DeliveryContext,
  DeliveryFailure,
  DeliveryResult,
} from '../webhooks/delivery';
import { receiveFarOutOrder } from '../webhooks/farout-orders';
import { type SecretLookup, webhookSecretFor } from '../webhooks/secrets';
import { receiveShopify } from '../webhooks/shopify';
import { receiveWooCommerce } from '../webhooks/woocommerce';

type Refusal = DeliveryFailure | 'unknown_store' | 'too_large';
type Receiver = (ctx: DeliveryContext, delivery: Delivery) => Promise<DeliveryResult>;

const REFUSAL_STATUS: Record<Refusal, ContentfulStatusCode> = {
  bad_payload: 400,
  no_secret: 401,
  bad_signature: 401,
  unknown_store: 404,
  replay: 409,
  too_large: 413,
};

// Far above a real order body (Shopify's largest orders are a few hundred KB), far below what
// would strain a Worker's memory before the signature is even checked.
const MAX_BODY_BYTES = 4 * 1024 * 1024;

function refuse(c: Context<AppEnv>, reason: Refusal, message: string) {
  const status = REFUSAL_STATUS[reason];
  return c.json({ error: message, status, reason }, status);
}

function topicOf(c: Context<AppEnv>): string {
  return c.req.header('X-Shopify-Topic') ?? c.req.header('X-WC-Webhook-Topic') ?? 'order';
}

export type WebhookRouteOptions = { secretFor: SecretLookup };

/**
 * Incoming order and compliance webhooks, with the secret lookup passed in so tests can sign
 * with a secret of their own. Senders are servers, not browsers: they carry no session and no
 * Origin, and every request is authenticated by its HMAC instead.
 */
export function createWebhookRoutes({ secretFor }: WebhookRouteOptions) {
  const receive =
    (platform: (typeof STORE_PLATFORMS)[number] | null, receiver: Receiver) =>
    async (c: Context<AppEnv>) => {
      const db = c.get('db');
      const storeId = c.req.param('storeId') ?? '';
      const store = await db.query.stores.findFirst({ where: eq(stores.id, storeId) });
      if (!store || (platform && store.platform !== platform)) {
        return refuse(c, 'unknown_store', 'No store with this id takes these webhooks.');
      }

      // The HMAC covers the exact bytes sent, so the body is read once, raw, before any parsing.
      const body = new Uint8Array(await c.req.arrayBuffer());
      const secret = await secretFor(c.env, store);
      const logger = c.get('logger').with({ storeId, platform: platform ?? 'farout' });
      const context = { db, media: c.env.MEDIA, logger, now: Date.now() };
      const outcome = await receiver(context, { store, body, headers: c.req.header(), secret });

      logger.info('webhook', {
        topic: topicOf(c),
        ...(outcome.ok ? outcome.value : { refused: outcome.reason }),
      });
      return outcome.ok ? c.json(outcome.value, 200) : refuse(c, outcome.reason, outcome.message);
    };

  return new Hono<AppEnv>()
    .use(
      '/webhooks/*',
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        onError: (c) => refuse(c, 'too_large', 'The body is larger than any order we accept.'),
      }),
    )
    .post('/webhooks/shopify/:storeId', receive('shopify', receiveShopify))
    .post('/webhooks/woocommerce/:storeId', receive('woocommerce', receiveWooCommerce))
    .post('/webhooks/orders/:storeId', receive(null, receiveFarOutOrder));
}

/** The webhook routes as deployed, reading each store's secret from its credentials. */
export const webhookRoutes = createWebhookRoutes({ secretFor: webhookSecretFor });
