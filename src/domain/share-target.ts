import type { SocialPlatform } from '../db/schema';
import { parseHandle } from './social-handle';

export type ShareTarget = { url: string; kind: 'compose' | 'app' };

export type ShareTargetOptions = {
  /** Where the sandbox network lives in this deployment. */
  sandboxUrl: string;
  /** The shopper's stored handle; Mastodon needs it to know which server to open. */
  handle?: string;
};

// Browsers, proxies and the platforms' own servers start refusing request lines around 8 KB.
const MAX_URL_LENGTH = 8000;

const graphemeSegmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * A compose link with the caption filled in, cut between graphemes if the encoded caption would
 * make the link too long. The shopper still has the "copy caption" button for the full text.
 */
function composeUrl(base: string, caption: string): ShareTarget {
  const room = MAX_URL_LENGTH - base.length;
  let text = '';

  for (const { segment } of graphemeSegmenter.segment(caption)) {
    const encoded = encodeURIComponent(segment);
    if (text.length + encoded.length > room) break;
    text += encoded;
  }
  return { url: `${base}${text}`, kind: 'compose' };
}

function mastodonServer(handle: string | undefined): string {
  const parsed = parseHandle('mastodon', handle ?? '');
  // Every Mastodon submission has a validated handle, so a missing one is a bug in the caller.
  if (!parsed.ok) throw new Error('shareTarget needs the Mastodon handle to find the server');

  return parsed.value.handle.split('@')[1] ?? '';
}

/** Where the "Go to <platform>" button sends the shopper, caption filled in when possible. */
export function shareTarget(
  platform: SocialPlatform,
  caption: string,
  options: ShareTargetOptions,
): ShareTarget {
  switch (platform) {
    case 'bluesky':
      // https://docs.bsky.app/docs/advanced-guides/intent-links
      return composeUrl('https://bsky.app/intent/compose?text=', caption);
    case 'x':
      // docs.x.com "Web intent" still documents /intent/tweet on x.com (not /intent/post).
      return composeUrl('https://x.com/intent/tweet?text=', caption);
    case 'mastodon':
      // Mastodon's own /share page (SharesController) opens the composer with ?text= filled in,
      // on the shopper's server, where they are signed in.
      return composeUrl(`https://${mastodonServer(options.handle)}/share?text=`, caption);
    // Instagram, TikTok and Facebook have no web link that pre-fills a photo post, so the
    // shopper copies the caption and finishes the post in the app.
    case 'instagram':
      return { url: 'https://www.instagram.com/', kind: 'app' };
    case 'tiktok':
      return { url: 'https://www.tiktok.com/upload', kind: 'app' };
    case 'facebook':
      return { url: 'https://www.facebook.com/', kind: 'app' };
    case 'sandbox':
      return { url: options.sandboxUrl, kind: 'app' };
  }
}
