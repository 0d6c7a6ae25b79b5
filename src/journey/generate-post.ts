import type { PublicCampaign } from '../db/campaigns';
import type { Database } from '../db/client';
import { reservePromoCode } from '../db/promo-codes';
import { type Submission, transitionSubmission } from '../db/submissions';
import { buildCaption } from '../domain/caption';
import { newId } from '../lib/ids';
import { fail, ok, type Result } from '../lib/result';
import { renderPostImage } from '../render/post-image';

export type GeneratedPost = { postImageKey: string; caption: string; promoCode: string };

type GenerateInput = {
  campaign: PublicCampaign;
  submission: Submission;
  // The photo to use: a key the upload code stored, else the shopper's earlier one, else the
  // campaign default.
  photoKey: string | null;
  rating: number;
  comment: string | null;
};

async function readPhoto(bucket: R2Bucket, key: string | null): Promise<Uint8Array | null> {
  if (!key) return null;
  const object = await bucket.get(key);
  return object ? new Uint8Array(await object.arrayBuffer()) : null;
}

/**
 * Renders the post image, reserves the promo code, writes the caption, and moves the submission
 * to `generated`. Calling it again (the shopper edits their review) renders a new image and
 * keeps the same code.
 */
export async function generatePost(
  env: Cloudflare.Env,
  db: Database,
  { campaign, submission, photoKey, rating, comment }: GenerateInput,
): Promise<Result<GeneratedPost, 'photo_required' | 'conflict' | 'not_allowed'>> {
  const chosenKey = photoKey ?? submission.photoKey ?? campaign.defaultPhotoKey;
  const photo = await readPhoto(env.MEDIA, chosenKey);
  if (!photo) return fail('photo_required', 'Choose a photo for your post.');

  const image = await renderPostImage({
    photo,
    rating,
    comment,
    storeName: campaign.storeName,
    colors: campaign.colors,
  });
  const extension = image.contentType === 'image/png' ? 'png' : 'jpg';
  const postImageKey = `posts/${newId('post')}.${extension}`;
  await env.MEDIA.put(postImageKey, image.bytes, {
    httpMetadata: { contentType: image.contentType },
  });

  const promoCode = await reservePromoCode(db, {
    storeId: campaign.storeId,
    campaignId: campaign.id,
    submissionId: submission.id,
    prefix: campaign.codePrefix,
  });
  const { caption } = buildCaption({
    comment,
    promoCode: promoCode.code,
    hashtags: campaign.hashtags,
    pages: campaign.pages[submission.platform] ?? [],
    adDisclosure: campaign.adDisclosure,
    platform: submission.platform,
  });

  const moved = await transitionSubmission(db, submission, {
    to: 'generated',
    actor: 'shopper',
    reason: 'post generated',
    data: { promoCode: promoCode.code, photo: photoKey ? 'uploaded' : 'kept' },
    changes: { photoKey: photoKey ?? submission.photoKey, postImageKey, rating, comment, caption },
  });
  if (!moved.ok) {
    await env.MEDIA.delete(postImageKey);
    return moved;
  }

  // The earlier render of an edited post is shown nowhere any more.
  if (submission.postImageKey) await env.MEDIA.delete(submission.postImageKey);
  return ok({ postImageKey, caption, promoCode: promoCode.code });
}
