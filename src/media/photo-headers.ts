import { hasJpegEnd, isStartOfFrame, walkJpegSegments } from './jpeg-segments';

/**
 * What the header of a photo says: its size, and whether the rest of the file is all there.
 * `body` is judged separately so that the size limits can refuse a file before anything else
 * about it matters, even when everything after the header is garbage.
 */
export type PhotoHeader = {
  width: number;
  height: number;
  body: 'complete' | 'truncated' | 'corrupt';
};

/** Why a header could not be read at all. */
export type HeaderFault = 'truncated' | 'corrupt';

const fault = (reason: HeaderFault) => ({ ok: false as const, reason });
const header = (width: number, height: number, body: PhotoHeader['body']) => ({
  ok: true as const,
  value: { width, height, body },
});

type HeaderRead = ReturnType<typeof fault> | ReturnType<typeof header>;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function fourCc(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}

/** Reads the frame size from the first SOFn segment (T.81 B.2.2). */
export function readJpegHeader(bytes: Uint8Array): HeaderRead {
  // undefined: no frame yet; null: a frame segment too short to hold its size.
  let frame: { width: number; height: number } | null | undefined;

  const walk = walkJpegSegments(bytes, (segment) => {
    if (frame !== undefined || !isStartOfFrame(segment.marker)) return 'next';
    // SOF payload: sample precision (1), number of lines (2), samples per line (2), ...
    const readable = segment.end - segment.start >= 5;
    const data = view(bytes);
    frame = readable
      ? { height: data.getUint16(segment.start + 1), width: data.getUint16(segment.start + 3) }
      : null;
    return readable ? 'next' : 'stop';
  });

  if (frame === null) return fault('corrupt');
  if (frame === undefined) return fault(walk.kind === 'truncated' ? 'truncated' : 'corrupt');
  if (walk.kind === 'truncated' || walk.kind === 'corrupt') {
    return header(frame.width, frame.height, walk.kind);
  }

  // A file cut short loses its EOI. Files with data appended after EOI (motion photos) pass.
  const complete = walk.kind === 'scan' && hasJpegEnd(bytes, walk.dataStart);
  return header(frame.width, frame.height, complete ? 'complete' : 'truncated');
}

// PNG spec 5.2/11.2.2: signature (8), then IHDR must come first: length 13, type, width, height.
const PNG_IHDR_END = 8 + 8 + 13;

/** Reads the size from IHDR, then follows the chunk lengths to IEND to see the file is whole. */
export function readPngHeader(bytes: Uint8Array): HeaderRead {
  if (bytes.length < PNG_IHDR_END) return fault('truncated');

  const data = view(bytes);
  if (data.getUint32(8) !== 13 || fourCc(bytes, 12) !== 'IHDR') return fault('corrupt');

  return header(data.getUint32(16), data.getUint32(20), pngBody(bytes, data));
}

function pngBody(bytes: Uint8Array, data: DataView): PhotoHeader['body'] {
  let pos = 8;

  while (pos + 8 <= bytes.length) {
    const length = data.getUint32(pos);
    // PNG spec 5.3: chunk lengths are limited to 2^31 - 1.
    if (length > 0x7fffffff) return 'corrupt';
    if (fourCc(bytes, pos + 4) === 'IEND') return 'complete';
    pos += 12 + length;
  }
  return 'truncated';
}

/**
 * Reads the size from the first chunk of a WebP RIFF container: VP8 (lossy, RFC 6386 9.1),
 * VP8L (lossless, 14-bit sizes minus one) or VP8X (extended, 24-bit canvas sizes minus one).
 */
export function readWebpHeader(bytes: Uint8Array): HeaderRead {
  if (bytes.length < 20) return fault('truncated');

  const size = webpChunkSize(bytes, fourCc(bytes, 12));
  if (size === undefined) return fault('corrupt');
  if (bytes.length < size.needed) return fault('truncated');

  const dimensions = size.read(view(bytes));
  if (!dimensions) return fault('corrupt');

  // RIFF: the size field counts everything after itself, so a whole file is that plus 8.
  const riffSize = view(bytes).getUint32(4, true);
  const body = bytes.length >= riffSize + 8 ? 'complete' : 'truncated';
  return header(dimensions.width, dimensions.height, body);
}

type Dimensions = { width: number; height: number } | undefined;

function webpChunkSize(bytes: Uint8Array, chunk: string) {
  if (chunk === 'VP8 ') return { needed: 30, read: (d: DataView) => readVp8(bytes, d) };
  if (chunk === 'VP8L') return { needed: 25, read: (d: DataView) => readVp8l(d) };
  if (chunk === 'VP8X') return { needed: 30, read: (d: DataView) => readVp8x(d) };
  return undefined;
}

function readVp8(bytes: Uint8Array, data: DataView): Dimensions {
  // RFC 6386 9.1: a key frame (bit 0 of the frame tag clear) carries the start code 9D 01 2A.
  const keyFrame = ((bytes[20] ?? 1) & 1) === 0;
  const startCode = bytes[23] === 0x9d && bytes[24] === 0x01 && bytes[25] === 0x2a;
  if (!keyFrame || !startCode) return undefined;

  return { width: data.getUint16(26, true) & 0x3fff, height: data.getUint16(28, true) & 0x3fff };
}

function readVp8l(data: DataView): Dimensions {
  if (data.getUint8(20) !== 0x2f) return undefined;

  const bits = data.getUint32(21, true);
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
}

function readVp8x(data: DataView): Dimensions {
  const width = (data.getUint32(24, true) & 0xffffff) + 1;
  const height = (data.getUint32(26, true) >>> 8) + 1;
  return { width, height };
}
