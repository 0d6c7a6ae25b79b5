import {
  abortAllDurableObjects,
  createExecutionContext,
  createScheduledController,
  runDurableObjectAlarm,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { submissions } from '../../src/db/schema';
import { findSubmission } from '../../src/db/submissions';
import worker from '../../src/index';
import { monitorFor } from '../../src/monitor/post-monitor';
import { db } from '../helpers/seed';
import {
  addShopper,
  createWorld,
  heldToTheEnd,
  postHonestly,
  sendEmailThroughResend,
} from './world';

let restoreEmail: () => void;

beforeAll(() => {
  restoreEmail = sendEmailThroughResend();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterAll(() => {
  restoreEmail();
  vi.restoreAllMocks();
});

const runAlarm = (id: string) => runDurableObjectAlarm(monitorFor(env, id));

async function cronAt(scheduledTime: number) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** A held Bluesky post whose 24-hour hold is over: its next check verifies it. */

const stateOf = async (id: string) => (await findSubmission(db(), id))?.state;

async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

describe('a post picture that arrives unreadable', () => {
  it.each(['malformed', 'truncated'] as const)(
    'is looked at again later instead of rejecting the post (%s)',
    async (kind) => {
      const world = await createWorld(11);
      const shopper = await addShopper(world);
      postHonestly(world, shopper);
      world.network.setKinds([kind]);
      world.network.setShare(1, 'bluesky-cdn');

      await runAlarm(shopper.submissionId);
      const meanwhile = await stateOf(shopper.submissionId);
      world.network.setShare(0);
      await runAlarm(shopper.submissionId);

      expect(world.network.counts['bluesky-cdn']?.faults[kind]).toBe(1);
      expect(meanwhile).toBe('found');
      expect(await stateOf(shopper.submissionId)).toBe('holding');
    },
  );
});

describe('a reset of the monitor in the middle of an activation', () => {
  it('leaves the verified submission where the cron finds it and activates its code once', async () => {
    const world = await createWorld(7);
    const shopper = await heldToTheEnd(world);
    world.network.setKinds(['timeout']);
    world.network.setShare(1, 'shopify');
    // Cut off by the reset long before that: the call hangs while the object is reset.
    world.network.allowHangs(1, 500);

    const alarm = runAlarm(shopper.submissionId).catch(() => 'reset');
    await until(() => (world.network.counts.shopify?.calls ?? 0) > 0);
    await abortAllDurableObjects();
    const stranded = await findSubmission(db(), shopper.submissionId);
    world.network.setShare(0);
    await cronAt(Date.now() + 10 * 60_000);
    const ran = await runAlarm(shopper.submissionId);

    expect(await alarm).toBe('reset');
    expect(stranded?.state).toBe('verified');
    expect(ran).toBe(true);
    expect(await stateOf(shopper.submissionId)).toBe('activated');
    expect([...world.shopify.made.values()]).toEqual([1]);
  });
});

describe('a post that already backs another submission', () => {
  it('is refused for the second one instead of failing its every check', async () => {
    const world = await createWorld(13);
    const first = await addShopper(world);
    const second = await addShopper(world);
    postHonestly(world, first);
    await runAlarm(first.submissionId);
    // The same shopper's second order: one post carrying both codes.
    const post = world.bluesky.posts.get(first.postUri ?? '');
    if (!post) throw new Error('no post');
    post.text = `${post.text} ${second.code}`;
    await db()
      .update(submissions)
      .set({ handle: first.handle })
      .where(eq(submissions.id, second.submissionId));

    const ran = await runAlarm(second.submissionId);

    const refused = await findSubmission(db(), second.submissionId);
    expect(ran).toBe(true);
    expect(refused?.state).toBe('rejected');
    expect(refused?.outcomeReason).toContain('another order');
    expect(await stateOf(first.submissionId)).toBe('holding');
  });
});
