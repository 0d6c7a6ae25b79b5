import { fliph, flipv, PhotonImage, resize, SamplingFilter } from '@cf-wasm/photon/workerd';
import { newId } from '../lib/ids';
import { ok, type Result } from '../lib/result';
import { type ExifOrientation, readJpegOrientation } from './exif-orientation';
import { inspectPhoto, type PhotoRejection, refusePhoto } from './photo-inspect';
import { flattenOntoWhite, transposePixels } from './photo-pixels';

/**
 * The long side of a stored photo. The post draws it into a 1080x810 area, so 1440 keeps every
 * pixel a cover crop needs; more would only slow rendering (decoding 2160 px costs ~86 ms of
 * the render's CPU budget, see `npm run bench`) and grow the isolate's wasm memory.
 */
export const MAX_STORED_SIDE = 1440;

const JPEG_QUALITY = 88;

// Keys are random and a stored photo never changes, so any cache may keep it for a year.
const CACHE_CONTROL = 'public, max-age=31536000, immutable';

export type NormalisedPhoto = { jpeg: Uint8Array; width: number; height: number };

export type StoredPhoto = { key: string; width: number; height: number; bytes: number };

/**
 * Checks a shopper's upload, then decodes it, turns it upright, downscales it and re-encodes
 * it as a JPEG, which leaves every piece of metadata (EXIF location included) behind.
 */
export async function normalisePhoto(
  bytes: Uint8Array,
): Promise<Result<NormalisedPhoto, PhotoRejection>> {
  const inspected = inspectPhoto(bytes);
  if (!inspected.ok) return inspected;
  const { type, width, height } = inspected.value;

  const decoded = decode(bytes);
  if (!decoded) return refusePhoto('corrupt');

  let image = decoded;
  try {
    // The limits were checked against the header; the decoder must have read the same size.
    if (image.get_width() !== width || image.get_height() !== height) {
      return refusePhoto('corrupt');
    }

    image = replace(image, downscale(image));
    image = replace(
      image,
      type === 'jpeg' ? orient(image, readJpegOrientation(bytes)) : flatten(image),
    );

    const jpeg = image.get_bytes_jpeg(JPEG_QUALITY);
    return ok({ jpeg, width: image.get_width(), height: image.get_height() });
  } finally {
    image.free();
  }
}

/** Normalises a shopper's photo and stores it in R2 under a random, unguessable key. */
export async function acceptPhoto(
  bucket: R2Bucket,
  bytes: Uint8Array,
): Promise<Result<StoredPhoto, PhotoRejection>> {
  const normalised = await normalisePhoto(bytes);
  if (!normalised.ok) return normalised;

  const { jpeg, width, height } = normalised.value;
  const key = `photos/${newId('ph')}.jpg`;
  await bucket.put(key, jpeg, {
    httpMetadata: { contentType: 'image/jpeg', cacheControl: CACHE_CONTROL },
  });

  return ok({ key, width, height, bytes: jpeg.byteLength });
}

/** The size that fits `width` x `height` within `limit` on its long side, keeping its shape. */
export function fitWithin(width: number, height: number, limit: number) {
  const scale = limit / Math.max(width, height);
  if (scale >= 1) return { width, height };

  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}

function decode(bytes: Uint8Array): PhotonImage | undefined {
  try {
    return PhotonImage.new_from_byteslice(bytes);
  } catch (error) {
    // photon's decoder panics on bad data, which reaches us as a wasm trap. Known shortcoming:
    // a panic does not unwind, so the copy of the upload and any partial buffers stay allocated
    // in wasm memory for the life of the isolate. inspectPhoto's structural checks keep most
    // damaged files from getting here; lifting it takes a photon whose decoder returns errors.
    if (error instanceof WebAssembly.RuntimeError) return undefined;
    throw error;
  }
}

// wasm memory is not garbage-collected: each step's input is freed as soon as it is replaced.
function replace(previous: PhotonImage, next: PhotonImage): PhotonImage {
  if (next !== previous) previous.free();
  return next;
}

function downscale(image: PhotonImage): PhotonImage {
  const width = image.get_width();
  const height = image.get_height();
  const target = fitWithin(width, height, MAX_STORED_SIDE);
  if (target.width === width && target.height === height) return image;

  // Triangle (bilinear over the whole footprint) measured ~30% faster than Lanczos3 on a 12 MP
  // photo; the result is drawn at half this size, where the difference does not show.
  return resize(image, target.width, target.height, SamplingFilter.Triangle);
}

// EXIF 2.3, tag 0x0112: how the stored pixels must be turned to appear upright. 5 to 8 swap
// width and height (a transpose); the rest is mirroring.
const TRANSPOSED = new Set<ExifOrientation>([5, 6, 7, 8]);
const MIRRORED_ACROSS = new Set<ExifOrientation>([2, 3, 6, 7]);
const MIRRORED_DOWN = new Set<ExifOrientation>([3, 4, 7, 8]);

function orient(image: PhotonImage, orientation: ExifOrientation): PhotonImage {
  const upright = TRANSPOSED.has(orientation) ? transpose(image) : image;

  if (MIRRORED_ACROSS.has(orientation)) fliph(upright);
  if (MIRRORED_DOWN.has(orientation)) flipv(upright);
  return upright;
}

// photon 0.4.0 has rotate() but no transpose, and its rotate is unusable for quarter turns:
// measured, rotate(img, 90) alters channel values and rotate(img, -90) returns a black image
// one pixel too tall. So the transpose is done on the raw pixels in JS and photon only
// mirrors. Lifting this takes a photon release with a correct rotate90 or transpose.
function transpose(image: PhotonImage): PhotonImage {
  const width = image.get_width();
  const height = image.get_height();

  return new PhotonImage(transposePixels(image.get_raw_pixels(), width, height), height, width);
}

function flatten(image: PhotonImage): PhotonImage {
  const pixels = image.get_raw_pixels();
  if (!flattenOntoWhite(pixels)) return image;

  return new PhotonImage(pixels, image.get_width(), image.get_height());
}
