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

/** The default photo a posted form brings, and why an upload in it was refused. */
export type DefaultPhotoChoice = { key: string | null; error?: string };

/**
 * The photo of a campaign form: a new upload, stored at once so that a form failing on another
 * field need not send it again, or else the upload an earlier post of the same form stored.
 */
export async function receiveDefaultPhoto(
  bucket: R2Bucket,
  merchantId: string,
  upload: { file: File | undefined; pendingKey: string | undefined },
): Promise<DefaultPhotoChoice> {
  const { file, pendingKey } = upload;
  const earlier = (await isOwnDefaultPhoto(bucket, merchantId, pendingKey)) ? pendingKey : null;
  if (!file || file.size === 0) return { key: earlier ?? null };

  const stored = await storeDefaultPhoto(
    bucket,
    merchantId,
    new Uint8Array(await file.arrayBuffer()),
  );
  if (!stored.ok) return { key: earlier ?? null, error: stored.message };
  return { key: stored.value };
}
