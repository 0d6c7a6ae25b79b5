/** A post found on a platform, in the form every check reads. */
export type FoundPost = {
  /** Post id: Bluesky at:// URI, Mastodon status id, X post id, IG media id, sandbox id. */
  id: string;
  /** Public link to the post. */
  url: string;
  /** Plain text; HTML captions (Mastodon) are converted, keeping line breaks. */
  caption: string;
  /** Full-size image URLs in post order, possibly none. */
  imageUrls: string[];
  publishedAt: Date | null;
  engagement?: { likes?: number; reposts?: number; replies?: number; views?: number };
  authorFollowers?: number;
};

/** Why a lookup gave no post. `retry` is never the shopper's fault. */
export type LookupFailure =
  | { kind: 'not_found' }
  | { kind: 'private' }
  | { kind: 'unsupported'; message: string }
  | { kind: 'retry'; reason: string; retryAfterMs?: number };

export type LookupResult<T> = { ok: true; value: T } | { ok: false; failure: LookupFailure };

/** One platform, as the post monitor sees it. */
export interface SocialAdapter {
  /** Recent posts of the account published at or after `since`, newest first (at most ~50). */
  recentPosts(handle: string, since: Date): Promise<LookupResult<FoundPost[]>>;
  /** The post again by id: to re-check it while held, and to notice it was removed. */
  getPost(handle: string, postId: string): Promise<LookupResult<FoundPost>>;
  /** Fetches one image of a post as bytes, size-limited. */
  fetchImage(url: string): Promise<LookupResult<Uint8Array>>;
}
