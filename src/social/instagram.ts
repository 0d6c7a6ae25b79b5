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
  unsupported,
} from './http';
import type { FoundPost, LookupResult, SocialAdapter } from './types';

// Instagram API with Facebook Login; a Graph API version stays callable for about two years.
const GRAPH = 'https://graph.facebook.com/v25.0/';
const MEDIA_FIELDS =
  'caption,media_type,media_url,permalink,timestamp,username,like_count,comments_count';
const MEDIA_ID = /^[0-9]{1,30}$/;
// Meta's "Handling errors" and "Rate limiting" pages: app, user, page, hourly and Instagram
// business-use-case limits. Known gap: Meta's own estimate of the wait (in the JSON of the
// X-Business-Use-Case-Usage header) is not read, so the monitor's usual backoff applies.
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80002]);
// 190: token invalid or expired; 10 and 200-299: a permission the merchant did not grant.
const isCredentialCode = (code: number) =>
  code === 190 || code === 10 || (code >= 200 && code < 300);
const MAX_MENTIONS = 50;

const MentionedMedia = z.object({
  mentioned_media: z.object({
    id: z.string(),
    caption: z.string().optional(),
    media_type: z.string().optional(),
    media_url: z.string().optional(),
    permalink: z.string().optional(),
    timestamp: z.string().optional(),
    username: z.string().optional(),
    like_count: z.number().optional(),
    comments_count: z.number().optional(),
  }),
});
type Media = z.infer<typeof MentionedMedia>['mentioned_media'];
const GraphError = z.object({
  error: z.object({
    message: z.string().optional(),
    code: z.number(),
    error_subcode: z.number().optional(),
    is_transient: z.boolean().optional(),
  }),
});

/** `baseUrl` is the Graph API base with its version (graph.facebook.com/v25.0/ when absent). */
export type InstagramOptions = ApiDeps & {
  /** The merchant's Instagram professional account id (the account shoppers @mention). */
  igUserId?: string;
  /** A user access token of the merchant with instagram_basic and instagram_manage_comments. */
  accessToken?: string;
  /**
   * Ids of media that @mention the merchant, as the mentions webhook reported them. Absent when
   * the store has no mentions webhook; empty when it has one and no mention has come in yet.
   */
  mentionedMediaIds?: string[];
};

const NOT_CONNECTED =
  'The store has not connected its Instagram account, so Instagram posts are reviewed by hand.';
const NO_LISTING =
  'Instagram does not let apps list another person’s posts, and the store has not set up ' +
  'Instagram’s mentions webhook that would tell us of yours, so it is reviewed by hand.';

/**
 * Instagram through the Graph API, as the merchant's business account. The API can read a post
 * of a stranger only when it @mentions the merchant, by the media id the mentions webhook sends
 * (recorded by src/routes/instagram-webhooks.ts and passed in as `mentionedMediaIds`). Without
 * that webhook, `recentPosts` answers `unsupported` and the post goes to manual review.
 */
export class InstagramAdapter implements SocialAdapter {
  constructor(private readonly options: InstagramOptions = {}) {}

  async recentPosts(handle: string, since: Date): Promise<LookupResult<FoundPost[]>> {
    const given = this.options.mentionedMediaIds;
    if (!this.options.igUserId || !this.options.accessToken) return unsupported(NOT_CONNECTED);
    if (!given) return unsupported(NO_LISTING);
    // No mention yet means no post yet, as an empty timeline does on the other platforms.
    const ids = given.slice(0, MAX_MENTIONS);

    const results = await Promise.all(ids.map((id) => this.getPost(handle, id)));
    const posts: FoundPost[] = [];
    for (const result of results) {
      // A mention by someone else, or one taken down since, is simply not this shopper's post.
      if (!result.ok && result.failure.kind === 'not_found') continue;
      if (!result.ok) return result;
      if (isAtOrAfter(result.value.publishedAt, since)) posts.push(result.value);
    }
    return found(posts.sort((a, b) => time(b) - time(a)));
  }

  async getPost(handle: string, postId: string): Promise<LookupResult<FoundPost>> {
    const { igUserId, accessToken } = this.options;
    if (!igUserId || !accessToken) return unsupported(NOT_CONNECTED);
    if (!MEDIA_ID.test(postId)) return notFound();

    const query = new URLSearchParams({
      fields: `mentioned_media.media_id(${postId}){${MEDIA_FIELDS}}`,
      access_token: accessToken,
    });
    const graph = asDirectory(this.options.baseUrl ?? GRAPH);
    const response = await getJson(
      `${graph}${encodeURIComponent(igUserId)}?${query}`,
      this.options,
    );
    if (!response.ok) return response;
    if (response.value.status !== 200) return fromGraphError(response.value);

    const body = readBody(MentionedMedia, response.value.json, 'mentioned_media');
    if (!body.ok) return body;
    const media = body.value.mentioned_media;
    const isTheirs = media.username?.toLowerCase() === handle.toLowerCase();
    return isTheirs ? found(toFoundPost(media, handle)) : notFound();
  }

  fetchImage(url: string): Promise<LookupResult<Uint8Array>> {
    return fetchImageBytes(url, this.options);
  }
}

const time = (post: FoundPost) => post.publishedAt?.getTime() ?? 0;

function fromGraphError(response: ApiResponse): LookupResult<never> {
  const trouble = serverTrouble(response);
  if (trouble) return lost(trouble);
  const parsed = GraphError.safeParse(response.json);
  if (!parsed.success) return retry(`HTTP ${response.status} from the Graph API`);

  const { code, error_subcode: subcode, is_transient: transient, message } = parsed.data.error;
  // Code 100 subcode 33: the object does not exist. A removed mentioned media has also been
  // seen as a bare "(#100) Invalid parameter"; the media id itself was checked above.
  if (code === 100 && (subcode === 33 || subcode === undefined)) return notFound();
  if (RATE_LIMIT_CODES.has(code)) return retry(`Graph API rate limit (code ${code})`);
  if (isCredentialCode(code)) {
    return unsupported(
      'Instagram refused the store’s connection (expired or missing permission), ' +
        'so this post is reviewed by hand.',
    );
  }
  return retry(`Graph API error ${code}${transient ? ' (transient)' : ''}: ${message ?? ''}`);
}

function toFoundPost(media: Media, handle: string): FoundPost {
  // media_url of a VIDEO is the video itself. An album gives at most one picture here: all of
  // them would take the `children` edge, which the mentioned_media reference does not list.
  const isPicture = media.media_type === 'IMAGE' || media.media_type === 'CAROUSEL_ALBUM';

  return {
    id: media.id,
    url: media.permalink ?? `https://www.instagram.com/${handle}/`,
    caption: media.caption ?? '',
    imageUrls: isPicture && media.media_url ? [media.media_url] : [],
    publishedAt: parseDate(media.timestamp),
    engagement: { likes: media.like_count, replies: media.comments_count },
  };
}
