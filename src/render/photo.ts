import { PhotonImage } from '@cf-wasm/photon/workerd';
import type { Raster } from './rasterise';
import { resizeWindow, type Window } from './resize';

/** The kinds of photo the upload code accepts, told apart by their first bytes. */
export type PhotoKind = 'jpeg' | 'png' | 'webp';

/** The photo's format from its magic bytes, or null for anything else. */
export function photoKind(bytes: Uint8Array): PhotoKind | null {
  const ascii = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(1, 4) === 'PNG' && bytes[0] === 0x89) return 'png';
  return ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP' ? 'webp' : null;
}

/** The centred part of a `width`x`height` image that has the target's shape (CSS `cover`). */
export function coverWindow(
  width: number,
  height: number,
  target: { width: number; height: number },
): Window {
  const scale = Math.min(width / target.width, height / target.height);
  const cropWidth = Math.min(width, Math.round(target.width * scale));
  const cropHeight = Math.min(height, Math.round(target.height * scale));
  const left = Math.floor((width - cropWidth) / 2);
  const top = Math.floor((height - cropHeight) / 2);
  return { left, top, right: left + cropWidth, bottom: top + cropHeight };
}

/**
 * Decodes the photo with photon and fits it to exactly `width`x`height` the way CSS
 * `object-fit: cover` does: centred, cropped on the long side, never letterboxed. The decoded
 * photo leaves wasm memory before the resize, so the peak is one full-size copy on each side.
 */
export function fitPhoto(bytes: Uint8Array, width: number, height: number): Raster {
  const decoded = PhotonImage.new_from_byteslice(bytes);
  let source: Raster;
  try {
    source = {
      pixels: decoded.get_raw_pixels(),
      width: decoded.get_width(),
      height: decoded.get_height(),
    };
  } finally {
    decoded.free();
  }

  const window = coverWindow(source.width, source.height, { width, height });
  const pixels = resizeWindow(source.pixels, source.width, window, width, height);
  return { pixels, width, height };
}

/**
 * The photo on top and the banner below it, as one raster. This is the whole compositing step
 * because nothing on the card overlaps the photo; a design that draws over the photo would need
 * alpha blending instead (photon's `watermark` costs about 7 ms for a banner-sized layer).
 */
export function stack(photo: Raster, banner: Raster): Raster {
  const pixels = new Uint8Array(photo.pixels.length + banner.pixels.length);
  pixels.set(photo.pixels, 0);
  pixels.set(banner.pixels, photo.pixels.length);
  return { pixels, width: photo.width, height: photo.height + banner.height };
}
