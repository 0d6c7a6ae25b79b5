import type { SocialPlatform } from '../db/schema';
import { fail, ok, type Result } from '../lib/result';

// The hosts a post link may point at, per platform. Mastodon is checked against the shopper's
// own server instead; the sandbox lives on our own origin.
const HOSTS: Partial<Record<SocialPlatform, string[]>> = {
  instagram: ['instagram.com', 'www.instagram.com'],
  bluesky: ['bsky.app'],
  x: ['x.com', 'twitter.com', 'www.x.com', 'mobile.twitter.com'],
  tiktok: ['www.tiktok.com', 'tiktok.com', 'm.tiktok.com'],
  facebook: ['www.facebook.com', 'facebook.com', 'm.facebook.com'],
};

// How each platform's post link names the post, where the id can be read from the link alone.
// Bluesky and Instagram links name the post by a key our lookups cannot use directly, so for
// them the link is kept for the merchant and the search goes on by the account's feed.
const POST_ID: Partial<Record<SocialPlatform, (url: URL) => string | null>> = {
  x: (url) => url.pathname.match(/^\/[^/]+\/status\/(\d+)/)?.[1] ?? null,
  mastodon: (url) => url.pathname.match(/^\/@[^/]+\/(\d+)$/)?.[1] ?? null,
  tiktok: (url) => (/\/(video|photo)\/\d+/.test(url.pathname) ? url.href : null),
  sandbox: (url) => url.pathname.match(/^\/sandbox\/posts\/([\w-]+)$/)?.[1] ?? null,
};

export type PostLink = { url: string; postId: string | null };

// Post links are well under 200 characters; past this it is not a link to one post.
const MAX_LINK_LENGTH = 2048;

/**
 * Checks a post link a shopper pasted: an https address on the platform's own site (the
 * shopper's server for Mastodon, our origin for the sandbox), and reads the post id from it
 * when the platform's link carries one.
 */
export function parsePostLink(
  platform: SocialPlatform,
  handle: string,
  input: string,
  ourOrigin: string,
): Result<PostLink, 'invalid'> {
  if (input.length > MAX_LINK_LENGTH) {
    return fail('invalid', 'This is longer than any post link. Paste only the link to your post.');
  }

  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return fail('invalid', 'Paste the whole link to your post, starting with https://');
  }

  const hosts =
    platform === 'mastodon'
      ? [handle.split('@')[1] ?? '']
      : platform === 'sandbox'
        ? [new URL(ourOrigin).host]
        : (HOSTS[platform] ?? []);
  const secure = url.protocol === 'https:' || (platform === 'sandbox' && url.origin === ourOrigin);
  // A name and password before the host are never part of a post's link, and only disguise it.
  const bare = url.username === '' && url.password === '';
  if (!secure || !bare || !hosts.includes(url.host.toLowerCase())) {
    return fail('invalid', 'This link is not a post on the platform you chose.');
  }

  url.hash = '';
  return ok({ url: url.href, postId: POST_ID[platform]?.(url) ?? null });
}

/** The post id a checked link carries, for the platforms whose links carry one. */
export function postIdFromLink(platform: SocialPlatform, link: string): string | null {
  try {
    return POST_ID[platform]?.(new URL(link)) ?? null;
  } catch {
    return null;
  }
}
