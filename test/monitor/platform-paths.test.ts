import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findSubmissionPromoCode } from '../../src/db/promo-codes';
import { submissions } from '../../src/db/schema';
import { findSubmission, listSubmissionEvents, type Submission } from '../../src/db/submissions';
import { monitorFor, type PostMonitor } from '../../src/monitor/post-monitor';
import { encodePhoto } from '../fixtures/media/photo-fixtures';
import authorFeed from '../fixtures/social/bluesky/getAuthorFeed.json';
import deletedPosts from '../fixtures/social/bluesky/getPosts.deleted.json';
import { postForm } from '../helpers/journey';
import { generatedJourney } from '../helpers/journey-generated';
import { db, seedMerchant } from '../helpers/seed';
import { type FakeServer, imageResponse, jsonResponse, mockNetwork } from '../social/fetch-mock';

// Every path here drives the real PostMonitor through its alarm, with only the network replaced:
// Bluesky answers with the shapes of test/fixtures/social/bluesky, adjusted to this submission.
// Each alarm these paths set is a minute or more ahead (first look, retry backoff, search and
// hold schedules), so none fires by itself while a test runs; `runDurableObjectAlarm` runs it.

const HANDLE = 'shopper.bsky.social';
const HOLD_HOURS = 24;
const SEARCH_HOURS = 72;
const HOUR = 3_600_000;

afterEach(() => {
  vi.restoreAllMocks();
});

const [feedItem, olderItem] = authorFeed.feed;
if (!feedItem || !olderItem) throw new Error('the getAuthorFeed fixture has two posts');
const FIXTURE_POST = feedItem.post;

/** What the fake Bluesky shows; a test changes it between alarm runs. */
type Platform = {
  /** The at:// URI of the shopper's post: one post can back one submission only. */
  uri: string;
  /** The text of the shopper's new post, or null while they have not posted. */
  text: string | null;
  /** What the CDN answers for the post's pictures. */
  image: Uint8Array<ArrayBuffer>;
  /** getPosts no longer shows the post (deleted or hidden). */
  removed: boolean;
  /** The AppView answers 502 to everything. */
  down: boolean;
};

let postsMade = 0;

/** A new post URI in the fixture's repository, with a record key of its own. */
const newPostUri = () => FIXTURE_POST.uri.replace(/[^/]+$/, `3lbh2ykqv5k${++postsMade}a`);

/** The fixture's post with pictures, as the shopper's post of now at `uri` with `text`. */
function shopperPost(uri: string, text: string) {
  const { facets: _facets, ...record } = FIXTURE_POST.record;
  const now = new Date().toISOString();
  return {
    ...FIXTURE_POST,
    uri,
    author: { ...FIXTURE_POST.author, handle: HANDLE },
    record: { ...record, text, createdAt: now },
    indexedAt: now,
  };
}

function fakeBluesky(platform: Platform): FakeServer {
  return (url) => {
    if (platform.down) return new Response('upstream unavailable', { status: 502 });
    const post = platform.text === null ? null : shopperPost(platform.uri, platform.text);

    if (url.pathname.endsWith('/app.bsky.feed.getAuthorFeed')) {
      const feed = post ? [{ post }, olderItem] : [olderItem];
      return jsonResponse({ ...authorFeed, feed });
    }
    if (url.pathname.endsWith('/app.bsky.feed.getPosts')) {
      return jsonResponse(platform.removed || !post ? deletedPosts : { posts: [post] });
    }
    if (url.hostname === 'cdn.bsky.app') return imageResponse(platform.image);
    return undefined;
  };
}

