import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { findSubmission } from '../../src/db/submissions';
import { monitorFor } from '../../src/monitor/post-monitor';
import { db } from '../helpers/seed';
import { addShopper, createWorld, postHonestly, sendEmailThroughResend } from './world';

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

const stateOf = async (id: string) => (await findSubmission(db(), id))?.state;

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
