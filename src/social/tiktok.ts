import { z } from 'zod';
import {
  type ApiDeps,
  fetchImageBytes,
  found,
  getJson,
  lost,
  notFound,
  readBody,
  serverTrouble,
  unsupported,
} from './http';
import type { FoundPost, LookupResult, SocialAdapter } from './types';

// developers.tiktok.com/doc/embed-videos: oEmbed needs no key. That page says the embed API
// "will be deprecated soon"; when it goes, TikTok posts are checked by hand only.
const OEMBED = 'https://www.tiktok.com/oembed';
const HOSTS = new Set(['www.tiktok.com', 'tiktok.com', 'm.tiktok.com']);
// https://www.tiktok.com/@user/video/<id>, and /photo/<id> for picture posts.
const POST_PATH = /^\/@([a-z0-9._]{2,24})\/(video|photo)\/([0-9]{1,25})\/?$/i;

// `title` is the caption; `html` is present whenever the post can be embedded.
const OEmbed = z.object({
  html: z.string().optional(),
  title: z.string().optional(),
  author_unique_id: z.string().optional(),
  thumbnail_url: z.string().optional(),
});

/** `baseUrl` is the oEmbed endpoint itself, the query is added to it (TikTok's when absent). */
export type TikTokOptions = ApiDeps;

/**
 * TikTok has no API to list or search another person's posts, so nothing is found on its own.
 * A post link the shopper gives (the "post id" here is that link) can be confirmed through
 * oEmbed, which gives its caption and a thumbnail but no date and no engagement.
 */
export class TikTokAdapter implements SocialAdapter {
  constructor(private readonly deps: TikTokOptions = {}) {}

  async recentPosts(): Promise<LookupResult<FoundPost[]>> {
    return unsupported('TikTok posts are reviewed by hand: TikTok has no API that lists them.');
  }

  async getPost(handle: string, postId: string): Promise<LookupResult<FoundPost>> {
    const link = canonicalLink(postId);
    if (link === null) {
      return unsupported(
        'Only a full TikTok post link ' + '(tiktok.com/@name/video/…) can be checked.',
      );
    }
    if (link.author.toLowerCase() !== handle.toLowerCase()) return notFound();

    const response = await getJson(
      `${this.deps.baseUrl ?? OEMBED}?${new URLSearchParams({ url: link.url })}`,
      this.deps,
    );
    if (!response.ok) return response;
    const trouble = serverTrouble(response.value);
    if (trouble) return lost(trouble);
    // A removed or private post answers 400 (or 404) with a generic message, never 200.
    if (response.value.status !== 200) return notFound();

    const body = readBody(OEmbed, response.value.json, 'TikTok oEmbed');
    if (!body.ok) return body;
    const { html, title, author_unique_id: author, thumbnail_url: thumbnail } = body.value;
    if (!html || (author && author.toLowerCase() !== handle.toLowerCase())) return notFound();

    return found({
      id: link.url,
      url: link.url,
      caption: title ?? '',
      imageUrls: thumbnail ? [thumbnail] : [],
      publishedAt: null,
    });
  }

  fetchImage(url: string): Promise<LookupResult<Uint8Array>> {
    return fetchImageBytes(url, this.deps);
  }
}

function canonicalLink(input: string): { url: string; author: string } | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }

  const match = POST_PATH.exec(url.pathname);
  if (url.protocol !== 'https:' || !HOSTS.has(url.hostname) || !match) return null;
  const [, author = '', kind = '', id = ''] = match;
  return { url: `https://www.tiktok.com/@${author}/${kind}/${id}`, author };
}
