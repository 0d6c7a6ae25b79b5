import { fail, ok, type Result } from '../lib/result';
import { readJpegHeader, readPngHeader, readWebpHeader } from './photo-headers';

export type PhotoType = 'jpeg' | 'png' | 'webp';

export type PhotoRejection =
  | 'empty'
  | 'too_large'
  | 'unsupported_type'
  | 'too_many_pixels'
  | 'truncated'
  | 'corrupt';

export type PhotoInfo = { type: PhotoType; width: number; height: number };

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/**
 * The most pixels decoded, checked from the header before any decoding, so that a decompression
 * bomb or a pixel flood (a valid PNG of a flat colour: megapixels in kilobytes) never reaches
 * photon. It is what fits in a Worker's 128 MB: photon's wasm memory peaks at about 18 MB per
 * megapixel plus 18 MB through decode, downscale and re-encode (measured in Node on JPEGs: 3 MP
 * 73 MB, 5 MP 109 MB, 12 MP 222 MB), and wasm memory never shrinks, while the request body and
 * the post image's render need room beside it. The file inputs of the journey, the status page
 * and the console's campaign form downscale in the browser to 1440 px a side (static/
 * photo-downscale.js), so larger photos come only from a browser without script. Lifting the
 * cap takes decoding outside the isolate, or a decoder that scales while it decodes.
 */
export const MAX_PHOTO_PIXELS = 3_000_000;

// No camera or phone writes a side this long; the largest WebP canvas is 16383.
export const MAX_PHOTO_SIDE = 16_384;

const MESSAGES: Record<PhotoRejection, string> = {
  empty: 'This file is empty. Choose a photo from your gallery or take a new one.',
  too_large: 'This file is larger than 10 MB. Choose a smaller photo or take a screenshot of it.',
  unsupported_type:
    'This file is not a JPEG, PNG or WebP photo. Choose another photo or take a screenshot of it.',
  too_many_pixels:
    'This photo is too large to process (over 3 megapixels). Save a copy at most 2,000 pixels ' +
    'wide and choose that one.',
  truncated: 'This photo seems incomplete. Try uploading it again.',
  corrupt: 'This photo could not be read; the file may be damaged. Try another photo.',
};

const HEIC_MESSAGE =
  'This photo is in HEIC format, which we cannot read. Take a screenshot of it, or choose ' +
  '"Most Compatible" in your camera settings.';
const SIDE_MESSAGE = 'This photo is too wide or too tall to process. Crop it or take a screenshot.';

/** The refusal a shopper sees for `reason`, with the standard message for it. */
export function refusePhoto(reason: PhotoRejection, message = MESSAGES[reason]) {
  return fail(reason, message);
}

// Only the leading bytes decide the type; file names and declared MIME types are ignored.
const SIGNATURES: { type: PhotoType; bytes: (number | undefined)[] }[] = [
  { type: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  // "RIFF", the size (any value), "WEBP".
  {
    type: 'webp',
    bytes: [
      0x52,
      0x49,
      0x46,
      0x46,
      undefined,
      undefined,
      undefined,
      undefined,
      0x57,
      0x45,
      0x42,
      0x50,
    ],
  },
];

function detectType(bytes: Uint8Array): PhotoType | 'cut_short' | undefined {
  for (const signature of SIGNATURES) {
    const shown = Math.min(bytes.length, signature.bytes.length);
    const matches = signature.bytes
      .slice(0, shown)
      .every((byte, index) => byte === undefined || bytes[index] === byte);
    if (!matches) continue;
    return shown === signature.bytes.length ? signature.type : 'cut_short';
  }
  return undefined;
}

// ISO/IEC 23008-12: HEIF files start with an "ftyp" box whose brand names the codec.
function isHeic(bytes: Uint8Array): boolean {
  const text = String.fromCharCode(...bytes.subarray(4, 12));
  return /^ftyp(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(text);
}

const READERS = { jpeg: readJpegHeader, png: readPngHeader, webp: readWebpHeader };

/** The size a JPEG, PNG or WebP header claims, or null for any other file or no header. */
export function claimedSize(bytes: Uint8Array): { width: number; height: number } | null {
  const type = detectType(bytes);
  if (type === undefined || type === 'cut_short') return null;

  const header = READERS[type](bytes);
  return header.ok ? { width: header.value.width, height: header.value.height } : null;
}

/**
 * Decides from the bytes alone whether a file is a JPEG, PNG or WebP photo of a size we can
 * process, reading only its header (and chunk lengths), never its pixels.
 */
export function inspectPhoto(bytes: Uint8Array): Result<PhotoInfo, PhotoRejection> {
  if (bytes.length === 0) return refusePhoto('empty');
  if (bytes.length > MAX_PHOTO_BYTES) return refusePhoto('too_large');

  const type = detectType(bytes);
  if (type === 'cut_short') return refusePhoto('truncated');
  if (type === undefined) {
    return isHeic(bytes)
      ? refusePhoto('unsupported_type', HEIC_MESSAGE)
      : refusePhoto('unsupported_type');
  }

  const header = READERS[type](bytes);
  if (!header.ok) return refusePhoto(header.reason);
  const { width, height, body } = header.value;

  // Limits first: a bomb is refused for its claimed size whatever follows its header.
  if (width === 0 || height === 0) return refusePhoto('corrupt');
  if (width > MAX_PHOTO_SIDE || height > MAX_PHOTO_SIDE) {
    return refusePhoto('too_many_pixels', SIDE_MESSAGE);
  }
  if (width * height > MAX_PHOTO_PIXELS) return refusePhoto('too_many_pixels');
  if (body !== 'complete') return refusePhoto(body);

  return ok({ type, width, height });
}
