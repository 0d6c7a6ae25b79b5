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
} from './http';
import type { FoundPost, LookupResult, SocialAdapter } from './types';

// Bluesky's public AppView answers unauthenticated reads; see docs.bsky.app "API Hosts and Auth".
const APPVIEW = 'https://public.api.bsky.app/xrpc/';
// getAuthorFeed takes 1 to 100; the monitor looks at about as many posts as a profile shows.
const FEED_LIMIT = 50;
// atproto.com/specs/at-uri-scheme and /specs/record-key, for the post collection only.
const POST_URI =
  /^at:\/\/did:[a-z]+:[a-zA-Z0-9._:%-]+\/app\.bsky\.feed\.post\/[a-zA-Z0-9._~:-]{1,512}$/;
// The AppView's rate limit headers (docs.bsky.app "Rate Limits"); the reset is Unix seconds.
const RESET_HEADER = 'ratelimit-reset';

const ImagesView = z.object({
  $type: z.literal('app.bsky.embed.images#view'),
  images: z.array(z.object({ fullsize: z.string() })),
});
const RecordWithMediaView = z.object({
  $type: z.literal('app.bsky.embed.recordWithMedia#view'),
  media: z.unknown(),
});

const PostView = z.object({
  uri: z.string(),
  author: z.object({ did: z.string(), handle: z.string() }),
  // `record` is an open union in the lexicon; a feed post always has text and createdAt.
  record: z.object({ text: z.string(), createdAt: z.string() }),
  embed: z.unknown().optional(),
  indexedAt: z.string(),
  likeCount: z.number().optional(),
  repostCount: z.number().optional(),
  replyCount: z.number().optional(),
});
type PostView = z.infer<typeof PostView>;

// `reason` marks a repost or a pinned post: neither is a new post of this account.
const AuthorFeed = z.object({
  feed: z.array(z.object({ post: PostView, reason: z.unknown().optional() })),
});
const Posts = z.object({ posts: z.array(PostView) });
const XrpcError = z.object({ error: z.string(), message: z.string().optional() });

// Errors of the reference AppView that mean "no such account or post" for a logged-out reader.
const GONE_ERRORS = new Set(['NotFound', 'AccountTakedown', 'AccountDeactivated']);

/** `baseUrl` is the AppView's XRPC base (the public AppView when absent). */
export type BlueskyOptions = ApiDeps;

/** Bluesky through the public AppView: no credentials, any handle. */
export class BlueskyAdapter implements SocialAdapter {
  private readonly appView: string;

  constructor(private readonly deps: BlueskyOptions = {}) {
    this.appView = asDirectory(deps.baseUrl ?? APPVIEW);
  }

  async recentPosts(handle: string, since: Date): Promise<LookupResult<FoundPost[]>> {
    const query = new URLSearchParams({
      actor: handle,
      filter: 'posts_no_replies',
      limit: String(FEED_LIMIT),
    });
    const response = await this.call(`app.bsky.feed.getAuthorFeed?${query}`);
    if (!response.ok) return response;

    const body = readBody(AuthorFeed, response.value.json, 'getAuthorFeed');
    if (!body.ok) return body;
    const posts = body.value.feed
      .filter((item) => item.reason === undefined)
      .map((item) => toFoundPost(item.post))
      .filter((post) => isAtOrAfter(post.publishedAt, since));
    return found(posts);
  }

  async getPost(_handle: string, postId: string): Promise<LookupResult<FoundPost>> {
    if (!POST_URI.test(postId)) return notFound();

    const response = await this.call(
      `app.bsky.feed.getPosts?${new URLSearchParams({ uris: postId })}`,
    );
    if (!response.ok) return response;

    const body = readBody(Posts, response.value.json, 'getPosts');
    if (!body.ok) return body;
    // getPosts leaves out posts it cannot show (deleted, taken down) instead of failing.
    const post = body.value.posts.find((candidate) => candidate.uri === postId);
    return post ? found(toFoundPost(post)) : notFound();
  }

  fetchImage(url: string): Promise<LookupResult<Uint8Array>> {
    return fetchImageBytes(url, this.deps);
  }

  /** One XRPC query; HTTP errors are already turned into lookup failures. */
  private async call(path: string): Promise<LookupResult<ApiResponse>> {
    const response = await getJson(`${this.appView}${path}`, this.deps);
    if (!response.ok) return response;

    const trouble = serverTrouble(response.value, RESET_HEADER);
    if (trouble) return lost(trouble);
    if (response.value.status === 200) return response;
    return fromXrpcError(response.value);
  }
}

// xrpc-server answers InvalidRequestError as HTTP 400 with `{error, message}`.
function fromXrpcError({ status, json }: ApiResponse): LookupResult<never> {
  const error = XrpcError.safeParse(json);
  if (!error.success) return retry(`HTTP ${status} from the Bluesky AppView`);

  const { error: name, message = '' } = error.data;
  const gone = GONE_ERRORS.has(name) || /not found|must be a valid did or a handle/i.test(message);
  return gone ? notFound() : retry(`Bluesky ${name}: ${message}`);
}

function toFoundPost(post: PostView): FoundPost {
  const rkey = post.uri.split('/').at(-1) ?? '';
  // A handle that no longer verifies is shown as `handle.invalid`; the DID still links.
  const profile = post.author.handle === 'handle.invalid' ? post.author.did : post.author.handle;

  return {
    id: post.uri,
    url: `https://bsky.app/profile/${profile}/post/${rkey}`,
    caption: post.record.text,
    imageUrls: imagesOf(post.embed),
    publishedAt: publishedAt(post),
    engagement: { likes: post.likeCount, reposts: post.repostCount, replies: post.replyCount },
  };
}

/**
 * `record.createdAt` is written by the author's app and can be set to any time; `indexedAt` is
 * when the AppView first saw the post, later for a post copied in from an old backup. The
 * earlier of the two (what the AppView sorts feeds by) keeps an old post from passing as new.
 */
function publishedAt(post: PostView): Date | null {
  const times = [parseDate(post.record.createdAt), parseDate(post.indexedAt)];
  const known = times.filter((time): time is Date => time !== null);
  if (known.length === 0) return null;
  return new Date(Math.min(...known.map((time) => time.getTime())));
}

function imagesOf(embed: unknown): string[] {
  const images = ImagesView.safeParse(embed);
  if (images.success) return images.data.images.map((image) => image.fullsize);

  // A quote post with pictures of its own: the pictures are in `media`.
  const withMedia = RecordWithMediaView.safeParse(embed);
  const media = withMedia.success ? ImagesView.safeParse(withMedia.data.media) : undefined;
  return media?.success ? media.data.images.map((image) => image.fullsize) : [];
}
