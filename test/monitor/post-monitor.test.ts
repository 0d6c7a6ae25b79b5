import { listDurableObjectIds, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { monitorFor, type PostMonitor } from '../../src/monitor/post-monitor';

describe('PostMonitor', () => {
  it('runs its alarm once when armed, and keeps no alarm afterwards', async () => {
    const monitor = monitorFor(env, 'sub_alarm');
    const at = Date.now() + 60_000;

    await monitor.arm('sub_alarm', at);
    const before = await monitor.describe();
    const ran = await runDurableObjectAlarm(monitor);
    const after = await monitor.describe();
    const ranAgain = await runDurableObjectAlarm(monitor);

    expect(before).toMatchObject({ submissionId: 'sub_alarm', runs: 0, nextAlarmAt: at });
    expect(ran).toBe(true);
    expect(after).toMatchObject({ submissionId: 'sub_alarm', runs: 1, nextAlarmAt: null });
    expect(after.lastRunAt).toBeTypeOf('number');
    expect(ranAgain).toBe(false);
  });

  it('moves the alarm when armed again instead of adding a second one', async () => {
    const monitor = monitorFor(env, 'sub_rearm');

    await monitor.arm('sub_rearm', Date.now() + 60_000);
    await monitor.arm('sub_rearm', Date.now() + 120_000);

    const alarm = await runInDurableObject(monitor, (_: PostMonitor, state) =>
      state.storage.getAlarm(),
    );
    expect(alarm).toBeGreaterThan(Date.now() + 60_000);
  });

  it('gives each submission its own object', async () => {
    const first = monitorFor(env, 'sub_a');
    const second = monitorFor(env, 'sub_b');
    await first.arm('sub_a', Date.now() + 60_000);
    await second.arm('sub_b', Date.now() + 60_000);

    const ids = (await listDurableObjectIds(env.POST_MONITOR)).map((id) => id.toString());
    expect(first.id.toString()).not.toBe(second.id.toString());
    expect(ids).toEqual(expect.arrayContaining([first.id.toString(), second.id.toString()]));
    expect(await second.describe()).toMatchObject({ submissionId: 'sub_b' });
  });
});
