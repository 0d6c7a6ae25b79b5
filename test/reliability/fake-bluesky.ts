import errors from '../fixtures/social/bluesky/errors.json';
import authorFeed from '../fixtures/social/bluesky/getAuthorFeed.json';
import deletedPosts from '../fixtures/social/bluesky/getPosts.deleted.json';
import type { FakeSystem } from '../helpers/fault-fetch';
import type { Prng } from '../helpers/prng';

/**
 * Bluesky as the monitor meets it: the public AppView (getAuthorFeed, getPosts) and the CDN
 * serving the posts' pictures, each a system of its own for the fault network. Posts are built
 * from the recorded fixtures with the shopper's handle, text and picture put in.
 */

const [FIRST, OLDER] = authorFeed.feed;
const [IMAGE] = FIRST?.post.embed?.images ?? [];
if (!FIRST || !OLDER || !IMAGE) {
  throw new Error('the getAuthorFeed fixture has two posts, the first with pictures');
}
const BASE = FIRST.post;
const OLDER_POST = OLDER.post;
const { facets: _facets, embed: _embed, ...RECORD } = BASE.record;

type ShopperPost = {
  uri: string;
  did: string;
  handle: string;
  text: string;
  imageUrl: string;
  createdAt: string;
  removed: boolean;
};

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { 'content-type': 'application/json', ...headers } });

function postView(post: ShopperPost) {
  return {
    ...BASE,
    uri: post.uri,
    author: { ...BASE.author, did: post.did, handle: post.handle },
    record: { ...RECORD, text: post.text, createdAt: post.createdAt },
    embed: {
      $type: 'app.bsky.embed.images#view',
      images: [{ ...IMAGE, thumb: post.imageUrl, fullsize: post.imageUrl }],
    },
    indexedAt: post.createdAt,
  };
}

/** docs.bsky.app "Rate Limits": the AppView's RateLimit headers, reset in Unix seconds. */
function rateLimited(random: Prng): Response {
  const wait = random.int(10, 120);
  return json({ error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }, 429, {
    'ratelimit-limit': '3000',
    'ratelimit-remaining': '0',
    'ratelimit-reset': String(Math.ceil(Date.now() / 1000) + wait),
    'ratelimit-policy': '3000;w=300',
    'retry-after': String(wait),
  });
}

export type FakeBluesky = ReturnType<typeof fakeBluesky>;

// Counted across fakes: storage outlives one test, and a post backs one submission only.
let postsMade = 0;

/** A Bluesky whose shoppers post with `post`; every shopper handle exists. */
export function fakeBluesky() {
  const posts = new Map<string, ShopperPost>();
  const pictures = new Map<string, Uint8Array>();

  function feedOf(handle: string) {
    const own = [...posts.values()]
      .filter((post) => post.handle === handle && !post.removed)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((post) => ({ post: postView(post) }));
    const older = { ...OLDER_POST, author: { ...OLDER_POST.author, handle } };
    return { ...authorFeed, feed: [...own, { post: older }] };
  }

  const appView: FakeSystem = {
    name: 'bluesky',
    hosts: ['public.api.bsky.app'],
    rateLimited,
    async answer(request) {
      const url = new URL(request.url);
      if (url.pathname === '/xrpc/app.bsky.feed.getAuthorFeed') {
        return json(feedOf(url.searchParams.get('actor') ?? ''));
      }
      if (url.pathname === '/xrpc/app.bsky.feed.getPosts') {
        const found = url.searchParams
          .getAll('uris')
          .map((uri) => posts.get(uri))
          .filter((post): post is ShopperPost => post !== undefined && !post.removed);
        return json(found.length > 0 ? { posts: found.map(postView) } : deletedPosts);
      }
      const { status, body } = errors.bad_actor_syntax;
      return json(body, status);
    },
  };

  const cdn: FakeSystem = {
    name: 'bluesky-cdn',
    hosts: ['cdn.bsky.app'],
    rateLimited: () =>
      new Response('Too Many Requests', { status: 429, headers: { 'retry-after': '30' } }),
    // A picture whose bytes are not an image at all, labelled as a JPEG.
    malformed: (random) =>
      new Response(
        Uint8Array.from({ length: 512 }, () => random.int(0, 255)),
        {
          headers: { 'content-type': 'image/jpeg' },
        },
      ),
    async answer(request) {
      const picture = pictures.get(new URL(request.url).pathname);
      if (!picture) return new Response('Not Found', { status: 404 });
      return new Response(picture, { headers: { 'content-type': 'image/jpeg' } });
    },
  };

  return {
    appView,
    cdn,
    posts,
    /** The shopper posts `text` with `picture`, now; returns the post's at:// URI. */
    post(handle: string, text: string, picture: Uint8Array): string {
      const made = ++postsMade;
      const did = `did:plc:fakeshopper${made}`;
      const path = `/img/feed_fullsize/plain/${did}/bafkreifake${made}@jpeg`;
      const uri = `at://${did}/app.bsky.feed.post/3lfake${made}a`;
      pictures.set(path, picture);
      posts.set(uri, {
        uri,
        did,
        handle,
        text,
        imageUrl: `https://cdn.bsky.app${path}`,
        createdAt: new Date().toISOString(),
        removed: false,
      });
      return uri;
    },
  };
}
