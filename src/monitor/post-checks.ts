import type { PublicCampaign } from '../db/campaigns';
import type { Submission } from '../db/submissions';
import type { FoundPost, LookupResult, SocialAdapter } from '../social/types';
import {
  type CaptionCheck,
  captionExpectation,
  checkCaption,
  shopperText,
} from '../verify/caption-match';
import { decodeImage } from '../verify/image-decode';
import { matchPrepared, type OurFeatures, prepareOurs } from '../verify/image-match';
import { findOffensiveTerms } from '../verify/language';

export type ImageCheck = {
  passed: boolean;
  confident: boolean;
  score: number;
  parts: Record<string, number>;
  imageUrl: string | null;
};
export type LanguageCheck = { passed: boolean; terms: number };
export type PostChecks = { image: ImageCheck; caption: CaptionCheck; language: LanguageCheck };

/**
 * Where the prepared features of our post image are kept between checks (the monitor's own
 * storage), so each check decodes only the posted image: our render never changes.
 */
export type FeatureCache = {
  get(postImageKey: string): Promise<OurFeatures | undefined>;
  put(postImageKey: string, features: OurFeatures): Promise<void>;
};

type CheckInput = {
  adapter: SocialAdapter;
  featureCache?: FeatureCache;
  media: R2Bucket;
  submission: Submission;
  campaign: PublicCampaign;
  promoCode: string;
  post: FoundPost;
};

const NO_IMAGE: ImageCheck = {
  passed: false,
  confident: true,
  score: 0,
  parts: {},
  imageUrl: null,
};

async function ourFeatures(input: CheckInput): Promise<OurFeatures> {
  const key = input.submission.postImageKey;
  const cached = key ? await input.featureCache?.get(key) : undefined;
  if (cached) return cached;

  const object = key ? await input.media.get(key) : null;
  const ours = object && decodeImage(new Uint8Array(await object.arrayBuffer()));
  if (!key || !ours?.ok) {
    throw new Error(`post image of ${input.submission.id} is missing or unreadable`);
  }
  const features = prepareOurs(ours.value);
  await input.featureCache?.put(key, features);
  return features;
}

/**
 * Compares each image of the post with our rendered post image and keeps the best: a shopper may
 * add photos of their own around ours. A platform failure while fetching an image is returned
 * as a failure to retry, and so is an image that arrived unreadable (cut short on the way, or
 * corrupted), unless another image passed: neither says anything about the shopper's post.
 */
async function checkImage(input: CheckInput): Promise<LookupResult<ImageCheck>> {
  const ours = await ourFeatures(input);

  let best = NO_IMAGE;
  let unreadable = 0;
  for (const imageUrl of input.post.imageUrls) {
    const fetched = await input.adapter.fetchImage(imageUrl);
    if (!fetched.ok) {
      if (fetched.failure.kind === 'retry') return fetched;
      continue;
    }

    const theirs = decodeImage(fetched.value);
    if (!theirs.ok) {
      unreadable++;
      continue;
    }
    const result = matchPrepared(ours, theirs.value);
    if (best.imageUrl === null || result.score > best.score) {
      best = { ...result, passed: result.match, imageUrl };
    }
    if (best.passed) break;
  }

  if (!best.passed && unreadable > 0) {
    const reason = `${unreadable} image(s) of the post could not be read as an image`;
    return { ok: false, failure: { kind: 'retry', reason } };
  }
  return { ok: true, value: best };
}

/** Runs the image, caption and language checks on a found post. */
export async function checkPost(input: CheckInput): Promise<LookupResult<PostChecks>> {
  const { campaign, submission, post, promoCode } = input;
  // Checked against the caption as we built it: Instagram's hashtag cap and the platform's
  // length limit may have left some of the campaign's tags, or the comment's end, out of it.
  const expected = captionExpectation({
    comment: submission.comment,
    promoCode,
    hashtags: campaign.hashtags,
    pages: campaign.pages[submission.platform] ?? [],
    adDisclosure: campaign.adDisclosure,
    platform: submission.platform,
  });
  const caption = checkCaption(post.caption, expected);
  const terms = findOffensiveTerms(
    shopperText(post.caption, expected),
    campaign.blockedWords,
  ).length;

  const image = await checkImage(input);
  if (!image.ok) return image;
  return {
    ok: true,
    value: { image: image.value, caption, language: { passed: terms === 0, terms } },
  };
}

/**
 * Whether a person should decide instead of the checks: everything passed but an image check
 * that could not judge (our photo has too little detail for the edge comparison).
 */
export function needsPerson(checks: PostChecks): boolean {
  const { image, caption, language } = checks;
  return !image.passed && !image.confident && caption.passed && language.passed;
}

/** The first failing check, in words for the shopper, or null when all passed. */
export function failingCheckReason(checks: PostChecks): string | null {
  if (!checks.caption.passed) {
    return `The caption is missing: ${checks.caption.missing.join(', ')}.`;
  }
  if (!checks.image.passed) {
    return checks.image.imageUrl === null
      ? 'The post has no image that matches your post image.'
      : 'The image in the post does not match your post image.';
  }
  if (!checks.language.passed) return 'The caption contains words the store does not allow.';
  return null;
}
