import type { SocialPlatform } from '../db/schema';
import { fail, ok, type Result } from '../lib/result';
import { checkPublicUrl } from '../lib/safe-fetch';

export const PLATFORM_LABELS: Record<SocialPlatform, string> = {
  instagram: 'Instagram',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  x: 'X',
  tiktok: 'TikTok',
  facebook: 'Facebook',
  sandbox: 'Sandbox',
};

/** `handle` is what we store and search for; `display` is how the shopper sees it. */
export type ParsedHandle = { handle: string; display: string };
export type HandleResult = Result<ParsedHandle, 'empty' | 'invalid'>;

// Instagram help centre: up to 30 characters, letters, numbers, periods and underscores. The
// period rules (not first, not last, never two in a row) are what the sign-up form enforces;
// Instagram does not publish them, so they come from observed behaviour.
const INSTAGRAM = /^(?!\.)(?!.*\.\.)(?!.*\.$)[a-z0-9._]{1,30}$/;
// help.x.com "Help with username registration": 4 to 15 letters, numbers and underscores for new
// accounts. Accounts registered before that rule can be shorter, so 1 to 15 is accepted.
const X = /^[a-z0-9_]{1,15}$/i;
// TikTok help centre: 2 to 24 letters, numbers, underscores and periods, not ending in a period.
// Confirmed only from third-party copies of the help page, not from TikTok's own site.
const TIKTOK = /^(?!.*\.$)[a-z0-9._]{2,24}$/;
// facebook.com/help/105399436216001: letters, numbers and periods, at least 5 characters. The
// 50-character ceiling is the one the username form has used; Facebook does not publish it.
const FACEBOOK = /^[a-z0-9.]{5,50}$/i;
// Our own sandbox network, so the rule is ours: short, URL-safe and easy to type.
const SANDBOX = /^[a-z0-9._-]{1,30}$/i;
// Mastodon app/models/account.rb: local usernames are [a-z0-9_] (case-insensitive), at most 30.
// Other fediverse servers allow more (dots, hyphens); those shoppers cannot use this platform yet.
const MASTODON_USER = /^[a-z0-9_]{1,30}$/i;

// A hostname label per RFC 1035 as narrowed by https://atproto.com/specs/handle: ASCII letters,
// digits and hyphens, 1 to 63 long, no hyphen at either end.
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// atproto.com/specs/handle lists these TLDs as never valid for a handle; none is a public
// Mastodon server either.
const RESERVED_TLDS = new Set([
  'alt',
  'arpa',
  'example',
  'internal',
  'invalid',
  'local',
  'localhost',
  'onion',
  'test',
]);

const MESSAGES: Record<SocialPlatform, string> = {
  instagram:
    'Instagram usernames have up to 30 letters, numbers, periods and underscores, and cannot ' +
    'start or end with a period or have two periods in a row.',
  bluesky:
    'Bluesky usernames look like name.bsky.social, or a domain of your own such as name.com.',
  mastodon:
    'Mastodon usernames look like name@mastodon.social: up to 30 letters, numbers and ' +
    'underscores, then your server.',
  x: 'X usernames have up to 15 letters, numbers and underscores.',
  tiktok:
    'TikTok usernames have 2 to 24 letters, numbers, underscores and periods, and cannot end ' +
    'with a period.',
  facebook: 'Facebook usernames have 5 to 50 letters, numbers and periods.',
  sandbox: 'Sandbox usernames have up to 30 letters, numbers, underscores, periods and hyphens.',
};

const invalid = (platform: SocialPlatform, message = MESSAGES[platform]) =>
  fail('invalid', message);

const at = (name: string): HandleResult => ok({ handle: name.toLowerCase(), display: `@${name}` });
const atLower = (name: string): HandleResult => at(name.toLowerCase());

/** Whether `host` is a public DNS name: at least two labels, TLD starting with a letter. */
function isPublicHostname(host: string): boolean {
  const labels = host.split('.');
  const tld = labels.at(-1) ?? '';

  if (host.length > 253 || labels.length < 2) return false;
  if (!labels.every((label) => LABEL.test(label))) return false;
  return /^[a-z]/.test(tld) && !RESERVED_TLDS.has(tld);
}

function parseBluesky(name: string): HandleResult {
  // Most people type only the first part of a bsky.social handle, so a bare name is read as
  // one; a custom-domain handle always has a dot and is taken as typed.
  const lower = name.toLowerCase();
  const handle = lower.includes('.') ? lower : `${lower}.bsky.social`;

  if (!isPublicHostname(handle)) return invalid('bluesky');
  return ok({ handle, display: `@${handle}` });
}

function parseMastodon(name: string): HandleResult {
  const parts = name.split('@');
  const [user = '', server = ''] = parts;

  if (parts.length === 1) {
    return invalid(
      'mastodon',
      'Mastodon usernames look like name@mastodon.social: include your server.',
    );
  }
  if (parts.length !== 2 || !MASTODON_USER.test(user)) return invalid('mastodon');

  const host = toAsciiHostname(server);
  // The monitor reads the shopper's own server, only where safeFetch goes (no .corp, .lan,
  // .home or .mail names either): a server it would refuse must be refused here, at step 1.
  if (host === null || !isPublicHostname(host) || !checkPublicUrl(`https://${host}/`).ok) {
    return invalid('mastodon');
  }
  return ok({ handle: `${user.toLowerCase()}@${host}`, display: `@${user}@${host}` });
}

