import { z } from 'zod';
import { checkPublicUrl } from '../lib/safe-fetch';
import { htmlToText } from './html-text';
import {
  type FetchDeps,
  fetchImageBytes,
  found,
  getJson,
  isAtOrAfter,
  lost,
  notFound,
  parseDate,
  readBody,
  serverTrouble,
  unexpected,
  unsupported,
} from './http';
import type { FoundPost, LookupResult, SocialAdapter } from './types';

// docs.joinmastodon.org/methods/accounts/#statuses: at most 40 statuses a page.
const STATUS_LIMIT = 40;
// docs.joinmastodon.org/api/rate-limits: the reset is an ISO 8601 time.
const RESET_HEADER = 'x-ratelimit-reset';
// Mastodon app/models/account.rb: local usernames, the same rule src/domain/social-handle.ts uses.
const USERNAME = /^[a-z0-9_]{1,30}$/i;
// Mastodon ids are numeric strings; other fediverse servers use short alphanumeric ids.
const STATUS_ID = /^[a-zA-Z0-9]{1,40}$/;

const Account = z.object({
  id: z.string(),
  acct: z.string(),
  followers_count: z.number().optional(),
});
const Attachment = z.object({
  type: z.string(),
  url: z.string().nullish(),
  remote_url: z.string().nullish(),
});
const Status = z.object({
  id: z.string(),
  created_at: z.string(),
  url: z.string().nullish(),
  content: z.string(),
  replies_count: z.number().optional(),
  reblogs_count: z.number().optional(),
  favourites_count: z.number().optional(),
  media_attachments: z.array(Attachment),
  account: Account,
});
type Status = z.infer<typeof Status>;

type Server = { origin: string; user: string; host: string };

/**
 * Mastodon, read on the shopper's own server without a token. Every request goes to an address
 * the shopper chose, which is why all of them pass through `safeFetch`'s address check.
 */
export class MastodonAdapter implements SocialAdapter {
  constructor(private readonly deps: FetchDeps = {}) {}

  async recentPosts(handle: string, since: Date): Promise<LookupResult<FoundPost[]>> {
    const server = serverOf(handle);
    if (!server.ok) return server;
    const { origin, user } = server.value;

    const lookup = await this.read(`${origin}/api/v1/accounts/lookup?acct=${user}`, server.value);
    if (!lookup.ok) return lookup;
    const account = readBody(Account, lookup.value, 'account lookup');
    if (!account.ok) return account;

    const query = `exclude_replies=true&exclude_reblogs=true&limit=${STATUS_LIMIT}`;
    const id = encodeURIComponent(account.value.id);
    const list = await this.read(`${origin}/api/v1/accounts/${id}/statuses?${query}`, server.value);
    if (!list.ok) return list;
    const statuses = readBody(z.array(Status), list.value, 'account statuses');
    if (!statuses.ok) return statuses;

    const posts = statuses.value.map((status) => toFoundPost(status, server.value));
    return found(posts.filter((post) => isAtOrAfter(post.publishedAt, since)));
  }

  async getPost(handle: string, postId: string): Promise<LookupResult<FoundPost>> {
    const server = serverOf(handle);
    if (!server.ok) return server;
    if (!STATUS_ID.test(postId)) return notFound();

    const response = await this.read(
      `${server.value.origin}/api/v1/statuses/${postId}`,
      server.value,
    );
    if (!response.ok) return response;
    const status = readBody(Status, response.value, 'status');
    if (!status.ok) return status;

    // A local account's `acct` is the bare username; anything else is not this shopper's post.
    const isTheirs = status.value.account.acct.toLowerCase() === server.value.user.toLowerCase();
    return isTheirs ? found(toFoundPost(status.value, server.value)) : notFound();
  }

  fetchImage(url: string): Promise<LookupResult<Uint8Array>> {
    return fetchImageBytes(url, this.deps);
  }

  /** GETs one API address on the server and turns its error statuses into lookup failures. */
  private async read(url: string, server: Server): Promise<LookupResult<unknown>> {
    const response = await getJson(url, this.deps);
    if (!response.ok) return response;

    const { status, json } = response.value;
    const trouble = serverTrouble(response.value, RESET_HEADER);
    if (trouble) return lost(trouble);
    // Servers in "limited federation" or "authorized fetch" mode refuse readers without a token.
    if (status === 401 || status === 403) {
      return unsupported(
        `${server.host} only shows accounts to signed-in apps, so this post is reviewed by hand.`,
      );
    }
    // 404 `{"error":"Record not found"}`; 410 for a suspended account.
    if (status === 404 || status === 410) return notFound();
    return status === 200 ? found(json) : unexpected(status, server.host);
  }
}

function serverOf(handle: string): LookupResult<Server> {
  const [user = '', host = '', ...rest] = handle.split('@');
  if (rest.length > 0 || !USERNAME.test(user)) return notFound();

  const address = checkPublicUrl(`https://${host}/`);
  if (!address.ok) return unsupported(`The Mastodon server is not contacted: ${address.message}`);
  return found({ origin: address.value.origin, user, host: address.value.hostname });
}

function toFoundPost(status: Status, server: Server): FoundPost {
  return {
    id: status.id,
    url: publicUrl(status, server),
    caption: htmlToText(status.content),
    imageUrls: status.media_attachments
      .filter((attachment) => attachment.type === 'image')
      .map((attachment) => attachment.url ?? attachment.remote_url)
      .filter((url): url is string => Boolean(url)),
    publishedAt: parseDate(status.created_at),
    engagement: {
      likes: status.favourites_count,
      reposts: status.reblogs_count,
      replies: status.replies_count,
    },
    authorFollowers: status.account.followers_count,
  };
}

// The server writes `url`; a link we show to a merchant must at least be https.
function publicUrl(status: Status, server: Server): string {
  if (status.url && checkPublicUrl(status.url).ok) return status.url;
  return `${server.origin}/@${server.user}/${status.id}`;
}