/** A Bluesky submission whose shopper has pressed "go", with the fake platform in place. */
async function awaitingPost(
  changes: (caption: string, code: string) => Partial<Platform> = () => ({}),
  campaignChanges: Parameters<typeof seedMerchant>[0] = {},
) {
  const { campaign } = await seedMerchant({
    platforms: ['bluesky'],
    holdHours: HOLD_HOURS,
    searchHours: SEARCH_HOURS,
    ...campaignChanges,
  });
  const { journeyId, submission } = await generatedJourney(campaign.id, 'bluesky', HANDLE);
  await postForm(`/j/${journeyId}/go`, {});

  const current = await findSubmission(db(), submission.id);
  const code = (await findSubmissionPromoCode(db(), submission.id))?.code;
  const object = await env.MEDIA.get(current?.postImageKey ?? '');
  if (!current?.caption || !code || !object) throw new Error('the post was not generated');

  const ours = new Uint8Array(await object.arrayBuffer());
  const platform: Platform = {
    uri: newPostUri(),
    text: current.caption,
    image: ours,
    removed: false,
    down: false,
  };
  Object.assign(platform, changes(current.caption, code));
  const network = mockNetwork(fakeBluesky(platform));
  return { id: current.id, platform, network };
}

const runAlarm = (id: string) => runDurableObjectAlarm(monitorFor(env, id));

const stored = async (id: string) => {
  const submission = await findSubmission(db(), id);
  if (!submission) throw new Error(`no submission ${id}`);
  return submission;
};

async function transitions(id: string) {
  const events = await listSubmissionEvents(db(), id);
  return events.filter((event) => event.kind === 'transition').map((event) => event.toState);
}

const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR);

/** Moves the submission's times in D1, as if they had passed. */
async function moveTimes(id: string, changes: Partial<Submission>) {
  await db().update(submissions).set(changes).where(eq(submissions.id, id));
}

/** Moves the post's publication back past the hold, so the next check ends it. */
const endHold = (id: string) =>
  moveTimes(id, { postedAt: hoursAgo(HOLD_HOURS + 1), firstSeenAt: hoursAgo(HOLD_HOURS + 1) });

