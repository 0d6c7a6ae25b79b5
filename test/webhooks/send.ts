import { env } from 'cloudflare:workers';
import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import type { AppEnv } from '../../src/env';
import { handleError, handleNotFound } from '../../src/lib/error-handler';
import { requestContext } from '../../src/lib/request-context';
import { createWebhookRoutes } from '../../src/routes/webhooks';
import { hmacSha256, toHex } from '../helpers/hmac';

/** base64(HMAC-SHA256(secret, body)), as Shopify and WooCommerce sign. */
export async function signBase64(secret: string, body: string): Promise<string> {
  return btoa(String.fromCharCode(...(await hmacSha256(secret, body))));
}

/** A `FarOut-Signature` header for `body` signed at `unixSeconds`. */
export async function signFarOut(secret: string, body: string, unixSeconds: number) {
  const digest = await hmacSha256(secret, `${unixSeconds}.${body}`);
  return `t=${unixSeconds},v1=${toHex(digest)}`;
}

/**
 * The webhook routes with the app's own middleware and error handler, but with `secret` as
 * every store's webhook secret: the deployed lookup has no secrets to give until the store
 * credentials module lands (see src/webhooks/secrets.ts).
 */
export function webhookApp(secret: string) {
  const app = new Hono<AppEnv>();
  app.use(requestId({ headerName: 'X-Request-Id' }));
  app.use(requestContext);
  app.route('/', createWebhookRoutes({ secretFor: async () => secret }));
  app.onError(handleError);
  app.notFound(handleNotFound);

  return (path: string, body: string, headers: Record<string, string>) =>
    app.request(path, { method: 'POST', body, headers }, env);
}
