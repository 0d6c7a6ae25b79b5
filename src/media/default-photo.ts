import { newId } from '../lib/ids';
import { ok, type Result } from '../lib/result';
import type { PhotoRejection } from './photo-inspect';
import { normalisePhoto } from './photo-upload';

// The same lifetime as shoppers' photos: a key is random and its content never changes.
const CACHE_CONTROL = 'public, max-age=31536000, immutable';
const KEY = /^defaults\/ph_[A-Za-z0-9_-]{22}\.jpg$/;

/**
 * Checks and re-encodes a campaign's default photo like a shopper's, and stores it under
 * `defaults/` with the merchant's id in its metadata, so a key sent back by a browser can be
 * told to be the merchant's own before it is used or deleted.
 */
export async function storeDefaultPhoto(
  bucket: R2Bucket,
  merchantId: string,
  bytes: Uint8Array,
): Promise<Result<string, PhotoRejection>> {
  const normalised = await normalisePhoto(bytes);
  if (!normalised.ok) return normalised;

  const key = `defaults/${newId('ph')}.jpg`;
  await bucket.put(key, normalised.value.jpeg, {
    httpMetadata: { contentType: 'image/jpeg', cacheControl: CACHE_CONTROL },
    customMetadata: { merchantId },
  });
  return ok(key);
}

/** Whether `key` names a default photo this merchant uploaded and that is still stored. */
export async function isOwnDefaultPhoto(
  bucket: R2Bucket,
  merchantId: string,
  key: string | undefined,
): Promise<boolean> {
  if (!key || !KEY.test(key)) return false;

  const object = await bucket.head(key);
  return object?.customMetadata?.merchantId === merchantId;
}
