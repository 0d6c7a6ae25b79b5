import type { Database } from '../db/client';
import type { SocialPlatform } from '../db/schema';
import { recordChecks, type Submission, touchSubmission } from '../db/submissions';
import type { Logger } from '../lib/logger';
import { fail, ok, type Result } from '../lib/result';
import type { PhotoRejection } from '../media/photo-inspect';
import { acceptPhoto } from '../media/photo-upload';
import { decodeImage } from '../verify/image-decode';
import { type MatchResult, matchImages } from '../verify/image-match';

// Platforms whose posts the monitor cannot look up by itself (no public API for a shopper's
// post), so a screenshot is worth having while the post is still being looked for.
const UNSEARCHABLE: SocialPlatform[] = ['facebook', 'tiktok'];

/** Whether the shopper may send a screenshot of their post in the submission's current state. */
export function screenshotAllowed(
  submission: Pick<Submission, 'state' | 'platform'>,
): Result<void, 'too_late'> {
  const { state, platform } = submission;
  if (state === 'manual_review' || (state === 'awaiting_post' && UNSEARCHABLE.includes(platform))) {
    return ok(undefined);
  }
  return fail('too_late', 'We do not need a screenshot of your post at this stage.');
}

export type ScreenshotRejection = PhotoRejection | 'too_late';

/**
 * Keeps a screenshot of the shopper's post for the merchant's review and pre-scores it against
 * our post image. The score is returned (null when it could not be computed).
 */
export async function submitScreenshot(
  env: Cloudflare.Env,
  db: Database,
  logger: Logger,
  input: { submission: Submission; bytes: Uint8Array },
): Promise<Result<{ key: string; score: number | null }, ScreenshotRejection>> {
  const { submission, bytes } = input;
  const allowed = screenshotAllowed(submission);
  if (!allowed.ok) return allowed;
  if (bytes.byteLength === 0) return fail('empty', 'Choose a screenshot of your post to upload.');

  const stored = await acceptPhoto(env.MEDIA, bytes);
  if (!stored.ok) return stored;

  const { key } = stored.value;
  await touchSubmission(db, submission.id, { screenshotKey: key });
  if (submission.screenshotKey) await env.MEDIA.delete(submission.screenshotKey);

  const scored = await scoreScreenshot(env.MEDIA, submission.postImageKey, key);
  if (!scored.ok) {
    logger.warn('screenshot not scored', { submissionId: submission.id, reason: scored.reason });
  }
  const data = scored.ok ? { key, ...scored.value } : { key, score: null, unscored: scored.reason };
  await recordChecks(db, submission.id, [{ kind: 'screenshot', data }]);
  return ok({ key, score: scored.ok ? scored.value.score : null });
}

/**
 * Compares the stored screenshot with our post image. Advisory for the merchant, never a
 * decision: a screenshot shows the post inside the app (status bar, name, buttons), while the
 * matcher only looks for the posted image as a crop of ours with at most a thin border (MIN_SPAN
 * and SLACK in image-match), not for ours sitting smaller inside a larger frame, so a true
 * screenshot can score low. Lifting that takes the inverse search in image-align: our image's
 * rectangle inside theirs, then scoring that rectangle as usual.
 */
async function scoreScreenshot(
  bucket: R2Bucket,
  postImageKey: string | null,
  screenshotKey: string,
): Promise<Result<MatchResult, 'no_post_image' | 'undecodable'>> {
  const [ours, theirs] = await Promise.all([
    postImageKey ? readBytes(bucket, postImageKey) : null,
    // The stored copy, not the upload: it is at most 1440 px a side, while an upload may be tens
    // of megapixels and decoding it twice would double the isolate's peak memory.
    readBytes(bucket, screenshotKey),
  ]);
  if (!ours) return fail('no_post_image', 'Our post image is missing.');
  if (!theirs) return fail('undecodable', 'The stored screenshot is missing.');

  const oursDecoded = decodeImage(ours);
  if (!oursDecoded.ok) return oursDecoded;
  const theirsDecoded = decodeImage(theirs);
  if (!theirsDecoded.ok) return theirsDecoded;
  return ok(matchImages(oursDecoded.value, theirsDecoded.value));
}

async function readBytes(bucket: R2Bucket, key: string): Promise<Uint8Array | null> {
  const object = await bucket.get(key);
  return object ? new Uint8Array(await object.arrayBuffer()) : null;
}
