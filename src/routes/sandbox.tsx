import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { Database } from '../db/client';
import {
  createSandboxPost,
  deleteSandboxPost,
  findSandboxPost,
  listSandboxPosts,
} from '../db/sandbox-posts';
import { findSubmission, type Submission } from '../db/submissions';
import { CAPTION_LIMITS, captionLength } from '../domain/caption';
import { parseHandle } from '../domain/social-handle';
import type { AppEnv } from '../env';
import { SandboxCompose, SandboxNotReady } from '../views/sandbox/SandboxCompose';
import { SandboxPost, SandboxPostDeleted } from '../views/sandbox/SandboxPost';
import { SandboxProfile } from '../views/sandbox/SandboxProfile';
import { readBody, textFormLimit } from './form-body';

const MAX_CAPTION = CAPTION_LIMITS.sandbox.maxLength;

// Browsers send textarea line breaks as CRLF (HTML spec, form submission); stored as LF so the
// caption reads the same to the checks as the one we generated.
const captionField = z
  .string({ error: 'Please write a caption.' })
  .transform((text) => text.replaceAll('\r\n', '\n').trim())
  .pipe(z.string().min(1, 'Please write a caption.'))
  .superRefine((text, ctx) => {
    const length = captionLength('sandbox', text);
    if (length <= MAX_CAPTION) return;
    const [has, max] = [length, MAX_CAPTION].map((count) => count.toLocaleString('en-US'));
    ctx.addIssue({
      code: 'custom',
      message: `Your caption has ${has} characters; Sandbox allows up to ${max}.`,
    });
  });

const NOT_READY = 'Finish creating your post first; then you can post it on Sandbox.';
const IMAGE_GONE = 'The post image is no longer there. Please create your post again.';

// Only the raster types our own renderer writes are served as images; anything else stored
// under a key is sent as a download, so a stray file can never run as a page of our origin.
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** A sandbox submission by id, or a 404 that says so: other platforms do not post here. */
async function findSandboxSubmission(db: Database, id: string | undefined): Promise<Submission> {
  const submission = id ? await findSubmission(db, id) : undefined;
  if (submission?.platform !== 'sandbox') {
    throw new HTTPException(404, {
      message:
        'There is no Sandbox post waiting at this link. Please open it again from your post.',
    });
  }
  return submission;
}

const postImageKey = (submission: Submission): string | null =>
  submission.state === 'draft' ? null : submission.postImageKey;

/** Streams an R2 object as an image, answering a matching `If-None-Match` with 304. */
async function serveImage(c: Context<AppEnv>, key: string, cacheControl: string) {
  const object = await c.env.MEDIA.get(key, { onlyIf: c.req.raw.headers });
  if (!object) throw new HTTPException(404, { message: 'There is no such image on Sandbox.' });

  const headers = new Headers({ 'Cache-Control': cacheControl, ETag: object.httpEtag });
  if (!('body' in object)) return new Response(null, { status: 304, headers });

  const type = object.httpMetadata?.contentType ?? '';
  headers.set('Content-Type', IMAGE_TYPES.has(type) ? type : 'application/octet-stream');
  return new Response(object.body, { headers });
}

/**
 * The sandbox network: a small social site of our own where test-mode shoppers post, so the
 * whole loop runs with no outside account. It has no sign-in: whoever holds a submission link
 * posts as that submission's handle, and whoever holds a post link can delete it. That is what a
 * test needs; a public network would need accounts first.
 */
export const sandboxRoutes = new Hono<AppEnv>()
  .use('/sandbox/*', async (c, next) => {
    await next();
    // Test content: keep it out of search engines even when a deployment is public.
    c.header('X-Robots-Tag', 'noindex, nofollow');
  })
  .get('/sandbox/compose', async (c) => {
    const submission = await findSandboxSubmission(c.get('db'), c.req.query('submission'));
    c.header('Cache-Control', 'no-store');
    if (!postImageKey(submission)) {
      return c.html(<SandboxNotReady submissionId={submission.id} message={NOT_READY} />);
    }

    return c.html(
      <SandboxCompose
        submissionId={submission.id}
        handle={submission.handle}
        caption={submission.caption ?? ''}
      />,
    );
  })
  .get('/sandbox/compose/:submissionId/image', async (c) => {
    const submission = await findSandboxSubmission(c.get('db'), c.req.param('submissionId'));
    const key = postImageKey(submission);
    if (!key) throw new HTTPException(404, { message: NOT_READY });

    // The preview changes each time the shopper regenerates their post, so it is never cached.
    return serveImage(c, key, 'no-store');
  })
  .post('/sandbox/posts', textFormLimit, async (c) => {
    const form = await readBody(c);
    const typed = typeof form.caption === 'string' ? form.caption : '';
    const submissionId = typeof form.submission === 'string' ? form.submission : undefined;
    const submission = await findSandboxSubmission(c.get('db'), submissionId);
    const sourceImageKey = postImageKey(submission);
    if (!sourceImageKey) {
      return c.html(<SandboxNotReady submissionId={submission.id} message={NOT_READY} />, 409);
    }

    const caption = captionField.safeParse(form.caption);
    if (!caption.success) {
      const error = caption.error.issues[0]?.message;
      const view = { submissionId: submission.id, handle: submission.handle, caption: typed };
      return c.html(<SandboxCompose {...view} error={error} />, 400);
    }

    const { handle } = submission;
    const input = { handle, caption: caption.data, sourceImageKey };
    const post = await createSandboxPost(c.get('db'), c.env.MEDIA, input);
    if (!post.ok) {
      return c.html(<SandboxNotReady submissionId={submission.id} message={IMAGE_GONE} />, 409);
    }

    c.get('logger').info('sandbox post created', {
      postId: post.value.id,
      submissionId: submission.id,
    });
    return c.redirect(`/s/${submission.id}`, 303);
  })
  .get('/sandbox/:profile{@[^/]+}', async (c) => {
    const parsed = parseHandle('sandbox', c.req.param('profile'));
    if (!parsed.ok) throw new HTTPException(404, { message: 'There is no such user on Sandbox.' });

    const posts = await listSandboxPosts(c.get('db'), parsed.value.handle);
    return c.html(<SandboxProfile handle={parsed.value.handle} posts={posts} />);
  })
  .get('/sandbox/posts/:id', async (c) => {
    const post = await findSandboxPost(c.get('db'), c.req.param('id'));
    if (!post) throw new HTTPException(404, { message: 'There is no such post on Sandbox.' });

    if (post.deletedAt) return c.html(<SandboxPostDeleted post={post} />, 410);
    return c.html(<SandboxPost post={post} />);
  })
  .post('/sandbox/posts/:id/delete', textFormLimit, async (c) => {
    const deleted = await deleteSandboxPost(c.get('db'), c.req.param('id'));
    if (!deleted.ok) throw new HTTPException(404, { message: deleted.message });

    return c.redirect(deleted.value.url, 303);
  })
  .get('/sandbox/images/:postId', async (c) => {
    const post = await findSandboxPost(c.get('db'), c.req.param('postId'));
    if (!post || post.deletedAt) {
      throw new HTTPException(404, { message: 'There is no such image on Sandbox.' });
    }

    // A post's image never changes (a new post gets a new key), so browsers may keep it for good.
    return serveImage(c, post.imageKey, 'public, max-age=31536000, immutable');
  });
