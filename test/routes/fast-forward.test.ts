import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { createSandboxPost } from '../../src/db/sandbox-posts';
import { findSubmission } from '../../src/db/submissions';
import { monitorFor } from '../../src/monitor/post-monitor';
import { request } from '../helpers/http';
import { postForm } from '../helpers/journey';
import { generatedJourney } from '../helpers/journey-generated';
import { db, seedMerchant } from '../helpers/seed';

async function postedSubmission(testMode: boolean) {
  const { campaign } = await seedMerchant({ testMode, platforms: ['sandbox', 'bluesky'] });
  const platform = testMode ? 'sandbox' : 'bluesky';
  const { journeyId, submission } = await generatedJourney(campaign.id, platform, 'me.bsky.social');
  await postForm(`/j/${journeyId}/go`, {});
  const current = await findSubmission(db(), submission.id);
  await createSandboxPost(db(), env.MEDIA, {
    handle: current?.handle ?? '',
    caption: current?.caption ?? '',
    sourceImageKey: current?.postImageKey ?? '',
  });
  return submission.id;
}

const stateOf = async (id: string) => (await findSubmission(db(), id))?.state;

describe('test mode fast-forward on the status page', () => {
  it('runs the checks now and skips the hold, reaching the live code', async () => {
    const submissionId = await postedSubmission(true);
    const monitor = monitorFor(env, submissionId);

    const page = await (await request(`/s/${submissionId}`)).text();
    const first = await postForm(`/s/${submissionId}/fast-forward`, {});
    // The alarm is due at once: the runtime may start it before the test does.
    await runDurableObjectAlarm(monitor);
    await vi.waitFor(async () => expect(await stateOf(submissionId)).toBe('holding'));
    await postForm(`/s/${submissionId}/fast-forward`, {});
    await runDurableObjectAlarm(monitor);
    await vi.waitFor(async () => expect(await stateOf(submissionId)).toBe('activated'));
    const done = await (await request(`/s/${submissionId}`)).text();

    expect(page).toContain('Check now');
    expect(first.status).toBe(303);
    expect(done).toContain('Your code is active');
  });

  it('is refused outside test mode', async () => {
    const submissionId = await postedSubmission(false);

    const page = await (await request(`/s/${submissionId}`)).text();
    const response = await postForm(`/s/${submissionId}/fast-forward`, {});

    expect(page).not.toContain('Check now');
    expect(response.status).toBe(409);
    expect(await response.text()).toContain('Only test-mode campaigns');
  });
});
