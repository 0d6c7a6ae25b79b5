import { and, desc, eq, gte } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { instagramMentions } from '../db/schema';
import { openStoreCredentials } from '../lib/credentials';
import { fail, ok, type Result } from '../lib/result';
import type { Store } from './secrets';
import { decodeHex, verifyHmac } from './signature';

/**
 * The `instagram` part of a store's sealed credentials. `appSecret` signs the mentions webhook
 * of the merchant's Meta app; `verifyToken` is the word they typed into that app's webhook
 * settings; `igUserId` and `accessToken` let the monitor read the mentioned posts.
 */
const InstagramSecrets = z.object({
  igUserId: z.string().min(1).optional(),
  accessToken: z.string().min(1).optional(),
  appSecret: z.string().min(1).optional(),
  verifyToken: z.string().min(1).optional(),
});
export type InstagramSecrets = z.infer<typeof InstagramSecrets>;

// Meta's Webhooks reference: a `mentions` change names the media, and the comment when the
// @mention was in a comment rather than in the caption. Other fields are not ours to record.
const Change = z.object({
  field: z.string(),
  value: z.object({ media_id: z.string().optional(), comment_id: z.string().optional() }).loose(),
});
const Envelope = z.object({
  object: z.string(),
  entry: z.array(z.object({ changes: z.array(Change).optional() }).loose()),
});

const MEDIA_ID = /^[0-9]{1,30}$/;
// D1 binds at most 100 parameters per statement; a mention row takes four.
const ROWS_PER_INSERT = 20;
// The same size as a page of recent posts on the other platforms (see `SocialAdapter`).
const MAX_RECENT_MENTIONS = 50;

/** One @mention of the store's account, as the webhook reported it. */
export type Mention = { mediaId: string; commentId: string | null };

/** The store's Instagram secrets, or null when it has none or they cannot be opened. */
export async function instagramSecretsFor(
  env: Cloudflare.Env,
  store: Store,
): Promise<InstagramSecrets | null> {
  const opened = await openStoreCredentials(env, store);
  const parsed = opened ? InstagramSecrets.safeParse(opened.instagram) : null;
  return parsed?.success ? parsed.data : null;
}

/**
 * Checks Meta's `X-Hub-Signature-256: sha256=<hex>` header: HMAC-SHA256 of the raw body under
 * the app secret. `verifyHmac` compares in constant time.
 */
export async function verifyMetaSignature(
  appSecret: string,
  body: Uint8Array,
  header: string | undefined,
): Promise<boolean> {
  const match = header?.trim().match(/^sha256=([0-9a-fA-F]{64})$/);
  const signature = match?.[1] ? decodeHex(match[1]) : null;
  if (!signature) return false;

  return verifyHmac(appSecret, body, signature);
}

/**
 * Whether two secrets are equal, in time that does not depend on where they differ. Both are
 * hashed first because `timingSafeEqual` needs equal lengths, and a length check would leak.
 */
export async function sameSecret(given: string, expected: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [a, b] = await Promise.all(
    [given, expected].map((text) => crypto.subtle.digest('SHA-256', encoder.encode(text))),
  );
  return a !== undefined && b !== undefined && crypto.subtle.timingSafeEqual(a, b);
}

/** The mentions in a webhook body; other fields and objects are skipped, not refused. */
export function parseMentions(body: Uint8Array): Result<Mention[], 'bad_payload'> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return fail('bad_payload', 'The body is not JSON.');
  }
  const parsed = Envelope.safeParse(json);
  if (!parsed.success) return fail('bad_payload', 'The body is not an Instagram webhook.');
  if (parsed.data.object !== 'instagram') return ok([]);

  const changes = parsed.data.entry.flatMap((entry) => entry.changes ?? []);
  const mentions = changes
    .filter((change) => change.field === 'mentions')
    .map((change) => change.value)
    .filter((value) => value.media_id !== undefined && MEDIA_ID.test(value.media_id))
    .map((value) => ({ mediaId: value.media_id ?? '', commentId: value.comment_id ?? null }));
  return ok(mentions);
}

/** Records mentions of the store, keeping the first report of each media; returns how many. */
export async function recordMentions(
  db: Database,
  storeId: string,
  mentions: Mention[],
): Promise<number> {
  const rows = mentions.map((mention) => ({ storeId, ...mention }));
  const statements = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    statements.push(
      db
        .insert(instagramMentions)
        .values(chunk)
        .onConflictDoNothing()
        .returning({ id: instagramMentions.id }),
    );
  }
  const [first, ...rest] = statements;
  if (!first) return 0;

  const results = await db.batch([first, ...rest]);
  return results.reduce((sum, inserted) => sum + inserted.length, 0);
}

/** Media ids of the store's mentions received at or after `since`, newest first. */
export async function recentMentionIds(
  db: Database,
  storeId: string,
  since: Date,
): Promise<string[]> {
  const rows = await db
    .select({ mediaId: instagramMentions.mediaId })
    .from(instagramMentions)
    .where(and(eq(instagramMentions.storeId, storeId), gte(instagramMentions.receivedAt, since)))
    .orderBy(desc(instagramMentions.receivedAt), desc(instagramMentions.id))
    .limit(MAX_RECENT_MENTIONS);
  return rows.map((row) => row.mediaId);
}
