import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { instagramMentions } from '../../src/db/schema';
import {
  connectInstagram,
  INSTAGRAM_CAPTION_MENTION,
  INSTAGRAM_COMMENT_MENTION_BODY,
  signMeta,
} from '../fixtures/webhooks/instagram';
import { request } from '../helpers/http';
import { db, seedMerchant } from '../helpers/seed';

const VERIFY_TOKEN = 'the-word-the-merchant-typed';
const CHALLENGE = '1158201444';
const SAMPLE_MEDIA_ID = JSON.parse(INSTAGRAM_CAPTION_MENTION.body).entry[0].changes[0].value
  .media_id as string;

/** A store whose Instagram app signs with the recorded sample's secret. */
async function connectedStore() {
  const { store } = await seedMerchant();
  await connectInstagram(store.id, {
    appSecret: INSTAGRAM_CAPTION_MENTION.secret,
    verifyToken: VERIFY_TOKEN,
  });
  return store;
}

const handshake = (storeId: string, query: Record<string, string>) =>
  request(`/webhooks/instagram/${storeId}?${new URLSearchParams(query)}`);

const deliver = (storeId: string, body: string, headers: Record<string, string>) =>
  request(`/webhooks/instagram/${storeId}`, { method: 'POST', body, headers });

const mentionsOf = (storeId: string) =>
  db().select().from(instagramMentions).where(eq(instagramMentions.storeId, storeId));

describe('Instagram webhook verification handshake', () => {
  it('answers the challenge as plain text when the verify token matches', async () => {
    const store = await connectedStore();

    const response = await handshake(store.id, {
      'hub.mode': 'subscribe',
      'hub.challenge': CHALLENGE,
      'hub.verify_token': VERIFY_TOKEN,
    });

    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe(CHALLENGE);
  });

  it.each([
    ['a wrong verify token', { 'hub.mode': 'subscribe', 'hub.verify_token': 'guess' }],
    [
      'a mode other than subscribe',
      { 'hub.mode': 'unsubscribe', 'hub.verify_token': VERIFY_TOKEN },
    ],
    ['no verify token', { 'hub.mode': 'subscribe' }],
  ])('refuses with 403 on %s', async (_, query) => {
    const store = await connectedStore();

    const response = await handshake(store.id, { ...query, 'hub.challenge': CHALLENGE });

    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain(CHALLENGE);
  });

  it('refuses with 403 when the store has set no verify token', async () => {
    const { store } = await seedMerchant();

    const response = await handshake(store.id, {
      'hub.mode': 'subscribe',
      'hub.challenge': CHALLENGE,
      'hub.verify_token': '',
    });

    expect(response.status).toBe(403);
  });

  it('answers 404 for a store that does not exist', async () => {
    const response = await handshake('sto_missing', {
      'hub.mode': 'subscribe',
      'hub.challenge': CHALLENGE,
      'hub.verify_token': VERIFY_TOKEN,
    });

    expect(response.status).toBe(404);
  });
});

describe('Instagram mentions deliveries', () => {
  it('records a signed caption mention once, however often Meta sends it', async () => {
    const store = await connectedStore();
    const { body, headers } = INSTAGRAM_CAPTION_MENTION;

    const first = await deliver(store.id, body, headers);
    const again = await deliver(store.id, body, headers);

    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await first.json()).toEqual({ result: 'recorded', recorded: 1 });
    expect(await again.json()).toEqual({ result: 'recorded', recorded: 0 });
    const rows = await mentionsOf(store.id);
    expect(rows.map((row) => [row.mediaId, row.commentId])).toEqual([[SAMPLE_MEDIA_ID, null]]);
  });

  it('records the comment of a comment mention, signed with the store’s secret', async () => {
    const store = await connectedStore();
    const body = INSTAGRAM_COMMENT_MENTION_BODY;
    const expected = JSON.parse(body).entry[0].changes[0].value;
    const signature = await signMeta(INSTAGRAM_CAPTION_MENTION.secret, body);

    const response = await deliver(store.id, body, { 'X-Hub-Signature-256': signature });

    expect(response.status).toBe(200);
    const rows = await mentionsOf(store.id);
    expect(rows.map((row) => [row.mediaId, row.commentId])).toEqual([
      [expected.media_id, expected.comment_id],
    ]);
  });

  it.each([
    ['signed with another secret', async (body: string) => signMeta('not-the-secret', body)],
    [
      'signed over other bytes',
      async (body: string) => signMeta(INSTAGRAM_CAPTION_MENTION.secret, `${body} `),
    ],
    [
      'without the sha256= prefix',
      async () => INSTAGRAM_CAPTION_MENTION.headers['X-Hub-Signature-256'].slice(7),
    ],
  ])('refuses a delivery %s with 401 and records nothing', async (_, sign) => {
    const store = await connectedStore();
    const { body } = INSTAGRAM_CAPTION_MENTION;

    const response = await deliver(store.id, body, { 'X-Hub-Signature-256': await sign(body) });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: 401, reason: 'bad_signature' });
    expect(await mentionsOf(store.id)).toHaveLength(0);
  });

  it('refuses a signed delivery with 401 while the store has no app secret', async () => {
    const { store } = await seedMerchant();
    const { body, headers } = INSTAGRAM_CAPTION_MENTION;

    const response = await deliver(store.id, body, headers);

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: 401, reason: 'no_secret' });
  });

  it('refuses a signed body that is not a webhook envelope with 400', async () => {
    const store = await connectedStore();
    const body = '{"object":"instagram","entry":"none"}';
    const signature = await signMeta(INSTAGRAM_CAPTION_MENTION.secret, body);

    const response = await deliver(store.id, body, { 'X-Hub-Signature-256': signature });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: 400, reason: 'bad_payload' });
  });

  it('answers 404 with a reason for a store that does not exist', async () => {
    const { body, headers } = INSTAGRAM_CAPTION_MENTION;

    const response = await deliver('sto_missing', body, headers);

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ status: 404, reason: 'unknown_store' });
  });
});
