import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { newId } from '../lib/ids';
import { fail, ok, type Result } from '../lib/result';
import type { Database } from './client';
import { sandboxPosts } from './schema';

type SandboxPostRow = typeof sandboxPosts.$inferSelect;

/** A post on the sandbox network, as its pages and the post checks see it. */
export type SandboxPost = SandboxPostRow & { url: string };

export type NewSandboxPost = { handle: string; caption: string; sourceImageKey: string };

// As many posts as a profile page shows; the checks look for a recent post, never an old one.
const PROFILE_PAGE_SIZE = 50;

/** The path of a post's page on the sandbox network. */
export function sandboxPostPath(id: string): string {
  return `/sandbox/posts/${id}`;
}

/** The path of a handle's profile page on the sandbox network. */
export function sandboxProfilePath(handle: string): string {
  return `/sandbox/@${handle}`;
}

/** The path that serves a post's image. */
export function sandboxImagePath(id: string): string {
  return `/sandbox/images/${id}`;
}

const withUrl = (row: SandboxPostRow): SandboxPost => ({ ...row, url: sandboxPostPath(row.id) });

/**
 * Publishes a post: copies the image to the post's own R2 key, then inserts the row. The copy
 * means erasing the submission later (its images included) leaves the post as it was, like a
 * real network keeps its own copy. The image is written first so no row ever points at a
 * missing image; if the insert then fails, one unreferenced image stays in R2.
 */
export async function createSandboxPost(
  db: Database,
  bucket: R2Bucket,
  { handle, caption, sourceImageKey }: NewSandboxPost,
): Promise<Result<SandboxPost, 'image_missing'>> {
  const source = await bucket.get(sourceImageKey);
  if (!source)
    return fail('image_missing', 'The post image is gone; please create the post again.');

  const id = newId('sbx');
  const imageKey = `sandbox/${id}.jpg`;
  // Buffered rather than streamed: a post image is one 1080x1350 JPEG, well under a megabyte.
  // Always stored as JPEG, whatever the source says, so this key can never serve another type.
  await bucket.put(imageKey, await source.arrayBuffer(), {
    httpMetadata: { contentType: 'image/jpeg' },
  });

  const [row] = await db
    .insert(sandboxPosts)
    .values({ id, handle: handle.toLowerCase(), caption, imageKey })
    .returning();
  if (!row) throw new Error('inserting a sandbox post returned no row');

  return ok(withUrl(row));
}

/** A post by id, deleted ones included (their `deletedAt` is set). */
export async function findSandboxPost(db: Database, id: string): Promise<SandboxPost | undefined> {
  const row = await db.query.sandboxPosts.findFirst({ where: eq(sandboxPosts.id, id) });
  return row && withUrl(row);
}

/** A handle's posts, newest first, at most 50; deleted posts only when asked for. */
export async function listSandboxPosts(
  db: Database,
  handle: string,
  { includeDeleted = false }: { includeDeleted?: boolean } = {},
): Promise<SandboxPost[]> {
  const byHandle = eq(sandboxPosts.handle, handle.toLowerCase());
  const rows = await db
    .select()
    .from(sandboxPosts)
    .where(includeDeleted ? byHandle : and(byHandle, isNull(sandboxPosts.deletedAt)))
    // rowid breaks ties between posts made in the same millisecond, so the order is stable.
    .orderBy(desc(sandboxPosts.createdAt), desc(sql`rowid`))
    .limit(PROFILE_PAGE_SIZE);

  return rows.map(withUrl);
}

/**
 * Soft-deletes a post, as a shopper taking their post down. Idempotent: deleting again keeps
 * the first deletion time, which is when the post actually disappeared.
 */
export async function deleteSandboxPost(
  db: Database,
  id: string,
): Promise<Result<SandboxPost, 'not_found'>> {
  await db
    .update(sandboxPosts)
    .set({ deletedAt: new Date() })
    .where(and(eq(sandboxPosts.id, id), isNull(sandboxPosts.deletedAt)));

  const post = await findSandboxPost(db, id);
  if (!post) return fail('not_found', 'There is no such post on Sandbox.');
  return ok(post);
}
