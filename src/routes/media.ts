import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env';

// Only these R2 prefixes are public. Their keys carry 128 random bits (defaults are the
// merchant's own public photos), so a URL is as private as the link it was shared in.
const PUBLIC_PREFIXES = ['posts/', 'photos/', 'defaults/'];

/** `/media/<key>`: images from R2, cached for good since a key never changes content. */
export const mediaRoutes = new Hono<AppEnv>().get('/media/:key{.+}', async (c) => {
  const key = c.req.param('key');
  if (!PUBLIC_PREFIXES.some((prefix) => key.startsWith(prefix)) || key.includes('..')) {
    throw new HTTPException(404, { message: 'There is no such image.' });
  }

  const object = await c.env.MEDIA.get(key, { onlyIf: c.req.raw.headers });
  if (!object) throw new HTTPException(404, { message: 'There is no such image.' });

  const headers = new Headers();
  object.writeHttpMetadata(headers);
  headers.set('ETag', object.httpEtag);
  headers.set('Cache-Control', 'public, max-age=31536000, immutable');
  if (c.req.query('download') !== undefined) {
    const extension = key.split('.').pop() ?? 'jpg';
    headers.set('Content-Disposition', `attachment; filename="my-post.${extension}"`);
  }

  // `onlyIf` matched the browser's If-None-Match: the object has no body to send.
  if (!('body' in object)) return new Response(null, { status: 304, headers });
  return new Response(object.body, { headers });
});
