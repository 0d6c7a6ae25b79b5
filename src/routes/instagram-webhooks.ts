import { eq } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { stores } from '../db/schema';
import type { AppEnv } from '../env';
import {
  instagramSecretsFor,
  parseMentions,
  recordMentions,
  sameSecret,
  verifyMetaSignature,
} from '../webhooks/instagram';

type Refusal =
  | 'unknown_store'
  | 'no_secret'
  | 'bad_signature'
  | 'bad_verify_token'
  | 'bad_payload'
  | 'too_large';

const REFUSAL_STATUS: Record<Refusal, ContentfulStatusCode> = {
  unknown_store: 404,
  no_secret: 401,
  bad_signature: 401,
  bad_verify_token: 403,
  bad_payload: 400,
  too_large: 413,
};

// Meta batches at most 1,000 changes in one delivery; a mention change is under 200 bytes.
const MAX_BODY_BYTES = 1024 * 1024;
// Meta sends a number as the challenge; anything long is not Meta and is not echoed back.
const MAX_CHALLENGE_LENGTH = 128;

function refuse(c: Context<AppEnv>, reason: Refusal, message: string) {
  const status = REFUSAL_STATUS[reason];
  return c.json({ error: message, status, reason }, status);
}

async function storeOf(c: Context<AppEnv>) {
  const storeId = c.req.param('storeId') ?? '';
  return c.get('db').query.stores.findFirst({ where: eq(stores.id, storeId) });
}

/**
 * Meta's verification request, sent when the merchant saves the callback URL in their app:
 * the challenge is echoed only when the verify token is the one sealed for this store.
 */
async function verifySubscription(c: Context<AppEnv>) {
  const store = await storeOf(c);
  if (!store) return refuse(c, 'unknown_store', 'No store with this id takes these webhooks.');

  const secrets = await instagramSecretsFor(c.env, store);
  const challenge = c.req.query('hub.challenge') ?? '';
  const token = c.req.query('hub.verify_token') ?? '';
  const subscribing = c.req.query('hub.mode') === 'subscribe';
  const tokenMatches = secrets?.verifyToken ? await sameSecret(token, secrets.verifyToken) : false;
  if (!subscribing || !tokenMatches || challenge.length > MAX_CHALLENGE_LENGTH) {
    return refuse(
      c,
      'bad_verify_token',
      'This is not a subscription request with the verify token saved for this store.',
    );
  }
  return c.text(challenge, 200);
}

/**
 * A mentions delivery. It is recorded before the answer: Meta retries a delivery that does not
 * get a 200, so an answer given first would lose the mention if the write then failed. One
 * batched insert keeps the answer well inside Meta's time limit.
 */
async function receiveMentions(c: Context<AppEnv>) {
  const store = await storeOf(c);
  if (!store) return refuse(c, 'unknown_store', 'No store with this id takes these webhooks.');

  // The HMAC covers the exact bytes sent, so the body is read once, raw, before any parsing.
  const body = new Uint8Array(await c.req.arrayBuffer());
  const secrets = await instagramSecretsFor(c.env, store);
  if (!secrets?.appSecret) {
    return refuse(c, 'no_secret', 'This store has not set up its Instagram app secret.');
  }
  const signed = await verifyMetaSignature(
    secrets.appSecret,
    body,
    c.req.header('X-Hub-Signature-256'),
  );
  if (!signed) return refuse(c, 'bad_signature', 'The signature does not match the body.');

  const mentions = parseMentions(body);
  if (!mentions.ok) return refuse(c, mentions.reason, mentions.message);
  const recorded = await recordMentions(c.get('db'), store.id, mentions.value);

  const logger = c.get('logger').with({ storeId: store.id, platform: 'instagram' });
  logger.info('webhook', { topic: 'mentions', received: mentions.value.length, recorded });
  return c.json({ result: 'recorded', recorded }, 200);
}

/**
 * Instagram's mentions webhook, one callback URL per store. Meta's servers carry no session and
 * no Origin; the GET is authenticated by the verify token and each POST by its HMAC.
 */
export const instagramWebhookRoutes = new Hono<AppEnv>()
  .use(
    '/webhooks/instagram/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => refuse(c, 'too_large', 'The body is larger than any mentions delivery.'),
    }),
  )
  .get('/webhooks/instagram/:storeId', verifySubscription)
  .post('/webhooks/instagram/:storeId', receiveMentions);
