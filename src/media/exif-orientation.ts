import { isStartOfFrame, type JpegSegment, walkJpegSegments } from './jpeg-segments';

/** The EXIF Orientation values (TIFF 6.0 tag 274): 1 is upright, 2 to 8 flip and/or rotate. */
export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

const ORIENTATION_TAG = 0x0112;
const TYPE_SHORT = 3;
// EXIF 2.3 4.7.2: the APP1 payload starts with "Exif" and two NUL bytes, then a TIFF header.
const EXIF_PREFIX = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00];

/**
 * The orientation a camera recorded in the APP1 Exif segment of a JPEG, or 1 when there is
 * none or it cannot be read: a bad tag must never refuse a photo the decoder can read.
 */
export function readJpegOrientation(bytes: Uint8Array): ExifOrientation {
  let orientation: ExifOrientation = 1;

  walkJpegSegments(bytes, (segment) => {
    // EXIF 2.3 4.5.4: APP1 follows SOI directly, so it is found long before the frame.
    if (isStartOfFrame(segment.marker)) return 'stop';
    if (segment.marker !== 0xe1 || !hasExifPrefix(bytes, segment)) return 'next';
    orientation = readOrientationTag(bytes, segment.start + EXIF_PREFIX.length, segment.end);
    return 'stop';
  });

  return orientation;
}

function hasExifPrefix(bytes: Uint8Array, segment: JpegSegment): boolean {
  if (segment.end - segment.start < EXIF_PREFIX.length) return false;
  return EXIF_PREFIX.every((byte, index) => bytes[segment.start + index] === byte);
}

// TIFF 6.0 section 2: byte order mark, 42, offset of IFD0; each IFD entry is 12 bytes of tag,
// type, count and the value itself when it fits in 4 bytes, which a SHORT does.
function readOrientationTag(bytes: Uint8Array, tiff: number, end: number): ExifOrientation {
  if (tiff + 8 > end) return 1;

  const data = new DataView(bytes.buffer, bytes.byteOffset, end);
  const order = String.fromCharCode(bytes[tiff] ?? 0, bytes[tiff + 1] ?? 0);
  if (order !== 'II' && order !== 'MM') return 1;
  const little = order === 'II';
  if (data.getUint16(tiff + 2, little) !== 42) return 1;

  const ifd = tiff + data.getUint32(tiff + 4, little);
  if (ifd + 2 > end) return 1;
  const count = data.getUint16(ifd, little);

  for (let entry = ifd + 2; entry + 12 <= end && entry < ifd + 2 + count * 12; entry += 12) {
    if (data.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    if (data.getUint16(entry + 2, little) !== TYPE_SHORT) return 1;
    const value = data.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? (value as ExifOrientation) : 1;
  }
  return 1;
}
