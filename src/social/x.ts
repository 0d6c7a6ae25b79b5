import { z } from 'zod';
import {
  type ApiDeps,
  type ApiResponse,
  asDirectory,
  fetchImageBytes,
  found,
  getJson,
  isAtOrAfter,
  lost,
  notFound,
  parseDate,
  readBody,
  retry,
  serverTrouble,
  unexpected,
  unsupported,
} from './http';
import type { FoundPost, LookupResult, SocialAdapter } from './types';

const API = 'https://api.x.com/2/';
// docs.x.com "Rate limits": x-rate-limit-reset is the Unix time, in seconds, of the reset.
const RESET_HEADER = 'x-rate-limit-reset';
// The user timeline takes max_results from 5 to 100.
const TIMELINE_LIMIT = 50;
// help.x.com username rules (see src/domain/social-handle.ts); post ids are 64-bit integers.
const USERNAME = /^[a-z0-9_]{1,15}$/i;
const POST_ID = /^[0-9]{1,19}$/;

const PublicMetrics = z.object({
  like_count: z.number().optional(),
  reply_count: z.number().optional(),
  // The OpenAPI description 2.167 renames retweets to reposts; the live API may send either.
  retweet_count: z.number().optional(),
  repost_count: z.number().optional(),
  impression_count: z.number().optional(),
});
const Post = z.object({
  id: z.string(),
  text: z.string(),
  created_at: z.string().optional(),
  attachments: z.object({ media_keys: z.array(z.string()).optional() }).optional(),
  public_metrics: PublicMetrics.optional(),
});
type Post = z.infer<typeof Post>;
const Media = z.object({ media_key: z.string(), type: z.string(), url: z.string().optional() });
const Includes = z.object({ media: z.array(Media).optional() }).optional();
// A partial error: HTTP 200 with `errors` and no `data` (OpenAPI `Problem`).
const Problems = z
  .array(z.object({ type: z.string().optional(), title: z.string().optional() }))
  .optional();

const UserLookup = z.object({
  data: z
    .object({
      id: z.string(),
      protected: z.boolean().optional(),
      public_metrics: z.object({ followers_count: z.number().optional() }).optional(),
    })
    .optional(),
  errors: Problems,
});
const Timeline = z.object({ data: z.array(Post).optional(), includes: Includes, errors: Problems });
const PostLookup = z.object({ data: Post.optional(), includes: Includes, errors: Problems });

/** `baseUrl` is the API v2 base (api.x.com/2/ when absent). */
export type XOptions = ApiDeps & {
  /** The merchant's app-only bearer token; without it X cannot be read. */
  bearerToken?: string;
  /** `post` for an API that only takes the newer `post.fields` parameter name. */
  fieldNaming?: 'tweet' | 'post';
};

const NO_TOKEN =
  'X posts can only be found with the store’s X API key, which is not set up, ' +
  'so this post is reviewed by hand.';

/** X through API v2 with the merchant's bearer token. */
export class XAdapter implements SocialAdapter {
  constructor(private readonly options: XOptions = {}) {}

  async recentPosts(handle: string, since: Date): Promise<LookupResult<FoundPost[]>> {
    if (!USERNAME.test(handle)) return notFound();
    const user = await this.call(
      `users/by/username/${handle}?user.fields=protected,public_metrics`,
      UserLookup,
    );
    if (!user.ok) return user;
    if (!user.value.data) return fromProblems(user.value.errors);
    if (user.value.data.protected) return lost({ kind: 'private' });

    const query = new URLSearchParams({
      max_results: String(TIMELINE_LIMIT),
      // The documented form is YYYY-MM-DDTHH:mm:ssZ, whole seconds.
      start_time: since.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      exclude: 'replies,retweets',
      ...this.postFields(),
    });
    const timeline = await this.call(
      `users/${encodeURIComponent(user.value.data.id)}/tweets?${query}`,
      Timeline,
    );
    if (!timeline.ok) return timeline;
    const { data, includes, errors } = timeline.value;
    // No `data` and no `errors` is an empty timeline (`meta.result_count` 0).
    if (!data) return errors ? fromProblems(errors) : found([]);

    const followers = user.value.data.public_metrics?.followers_count;
    const posts = data.map((post) => ({
      ...toFoundPost(post, photosByKey(includes), handle),
      authorFollowers: followers,
    }));
    return found(posts.filter((post) => isAtOrAfter(post.publishedAt, since)));
  }

