import type { Database } from '../db/client';
import type { SocialPlatform } from '../db/schema';
import { BlueskyAdapter } from './bluesky';
import { FacebookAdapter } from './facebook';
import { InstagramAdapter, type InstagramOptions } from './instagram';
import { MastodonAdapter } from './mastodon';
import { SandboxAdapter } from './sandbox';
import { TikTokAdapter } from './tiktok';
import type { SocialAdapter } from './types';
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

/**
 * `adapterFor` bound to one Worker's bindings, picking the platform from each submission.
 * Known gap: merchants' X and Instagram credentials are not stored anywhere yet, so those two
 * platforms answer `unsupported` (manual review) until a credentials store passes them here.
 */
export function socialAdapterFor(
  env: Cloudflare.Env,
  db: Database,
): (submission: { platform: SocialPlatform }) => SocialAdapter {
  return (submission) => adapterFor(submission.platform, { env, db });
}
