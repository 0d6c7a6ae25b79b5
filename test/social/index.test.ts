import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SOCIAL_PLATFORMS } from '../../src/db/schema';
import { BlueskyAdapter } from '../../src/social/bluesky';
import { FacebookAdapter } from '../../src/social/facebook';
import { adapterFor, socialAdapterFor } from '../../src/social/index';
import { InstagramAdapter } from '../../src/social/instagram';
import { MastodonAdapter } from '../../src/social/mastodon';
import { SandboxAdapter } from '../../src/social/sandbox';
import { TikTokAdapter } from '../../src/social/tiktok';
import { XAdapter } from '../../src/social/x';
import user from '../fixtures/social/x/users-by-username.json';
import { db } from '../helpers/seed';
import { jsonResponse, mockNetwork } from './fetch-mock';

afterEach(() => {
  vi.restoreAllMocks();
});

const EXPECTED = {
  instagram: InstagramAdapter,
  bluesky: BlueskyAdapter,
  mastodon: MastodonAdapter,
  x: XAdapter,
  tiktok: TikTokAdapter,
  facebook: FacebookAdapter,
  sandbox: SandboxAdapter,
};

describe('adapterFor', () => {
  it.each(SOCIAL_PLATFORMS)('gives the %s adapter', (platform) => {
    const adapter = adapterFor(platform, { env, db: db() });

    expect(adapter).toBeInstanceOf(EXPECTED[platform]);
  });

  it('hands the merchant’s X token and the given fetch to the X adapter', async () => {
    const global = mockNetwork(() => jsonResponse(user));
    const given = vi.fn<typeof fetch>(async () => jsonResponse({ meta: { result_count: 0 } }));
    const x = adapterFor('x', {
      env,
      db: db(),
      credentials: { x: { bearerToken: 'merchant-token' } },
      fetch: given,
    });

    await x.recentPosts('alice_runs', new Date());

    const [input, init] = given.mock.calls[0] ?? [];
    expect(String(input)).toContain('https://api.x.com/2/users/by/username/alice_runs');
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer merchant-token');
    expect(global.requests).toHaveLength(0);
  });

  it('sends X to manual review when the merchant has no credentials', async () => {
    const x = adapterFor('x', { env, db: db() });

    const result = await x.recentPosts('alice_runs', new Date());

    expect(result).toMatchObject({ ok: false, failure: { kind: 'unsupported' } });
  });
});

describe('socialAdapterFor', () => {
  it('picks the adapter from each submission’s platform', () => {
    const forSubmission = socialAdapterFor(env, db());

    expect(forSubmission({ platform: 'bluesky' })).toBeInstanceOf(BlueskyAdapter);
    expect(forSubmission({ platform: 'sandbox' })).toBeInstanceOf(SandboxAdapter);
  });
});