/** Lower-cases a hostname and turns an international one into its punycode form. */
function toAsciiHostname(host: string): string | null {
  if (!/^[^\s/?#:@\\]+$/u.test(host)) return null;
  try {
    return new URL(`https://${host}/`).hostname;
  } catch {
    return null;
  }
}

const PARSERS: Record<SocialPlatform, (name: string) => HandleResult> = {
  instagram: (name) => (INSTAGRAM.test(name.toLowerCase()) ? atLower(name) : invalid('instagram')),
  bluesky: parseBluesky,
  mastodon: parseMastodon,
  x: (name) => (X.test(name) ? at(name) : invalid('x')),
  tiktok: (name) => (TIKTOK.test(name.toLowerCase()) ? atLower(name) : invalid('tiktok')),
  facebook: (name) => (FACEBOOK.test(name) ? at(name) : invalid('facebook')),
  sandbox: (name) => (SANDBOX.test(name) ? atLower(name) : invalid('sandbox')),
};

// First path segments of each site that are pages of the site, never a profile.
const RESERVED_PATHS: Partial<Record<SocialPlatform, Set<string>>> = {
  instagram: new Set(['accounts', 'direct', 'explore', 'p', 'reel', 'reels', 'stories']),
  x: new Set([
    'compose',
    'explore',
    'home',
    'i',
    'intent',
    'login',
    'messages',
    'search',
    'settings',
  ]),
  facebook: new Set(['groups', 'pages', 'people', 'profile.php', 'share', 'sharer', 'watch']),
};

const HOSTS: Partial<Record<SocialPlatform, string[]>> = {
  instagram: ['instagram.com'],
  x: ['x.com', 'twitter.com'],
  bluesky: ['bsky.app'],
  tiktok: ['tiktok.com'],
  facebook: ['facebook.com', 'fb.com'],
};

function isHostOf(platform: SocialPlatform, hostname: string): boolean {
  const bare = hostname.replace(/^(?:www|m|mobile|web)\./, '');
  return HOSTS[platform]?.includes(bare) ?? false;
}

/** The username inside a pasted profile link, or null when the link is not a profile. */
function handleFromUrl(platform: SocialPlatform, url: URL): string | null {
  const segments = decodePath(url.pathname);
  if (segments === null) return null;

  const [first = '', second] = segments;
  if (platform === 'mastodon') return mastodonFromUrl(url.hostname, segments.length, first);
  if (!isHostOf(platform, url.hostname)) return null;
  if (platform === 'bluesky') {
    // A DID link names an account without a handle; only a handle can be checked for posts.
    const isProfile = first === 'profile' && segments.length === 2 && second !== undefined;
    return isProfile && !second.startsWith('did:') ? second : null;
  }
  if (segments.length !== 1 || RESERVED_PATHS[platform]?.has(first.toLowerCase())) return null;
  if (platform === 'tiktok') return first.startsWith('@') ? first.slice(1) : null;
  return first;
}

function mastodonFromUrl(hostname: string, count: number, first: string): string | null {
  // https://server/@user is a local profile; https://server/@user@other is a remote one.
  if (count !== 1 || !first.startsWith('@')) return null;

  const name = first.slice(1);
  return name.includes('@') ? name : `${name}@${hostname}`;
}

function decodePath(pathname: string): string[] | null {
  try {
    return pathname.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return null;
  }
}

function readUrl(input: string): URL | null {
  const withScheme = /^https?:\/\//i.test(input) ? input : `https://${input}`;
  try {
    return new URL(withScheme);
  } catch {
    return null;
  }
}

/** Validates and normalises the username a shopper typed or pasted for a platform. */
export function parseHandle(platform: SocialPlatform, input: string): HandleResult {
  const trimmed = input.trim();
  const label = PLATFORM_LABELS[platform];

  if (trimmed === '' || trimmed === '@') {
    return fail('empty', `Please enter your ${label} username.`);
  }
  if (!trimmed.includes('/')) return PARSERS[platform](trimmed.replace(/^@/, ''));

  const url = readUrl(trimmed);
  const name = url && handleFromUrl(platform, url);
  if (!name) {
    return invalid(platform, `That link is not a profile on ${label}. Please type your username.`);
  }
  return PARSERS[platform](name);
}

/** The public profile page of a handle, or null when the platform has no fixed address. */
export function profileUrl(platform: SocialPlatform, handle: string): string | null {
  const parsed = parseHandle(platform, handle);
  if (!parsed.ok) return null;

  const name = parsed.value.handle;
  switch (platform) {
    case 'instagram':
      return `https://www.instagram.com/${name}/`;
    case 'bluesky':
      return `https://bsky.app/profile/${name}`;
    case 'mastodon': {
      const [user, server] = name.split('@');
      return `https://${server}/@${user}`;
    }
    case 'x':
      return `https://x.com/${name}`;
    case 'tiktok':
      return `https://www.tiktok.com/@${name}`;
    case 'facebook':
      return `https://www.facebook.com/${name}`;
    case 'sandbox':
      // The sandbox lives at an address set per deployment, which this pure module cannot know.
      return null;
  }
}
