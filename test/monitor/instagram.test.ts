import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findSubmissionPromoCode } from '../../src/db/promo-codes';
import { findSubmission } from '../../src/db/submissions';
import { monitorFor } from '../../src/monitor/post-monitor';
import mention from '../fixtures/social/instagram/mentioned_media.json';
import {
  connectInstagram,
  INSTAGRAM_CAPTION_MENTION,
  signMeta,
} from '../fixtures/webhooks/instagram';
import { request } from '../helpers/http';
import { postForm } from '../helpers/journey';
import { generatedJourney } from '../helpers/journey-generated';
import { db, seedMerchant } from '../helpers/seed';
import { imageResponse, jsonResponse, mockNetwork } from '../social/fetch-mock';

// The real PostMonitor through its alarm, with only the network replaced: the Graph API answers
// mentioned_media in the shape of test/fixtures/social/instagram, made into the shopper's post.

const HANDLE = mention.mentioned_media.username;
const IMAGE_URL = mention.mentioned_media.media_url;
// One post backs one submission, and D1 is shared by the tests of a file: each has its own id.
let postsMade = 0;
const newMediaId = () => `1804123456789${1000 + ++postsMade}`;
const APP_SECRET = INSTAGRAM_CAPTION_MENTION.secret;

afterEach(() => {
  vi.restoreAllMocks();
});

/** An Instagram submission whose shopper has pressed "go", in a store connected as given. */
async function awaitingInstagramPost(instagram: Record<string, string>) {
  const { campaign, store } = await seedMerchant({ platforms: ['instagram'] });
  await connectInstagram(store.id, instagram);
  const { journeyId, submission } = await generatedJourney(campaign.id, 'instagram', HANDLE);
  await postForm(`/j/${journeyId}/go`, {});

  const current = await findSubmission(db(), submission.id);
  const code = (await findSubmissionPromoCode(db(), submission.id))?.code;
  const object = await env.MEDIA.get(current?.postImageKey ?? '');
  if (!current?.caption || !code || !object) throw new Error('the post was not generated');
  const image = new Uint8Array(await object.arrayBuffer());
  return { id: current.id, storeId: store.id, caption: current.caption, image };
}

/** Meta's mentions delivery for `mediaId`, signed with the store's app secret. */
async function deliverMention(storeId: string, mediaId: string) {
  const body = JSON.stringify({
    object: 'instagram',
    entry: [
      { id: mention.id, time: 1, changes: [{ field: 'mentions', value: { media_id: mediaId } }] },
    ],
  });
  const signature = await signMeta(APP_SECRET, body);
  const response = await request(`/webhooks/instagram/${storeId}`, {
    method: 'POST',
    body,
    headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': signature },
  });
  if (response.status !== 200) throw new Error(`the webhook answered ${response.status}`);
}

/** The Graph API showing the shopper's post as the mentioned media `mediaId`, and its CDN. */
function fakeGraph(mediaId: string, caption: string, image: Uint8Array<ArrayBuffer>) {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, '+0000');
  const media = { ...mention.mentioned_media, id: mediaId, caption, timestamp: now };
  return mockNetwork((url) => {
    if (url.href === IMAGE_URL) return imageResponse(image);
    const fields = url.searchParams.get('fields') ?? '';
    if (fields.startsWith(`mentioned_media.media_id(${mediaId})`)) {
      return jsonResponse({ ...mention, mentioned_media: media });
    }
    return undefined;
  });
}

const runAlarm = (id: string) => runDurableObjectAlarm(monitorFor(env, id));
const stateOf = async (id: string) => (await findSubmission(db(), id))?.state;

describe('the monitor over Instagram mentions', () => {
  it('finds the post through a recorded mention and holds it', async () => {
    const connected = {
      igUserId: mention.id,
      accessToken: 'merchant-token',
      appSecret: APP_SECRET,
    };
    const { id, storeId, caption, image } = await awaitingInstagramPost(connected);
    const mediaId = newMediaId();
    const { requests } = fakeGraph(mediaId, caption, image);
    await deliverMention(storeId, mediaId);

    const ran = await runAlarm(id);

    expect(ran).toBe(true);
    const held = await findSubmission(db(), id);
    expect(held?.state).toBe('holding');
    expect(held?.postId).toBe(mediaId);
    const graph = requests.find((sent) => sent.url.includes('mentioned_media'));
    expect(new URL(graph?.url ?? '').searchParams.get('access_token')).toBe('merchant-token');
  });

  it('keeps looking while no mention has come in, and finds the post once one does', async () => {
    const connected = {
      igUserId: mention.id,
      accessToken: 'merchant-token',
      appSecret: APP_SECRET,
    };
    const { id, storeId, caption, image } = await awaitingInstagramPost(connected);
    const mediaId = newMediaId();
    const { requests } = fakeGraph(mediaId, caption, image);

    await runAlarm(id);
    const before = await stateOf(id);
    const askedBefore = requests.length;
    await deliverMention(storeId, mediaId);
    await runAlarm(id);

    expect(before).toBe('awaiting_post');
    expect(askedBefore).toBe(0);
    expect(await stateOf(id)).toBe('holding');
  });

  it('hands the post to a person when the store has no mentions webhook set up', async () => {
    const { id, caption, image } = await awaitingInstagramPost({
      igUserId: mention.id,
      accessToken: 'merchant-token',
    });
    const mediaId = newMediaId();
    const { requests } = fakeGraph(mediaId, caption, image);

    await runAlarm(id);

    const submission = await findSubmission(db(), id);
    expect(submission?.state).toBe('manual_review');
    expect(submission?.outcomeReason).toContain('mentions webhook');
    expect(requests).toHaveLength(0);
  });
});
