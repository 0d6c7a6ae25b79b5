import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { type SocialPlatform, stores } from '../db/schema';
import { openStoreCredentials } from '../lib/credentials';
import { instagramSecretsFor, recentMentionIds } from '../webhooks/instagram';
import { BlueskyAdapter } from './bluesky';
import { FacebookAdapter } from './facebook';
import { InstagramAdapter, type InstagramOptions } from './instagram';
import { MastodonAdapter } from './mastodon';
import { SandboxAdapter } from './sandbox';
import { TikTokAdapter } from './tiktok';
import type { FoundPost, LookupResult, SocialAdapter } from './types';
import { XAdapter, type XOptions } from './x';

export type { FoundPost, LookupFailure, LookupResult, SocialAdapter } from './types';

/** The merchant's own credentials per platform, for the platforms that need them. */
export type PlatformCredentials = {
  x?: Omit<XOptions, 'fetch' | 'baseUrl'>;
  instagram?: Omit<InstagramOptions, 'fetch' | 'baseUrl'>;
};

export type AdapterDeps = {
  env: Cloudflare.Env;
  db: Database;
  credentials?: PlatformCredentials;
  /** The `fetch` every outgoing request uses; the global one when absent. */
  fetch?: typeof fetch;
};

// A variable set to "" (or left out of a test's bindings) means the platform's public API.
const configured = (value: string | undefined) => value?.trim() || undefined;

/**
 * The adapter that looks up posts on `platform`, calling the API base URLs of `env` where they
 * are set. Configured URLs pass the same address check as any other (see `ApiDeps` in ./http).
 */
export function adapterFor(platform: SocialPlatform, deps: AdapterDeps): SocialAdapter {
  const { env, fetch } = deps;

  switch (platform) {
    case 'bluesky':
      return new BlueskyAdapter({ baseUrl: configured(env.BLUESKY_APPVIEW_URL), fetch });
    case 'mastodon':
      return new MastodonAdapter({ fetch });
    case 'x':
      return new XAdapter({
        ...deps.credentials?.x,
        baseUrl: configured(env.X_API_URL),
        fetch,
      });
    case 'instagram':
      return new InstagramAdapter({
        ...deps.credentials?.instagram,
        baseUrl: configured(env.GRAPH_API_URL),
        fetch,
      });
    case 'tiktok':
      return new TikTokAdapter({ baseUrl: configured(env.TIKTOK_OEMBED_URL), fetch });
    case 'facebook':
      return new FacebookAdapter();
    case 'sandbox':
      return new SandboxAdapter({
        db: deps.db,
        bucket: deps.env.MEDIA,
        origin: deps.env.PUBLIC_ORIGIN,
      });
  }
}

/** What `socialAdapterFor` reads of a submission: Instagram also needs when they went to post. */
export type SubmissionForLookup = {
  platform: SocialPlatform;
  leftForPlatformAt?: Date | null;
  createdAt?: Date | null;
};

/**
 * `adapterFor` bound to one Worker's bindings, picking the platform from each submission.
 * Instagram reads the campaign's store: its sealed credentials, and the media ids its mentions
 * webhook recorded. X reads the store's bearer token (`x.bearerToken` in its sealed
 * credentials); without one, X posts go to manual review.
 */
export function socialAdapterFor(
  env: Cloudflare.Env,
  db: Database,
): (submission: SubmissionForLookup, campaign?: { storeId: string }) => SocialAdapter {
  return (submission, campaign) => {
    if (submission.platform === 'x' && campaign) {
      return new LazyAdapter(() => storeX({ env, db }, campaign.storeId));
    }
    if (submission.platform !== 'instagram' || !campaign) {
      return adapterFor(submission.platform, { env, db });
    }
    const went = submission.leftForPlatformAt ?? submission.createdAt ?? new Date();
    const since = new Date(went.getTime() - MENTION_LOOK_BACK_MS);
    return new LazyAdapter(() => storeInstagram({ env, db }, campaign.storeId, since));
  };
}

// The same margin the monitor gives the post itself (search.ts): some shoppers post, then press.
const MENTION_LOOK_BACK_MS = 30 * 60 * 1000;

/** The Instagram adapter of one store, with its credentials and the mentions since `since`. */
async function storeInstagram(
  deps: AdapterDeps,
  storeId: string,
  since: Date,
): Promise<SocialAdapter> {
  const store = await deps.db.query.stores.findFirst({ where: eq(stores.id, storeId) });
  // Credentials that cannot be opened count as none, so the post goes to manual review. Known
  // gap: the reason (corrupt row, retired key) is not logged here, as AdapterDeps has no logger;
  // passing the step's logger in would let a person see why.
  const secrets = store ? await instagramSecretsFor(deps.env, store) : null;
  if (!secrets) return adapterFor('instagram', deps);

  // Mentions are read only when the webhook can be verified (an app secret is set); without
  // it none can arrive, and an empty list would have the monitor wait for them until expiry.
  const { igUserId, accessToken, appSecret } = secrets;
  const mentionedMediaIds = appSecret ? await recentMentionIds(deps.db, storeId, since) : undefined;
  const instagram = { igUserId, accessToken, mentionedMediaIds };
  return adapterFor('instagram', { ...deps, credentials: { instagram } });
}

const XCredentials = z.object({ bearerToken: z.string().min(1) });

/** The X adapter with the store's own bearer token (X API reads are paid by the merchant). */
async function storeX(deps: AdapterDeps, storeId: string): Promise<SocialAdapter> {
  const store = await deps.db.query.stores.findFirst({ where: eq(stores.id, storeId) });
  const opened = store ? await openStoreCredentials(deps.env, store) : null;
  const x = opened ? XCredentials.safeParse(opened.x) : null;
  return adapterFor('x', { ...deps, credentials: x?.success ? { x: x.data } : {} });
}

/**
 * An adapter built on first use. `adapterFor` stays synchronous because the monitor calls it
 * in three places that then only sometimes make a lookup; loading here keeps those callers as
 * they are, reads D1 only when a lookup happens, and, since the monitor asks for an adapter at
 * every step, gives each step the mentions recorded up to then.
 */
class LazyAdapter implements SocialAdapter {
  private loaded: Promise<SocialAdapter> | null = null;

  constructor(private readonly load: () => Promise<SocialAdapter>) {}

  private adapter(): Promise<SocialAdapter> {
    this.loaded ??= this.load();
    return this.loaded;
  }

  async recentPosts(handle: string, since: Date): Promise<LookupResult<FoundPost[]>> {
    return (await this.adapter()).recentPosts(handle, since);
  }

  async getPost(handle: string, postId: string): Promise<LookupResult<FoundPost>> {
    return (await this.adapter()).getPost(handle, postId);
  }

  async fetchImage(url: string): Promise<LookupResult<Uint8Array>> {
    return (await this.adapter()).fetchImage(url);
  }
}
