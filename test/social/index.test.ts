import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SOCIAL_PLATFORMS, type SocialPlatform, stores } from '../../src/db/schema';
import { seal } from '../../src/lib/credentials';
import { BlueskyAdapter } from '../../src/social/bluesky';
import { FacebookAdapter } from '../../src/social/facebook';
import { adapterFor, socialAdapterFor } from '../../src/social/index';
import { InstagramAdapter } from '../../src/social/instagram';
import { MastodonAdapter } from '../../src/social/mastodon';
import { SandboxAdapter } from '../../src/social/sandbox';
import { TikTokAdapter } from '../../src/social/tiktok';
import type { SocialAdapter } from '../../src/social/types';
import { XAdapter } from '../../src/social/x';
import usersByUsername from '../fixtures/social/x/users-by-username.json';
import user from '../fixtures/social/x/users-by-username.json';
import { db, seedMerchant } from '../helpers/seed';
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

describe('configured API base URLs', () => {
  const STAGING = {
    BLUESKY_APPVIEW_URL: 'https://bsky.farout-staging.dev/xrpc/',
    X_API_URL: 'https://x.farout-staging.dev/2/',
    GRAPH_API_URL: 'https://graph.farout-staging.dev/v25.0/',
    TIKTOK_OEMBED_URL: 'https://tiktok.farout-staging.dev/oembed',
  };
  const PUBLIC = {
    BLUESKY_APPVIEW_URL: 'https://public.api.bsky.app/xrpc/',
    X_API_URL: 'https://api.x.com/2/',
    GRAPH_API_URL: 'https://graph.facebook.com/v25.0/',
    TIKTOK_OEMBED_URL: 'https://www.tiktok.com/oembed',
  };
  const credentials = {
    x: { bearerToken: 'merchant-token' },
    instagram: { igUserId: '17841400000000001', accessToken: 'merchant-token' },
  };
  const LOOKUPS: [SocialPlatform, keyof typeof STAGING, (adapter: SocialAdapter) => unknown][] = [
    [
      'bluesky',
      'BLUESKY_APPVIEW_URL',
      (adapter) => adapter.recentPosts('al.bsky.social', new Date()),
    ],
    ['x', 'X_API_URL', (adapter) => adapter.getPost('alice_runs', '1850000000000000001')],
    ['instagram', 'GRAPH_API_URL', (adapter) => adapter.getPost('alice.runs', '18000000000000001')],
    [
      'tiktok',
      'TIKTOK_OEMBED_URL',
      (adapter) => adapter.getPost('alice', 'https://www.tiktok.com/@alice/video/7'),
    ],
  ];

  it.each(LOOKUPS)('calls %s at %s when it is set', async (platform, variable, lookup) => {
    const { requests } = mockNetwork(() => jsonResponse({}));
    const deps = { env: { ...env, ...STAGING }, db: db(), credentials };

    await lookup(adapterFor(platform, deps));

    expect(requests[0]?.url.startsWith(STAGING[variable])).toBe(true);
  });

  it.each(LOOKUPS)(
    'calls %s at its public API when %s is empty',
    async (platform, variable, lookup) => {
      const { requests } = mockNetwork(() => jsonResponse({}));
      const deps = { env: { ...env, [variable]: '' }, db: db(), credentials };

      await lookup(adapterFor(platform, deps));

      expect(requests[0]?.url.startsWith(PUBLIC[variable])).toBe(true);
    },
  );

  it('refuses a configured address that is not public https and says why', async () => {
    const { requests } = mockNetwork(() => jsonResponse({}));
    const local = { ...env, BLUESKY_APPVIEW_URL: 'http://localhost:2584/xrpc/' };

    const result = await socialAdapterFor(
      local,
      db(),
    )({ platform: 'bluesky' }).recentPosts('al.bsky.social', new Date());

    expect(result).toMatchObject({
      ok: false,
      failure: { kind: 'unsupported', message: expect.stringContaining('Only https') },
    });
    expect(requests).toHaveLength(0);
  });
});

describe('socialAdapterFor on X', () => {
  it("sends the store's own sealed bearer token, and goes to a person without one", async () => {
    const { store } = await seedMerchant();
    const sealed = await seal(env, { x: { bearerToken: 'x-token-0123456789' } }, store.id);
    await db()
      .update(stores)
      .set({ credentialsCiphertext: sealed.ciphertext, credentialsKeyId: sealed.keyId })
      .where(eq(stores.id, store.id));
    const { second } = await seedMerchant().then((other) => ({ second: other.store }));
    const network = mockNetwork(() => Response.json(usersByUsername));
    const factory = socialAdapterFor(env, db());

    await factory({ platform: 'x' }, { storeId: store.id }).recentPosts('someone', new Date(0));
    const without = await factory({ platform: 'x' }, { storeId: second.id }).recentPosts(
      'someone',
      new Date(0),
    );

    expect(network.requests[0]?.headers.get('Authorization')).toBe('Bearer x-token-0123456789');
    expect(without).toMatchObject({ ok: false, failure: { kind: 'unsupported' } });
  });
});
