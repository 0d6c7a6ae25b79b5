import { vi } from 'vitest';
import authorFeed from '../fixtures/social/bluesky/getAuthorFeed.json';
import created from '../fixtures/stores/shopify/discountCodeBasicCreate.ok.case.json';
import { imageResponse, jsonResponse } from '../social/fetch-mock';

// The outside world of the run, at `fetch` and in the shapes of the recorded answers: Bluesky's
// AppView and CDN showing each shopper's post from the moment they posted it, and Shopify's Admin
// API creating each promo code. Anything else is a failure of the run.

/** A shopper's post on the fake Bluesky: shown from `postedAt` (the simulated clock) on. */
export type ShopperPost = {
  handle: string;
  recordKey: string;
  caption: string;
  image: Uint8Array<ArrayBuffer>;
  postedAt: number;
};

const [feedItem, olderItem] = authorFeed.feed;
if (!feedItem || !olderItem) throw new Error('the getAuthorFeed fixture has two posts');
const FIXTURE = feedItem.post;
const FIXTURE_IMAGE = FIXTURE.embed?.images[0];
if (!FIXTURE.embed || !FIXTURE_IMAGE) throw new Error('the fixture post has pictures');
const FIXTURE_EMBED = FIXTURE.embed;
const DID = FIXTURE.author.did;
const CDN = 'https://cdn.bsky.app/img/feed_fullsize/plain';

const postUri = (post: ShopperPost) => `at://${DID}/app.bsky.feed.post/${post.recordKey}`;

/** The fixture's post view, as this shopper's post with our image as its one picture. */
function postView(post: ShopperPost) {
  const { facets: _facets, embed: _embed, ...record } = FIXTURE.record;
  const at = new Date(post.postedAt).toISOString();
  const fullsize = `${CDN}/${DID}/${post.recordKey}@jpeg`;
  return {
    ...FIXTURE,
    uri: postUri(post),
    author: { ...FIXTURE.author, handle: post.handle },
    record: { ...record, text: post.caption, createdAt: at },
    embed: { ...FIXTURE_EMBED, images: [{ ...FIXTURE_IMAGE, fullsize, thumb: fullsize }] },
    indexedAt: at,
  };
}

export type FakeNetwork = {
  /** Puts a shopper's post on the fake Bluesky. */
  post(post: ShopperPost): void;
};

/**
 * Replaces `fetch` with the fake platforms; `onRequest` sees every outgoing request's URL (for
 * counting) before it is answered.
 */
export function fakeNetwork(onRequest: (url: URL) => void): FakeNetwork {
  const byHandle = new Map<string, ShopperPost>();
  const byRecordKey = new Map<string, ShopperPost>();
  const visible = (post: ShopperPost | undefined) =>
    post && post.postedAt <= Date.now() ? post : undefined;
  let codesCreated = 0;

  const answer = async (request: Request): Promise<Response | undefined> => {
    const url = new URL(request.url);
    if (url.pathname.endsWith('/app.bsky.feed.getAuthorFeed')) {
      const post = visible(byHandle.get(url.searchParams.get('actor') ?? ''));
      const feed = post ? [{ post: postView(post) }, olderItem] : [olderItem];
      return jsonResponse({ ...authorFeed, feed });
    }
    if (url.pathname.endsWith('/app.bsky.feed.getPosts')) {
      const recordKey = url.searchParams.get('uris')?.split('/').at(-1) ?? '';
      const post = visible(byRecordKey.get(recordKey));
      return jsonResponse({ posts: post ? [postView(post)] : [] });
    }
    if (url.href.startsWith(CDN)) {
      const recordKey =
        url.pathname
          .split('/')
          .at(-1)
          ?.replace(/@jpeg$/, '') ?? '';
      const post = visible(byRecordKey.get(recordKey));
      return post ? imageResponse(post.image) : new Response('not found', { status: 404 });
    }
    if (url.hostname.endsWith('.myshopify.com') && url.pathname.endsWith('/graphql.json')) {
      const { query } = (await request.json()) as { query: string };
      if (!query.includes('discountCodeBasicCreate')) return undefined;
      codesCreated += 1;
      const node = created.response.data.discountCodeBasicCreate.codeDiscountNode;
      const id = `gid://shopify/DiscountCodeNode/${1_000_000 + codesCreated}`;
      const body = structuredClone(created.response);
      body.data.discountCodeBasicCreate.codeDiscountNode = { ...node, id };
      return jsonResponse(body);
    }
    return undefined;
  };

  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = new Request(input, init);
    onRequest(new URL(request.url));
    const response = await answer(request);
    if (!response) throw new Error(`no fake answer for ${request.method} ${request.url}`);
    return response;
  });

  return {
    post(post) {
      byHandle.set(post.handle, post);
      byRecordKey.set(post.recordKey, post);
    },
  };
}
