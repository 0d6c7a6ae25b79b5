import { PhotonImage, resize, SamplingFilter } from '@cf-wasm/photon/workerd';
import { fail, ok, type Result } from '../lib/result';
import type { RgbaImage } from './image-pixels';

// Pixels are copied out of wasm as they are: photon's resize costs more CPU than the decode
// itself (a 1080x1350 JPEG: about 20 ms to decode, 15 to 30 more to resize, 2 to copy, in Node),
// and the check averages them down in plain arithmetic anyway. Only an image above this many
// pixels is shrunk in wasm first, so that a 12-megapixel upload does not need a second 48 MB copy
// next to photon's in a Worker's 128 MB.
const MAX_COPIED_PIXELS = 4_000_000;
const SHRUNK_WIDTH = 1080;

function copyPixels(image: PhotonImage): RgbaImage {
  return { width: image.get_width(), height: image.get_height(), data: image.get_raw_pixels() };
}

function shrunkPixels(image: PhotonImage): RgbaImage {
  const height = Math.max(1, Math.round((image.get_height() * SHRUNK_WIDTH) / image.get_width()));
  const small = resize(image, SHRUNK_WIDTH, height, SamplingFilter.Triangle);
  try {
    return copyPixels(small);
  } finally {
    small.free();
  }
}

/** Decodes JPEG, PNG or WebP bytes to RGBA pixels for the image check. */
export function decodeImage(bytes: Uint8Array): Result<RgbaImage, 'undecodable'> {
  let image: PhotonImage;
  try {
    image = PhotonImage.new_from_byteslice(bytes);
  } catch {
    return fail('undecodable', 'The image could not be read as a JPEG, PNG or WebP file.');
  }

  try {
    const large = image.get_width() * image.get_height() > MAX_COPIED_PIXELS;
    return ok(large && image.get_width() > SHRUNK_WIDTH ? shrunkPixels(image) : copyPixels(image));
  } finally {
    image.free();
  }
}