describe('the monitor over Bluesky’s real answers', () => {
  it('finds the post, holds it, and verifies it at the end of the hold', async () => {
    const { id, network, platform } = await awaitingPost();

    const first = await runAlarm(id);
    const held = await stored(id);
    await endHold(id);
    const second = await runAlarm(id);

    expect([first, second]).toEqual([true, true]);
    expect(held.state).toBe('holding');
    expect(held.postId).toBe(platform.uri);
    expect(await transitions(id)).toEqual([
      'generated',
      'awaiting_post',
      'found',
      'holding',
      'verified',
      'activated',
    ]);
    expect((await findSubmissionPromoCode(db(), id))?.status).toBe('active');
    const asked = network.requests.map((request) => new URL(request.url));
    expect(
      asked.find((url) => url.pathname.endsWith('getAuthorFeed'))?.searchParams.get('actor'),
    ).toBe(HANDLE);
    expect(asked.find((url) => url.pathname.endsWith('getPosts'))?.searchParams.get('uris')).toBe(
      platform.uri,
    );
  });

  it('checks the caption as it was built, when the length limit cut the comment out', async () => {
    // Twelve long hashtags leave no room in Bluesky's 300 graphemes for the comment "Great".
    const hashtags = Array.from({ length: 12 }, (_, i) => `#roastersoftheweek${i}x`);
    const { id, platform } = await awaitingPost(() => ({}), { hashtags });

    await runAlarm(id);

    expect(platform.text).not.toContain('Great');
    expect((await stored(id)).state).toBe('holding');
  });

  it('records the post’s engagement at each check', async () => {
    const { id } = await awaitingPost();

    await runAlarm(id);
    await endHold(id);
    await runAlarm(id);

    const events = await listSubmissionEvents(db(), id);
    const engagement = events.filter((event) => event.kind === 'engagement');
    const { likeCount: likes, repostCount: reposts, replyCount: replies } = FIXTURE_POST;
    expect(engagement.map((event) => event.data)).toEqual([
      { likes, reposts, replies },
      { likes, reposts, replies },
    ]);
  });

  it('expires when the shopper never posts and the deadline passes', async () => {
    const { id } = await awaitingPost(() => ({ text: null }));

    await runAlarm(id);
    const looking = await stored(id);
    await moveTimes(id, { deadlineAt: hoursAgo(1) });
    await runAlarm(id);

    expect(looking.state).toBe('awaiting_post');
    const expired = await stored(id);
    expect(expired.state).toBe('expired');
    expect(expired.outcomeReason).toContain(`${SEARCH_HOURS} hours`);
  });

  it('marks the submission removed when getPosts stops showing the post in the hold', async () => {
    const { id, platform } = await awaitingPost();
    await runAlarm(id);

    platform.removed = true;
    await runAlarm(id);

    const removed = await stored(id);
    expect(removed.state).toBe('removed');
    expect(removed.outcomeReason).toContain('deleted or hidden');
    const events = await listSubmissionEvents(db(), id);
    expect(events.find((event) => event.kind === 'duration')?.data).toEqual({ passed: false });
  });

  it('rejects a post whose picture is not the post image', async () => {
    const { id } = await awaitingPost(() => ({
      image: new Uint8Array(encodePhoto('jpeg', 1080, 1350)),
    }));

    await runAlarm(id);

    const rejected = await stored(id);
    expect(rejected.state).toBe('rejected');
    expect(rejected.outcomeReason).toBe('The image in the post does not match your post image.');
    const events = await listSubmissionEvents(db(), id);
    expect(events.find((event) => event.kind === 'image')?.data).toMatchObject({ passed: false });
  });

  it('keeps looking while the caption lacks the promo code, then expires', async () => {
    const { id } = await awaitingPost((caption, code) => ({ text: caption.replaceAll(code, '') }));

    await runAlarm(id);
    const looking = await stored(id);
    const described = await monitorFor(env, id).describe();
    await moveTimes(id, { deadlineAt: hoursAgo(1) });
    await runAlarm(id);

    expect(looking.state).toBe('awaiting_post');
    expect(described.counters.looks).toBe(1);
    expect(described.nextAlarmAt).toBe(looking.nextCheckAt?.getTime());
    expect((await stored(id)).state).toBe('expired');
    expect(await transitions(id)).not.toContain('found');
  });

  it('rejects a post whose caption carries offensive words', async () => {
    const { id } = await awaitingPost((caption) => ({ text: `${caption}\nThis shop is shit` }));

    await runAlarm(id);

    const rejected = await stored(id);
    expect(rejected.state).toBe('rejected');
    expect(rejected.outcomeReason).toBe('The caption contains words the store does not allow.');
  });

  it('waits out a platform outage without holding it against the shopper', async () => {
    const { id, platform } = await awaitingPost(() => ({ down: true }));
    const monitor = monitorFor(env, id);
    const failures: number[] = [];
    const states: string[] = [];

    for (let attempt = 0; attempt < 3; attempt++) {
      await runAlarm(id);
      failures.push((await monitor.describe()).counters.failures);
      states.push((await stored(id)).state);
    }
    platform.down = false;
    await runAlarm(id);
    failures.push((await monitor.describe()).counters.failures);
    states.push((await stored(id)).state);
    await endHold(id);
    await runAlarm(id);

    expect(failures).toEqual([1, 2, 3, 0]);
    expect(states).toEqual(['awaiting_post', 'awaiting_post', 'awaiting_post', 'holding']);
    expect(await transitions(id)).toEqual([
      'generated',
      'awaiting_post',
      'found',
      'holding',
      'verified',
      'activated',
    ]);
  });

  it('makes one decision when the same alarm runs twice', async () => {
    const { id } = await awaitingPost();
    const monitor = monitorFor(env, id);
    await runAlarm(id);
    await endHold(id);

    await runAlarm(id);
    // Delivered again, as the runtime does with an alarm whose handler it saw fail.
    await runInDurableObject(monitor, (instance: PostMonitor) => instance.alarm());

    const states = await transitions(id);
    expect(states.filter((state) => state === 'verified')).toHaveLength(1);
    expect(states.filter((state) => state === 'activated')).toHaveLength(1);
    expect((await monitor.describe()).runs).toBe(3);
    expect((await stored(id)).state).toBe('activated');
  });
});