  async getPost(handle: string, postId: string): Promise<LookupResult<FoundPost>> {
    if (!POST_ID.test(postId)) return notFound();

    const query = new URLSearchParams(this.postFields());
    const response = await this.call(`tweets/${postId}?${query}`, PostLookup);
    if (!response.ok) return response;
    const { data, includes, errors } = response.value;
    return data ? found(toFoundPost(data, photosByKey(includes), handle)) : fromProblems(errors);
  }

  fetchImage(url: string): Promise<LookupResult<Uint8Array>> {
    return fetchImageBytes(url, this.options);
  }

  private postFields(): Record<string, string> {
    const name = this.options.fieldNaming === 'post' ? 'post.fields' : 'tweet.fields';
    return {
      expansions: 'attachments.media_keys',
      'media.fields': 'url,type',
      [name]: 'created_at,public_metrics,attachments',
    };
  }

  private async call<T>(path: string, schema: z.ZodType<T>): Promise<LookupResult<T>> {
    const token = this.options.bearerToken;
    if (!token) return unsupported(NO_TOKEN);

    const url = `${asDirectory(this.options.baseUrl ?? API)}${path}`;
    const response = await getJson(url, this.options, { authorization: `Bearer ${token}` });
    if (!response.ok) return response;
    const status = checkStatus(response.value);
    return status.ok ? readBody(schema, response.value.json, 'X API') : status;
  }
}

function checkStatus(response: ApiResponse): LookupResult<null> {
  const trouble = serverTrouble(response, RESET_HEADER);
  if (trouble) return lost(trouble);
  if (response.status === 401 || response.status === 403) {
    return unsupported(
      'X refused the store’s API key (expired, revoked or without access to this endpoint), ' +
        'so this post is reviewed by hand.',
    );
  }
  return response.status === 200 ? found(null) : unexpected(response.status, 'the X API');
}

function fromProblems(problems: z.infer<typeof Problems>): LookupResult<never> {
  const problem = problems?.[0];
  // The problem host is api.twitter.com in older answers and api.x.com in newer ones.
  const kind = problem?.type?.split('/problems/')[1];
  if (kind === 'resource-not-found' || kind === 'resource-unavailable') return notFound();
  if (kind === 'not-authorized-for-resource') return lost({ kind: 'private' });
  return retry(`X answered without data: ${problem?.title ?? 'no error given'}`);
}

function photosByKey(includes: z.infer<typeof Includes>): Map<string, string> {
  const photos = (includes?.media ?? []).filter((media) => media.type === 'photo' && media.url);
  return new Map(photos.map((media) => [media.media_key, media.url ?? '']));
}

// Known gap: posts longer than 280 characters (X Premium) arrive cut short in `text`; the full
// text is in `note_tweet` (`note_post` in the newer naming), which would have to be requested
// as a field as well. The captions FarOut writes fit in 280 (src/domain/caption.ts), so only a
// shopper who lengthens theirs is affected.
function toFoundPost(post: Post, photos: Map<string, string>, handle: string): FoundPost {
  const metrics = post.public_metrics;
  const keys = post.attachments?.media_keys ?? [];

  return {
    id: post.id,
    url: `https://x.com/${handle}/status/${post.id}`,
    caption: post.text,
    imageUrls: keys.flatMap((key) => photos.get(key) ?? []),
    publishedAt: parseDate(post.created_at),
    engagement: metrics && {
      likes: metrics.like_count,
      reposts: metrics.repost_count ?? metrics.retweet_count,
      replies: metrics.reply_count,
      views: metrics.impression_count,
    },
  };
}
