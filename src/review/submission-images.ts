import { fail, ok, type Result } from '../lib/result';
import { drawDifference } from '../verify/image-diff';

// Images of a submission go through the console, checked against the member's merchant on every
// request, so no R2 key reaches the browser and a link copied once grants nothing later. The
// browser keeps a copy but asks again each time (no-cache), which a matching ETag answers cheaply.
const PRIVATE_IMAGE = 'private, no-cache';

/** A stored image as a private response (304 when the browser's copy is current), or null. */
export async function privateImage(
  bucket: R2Bucket,
  key: string,
  request: Headers,
): Promise<Response | null> {
  const object = await bucket.get(key, { onlyIf: request });
  if (!object) return null;

  const headers = new Headers();
  object.writeHttpMetadata(headers);
  headers.set('ETag', object.httpEtag);
  headers.set('Cache-Control', PRIVATE_IMAGE);
  if (!('body' in object)) return new Response(null, { status: 304, headers });
  return new Response(object.body, { headers });
}

async function readBytes(bucket: R2Bucket, key: string): Promise<Uint8Array | null> {
  const object = await bucket.get(key);
  return object ? new Uint8Array(await object.arrayBuffer()) : null;
}

// The picture depends only on the two stored images, and a key never changes content. Hashed,
// so the tag does not show the keys.
async function differenceTag(ours: string, theirs: string): Promise<string> {
  const bytes = new TextEncoder().encode(`${ours}|${theirs}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)).slice(0, 12);
  return `"diff-${[...digest].map((b) => b.toString(16).padStart(2, '0')).join('')}"`;
}

export type DifferenceRefusal = 'missing' | 'undecodable' | 'tooSmall' | 'oddShape';

/**
 * The heat-map of where the shopper's screenshot differs from our post image, as a PNG response
 * with the share of differing cells in `X-Differing-Share`. It is drawn on every request the
 * browser's copy does not answer; keeping it in R2 would save the work at the price of one
 * more stored copy of the shopper's post to erase.
 */
export async function differenceResponse(
  bucket: R2Bucket,
  keys: { ours: string; theirs: string },
  ifNoneMatch: string | undefined,
): Promise<Result<Response, DifferenceRefusal>> {
  const etag = await differenceTag(keys.ours, keys.theirs);
  const headers = { ETag: etag, 'Cache-Control': PRIVATE_IMAGE };
  if (ifNoneMatch === etag) return ok(new Response(null, { status: 304, headers }));

  const [ours, theirs] = await Promise.all([
    readBytes(bucket, keys.ours),
    readBytes(bucket, keys.theirs),
  ]);
  if (!ours || !theirs) return fail('missing', 'One of the images of this post is gone.');
  const drawn = await drawDifference(ours, theirs);
  if (!drawn.ok) return drawn;

  return ok(
    new Response(drawn.value.png, {
      headers: {
        ...headers,
        'Content-Type': 'image/png',
        'X-Differing-Share': drawn.value.differingShare.toFixed(3),
      },
    }),
  );
}
