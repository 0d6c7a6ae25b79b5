import { PhotonImage } from '@cf-wasm/photon/workerd';
import { fail, ok, type Result } from '../lib/result';
import { claimedSize, MAX_PHOTO_PIXELS } from '../media/photo-inspect';
import type { RgbaImage } from './image-pixels';

// Pixels are copied out of wasm as they are: photon's resize costs more CPU than the decode
// itself (a 1080x1350 JPEG: about 20 ms to decode, 15 to 30 more to resize, 2 to copy, in Node),
// and the check averages them down in plain arithmetic anyway. The pixel cap below keeps that
// copy to 12 MB at most.
function copyPixels(image: PhotonImage): RgbaImage {
  return { width: image.get_width(), height: image.get_height(), data: image.get_raw_pixels() };
}

const NOT_AN_IMAGE = 'The image could not be read as a JPEG, PNG or WebP file.';

/**
 * Decodes JPEG, PNG or WebP bytes to RGBA pixels for the image check. The header is read
 * first: posted images come from servers a shopper may choose, and photon would decode a GIF or
 * BMP, or a pixel flood of any kind, into more wasm memory than the isolate has (see
 * MAX_PHOTO_PIXELS). Our post images and the platforms' copies of them are far smaller.
 */
export function decodeImage(bytes: Uint8Array): Result<RgbaImage, 'undecodable'> {
  const size = claimedSize(bytes);
  if (!size) return fail('undecodable', NOT_AN_IMAGE);
  if (size.width * size.height > MAX_PHOTO_PIXELS) {
    const megapixels = Math.round((size.width * size.height) / 1e6);
    return fail('undecodable', `The image is too large to check (${megapixels} megapixels).`);
  }

  let image: PhotonImage;
  try {
    image = PhotonImage.new_from_byteslice(bytes);
  } catch {
    return fail('undecodable', NOT_AN_IMAGE);
  }

  try {
    return ok(copyPixels(image));
  } finally {
    image.free();
  }
}
