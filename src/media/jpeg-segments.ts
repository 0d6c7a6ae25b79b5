/** One marker segment of a JPEG header: its marker byte and where its payload lies. */
export type JpegSegment = { marker: number; start: number; end: number };

/** How a walk over the header ended: at the first scan, on request, or on bad bytes. */
export type JpegWalk =
  | { kind: 'scan'; dataStart: number }
  | { kind: 'stopped' }
  | { kind: 'truncated' }
  | { kind: 'corrupt' };

const SOS = 0xda;
const SOI = 0xd8;
const EOI = 0xd9;

// ITU T.81 table B.1: every Cx marker from C0 to CF starts a frame except C4 (DHT), C8 (JPG,
// reserved) and CC (DAC), which carry tables and must be skipped like any other segment.
const NOT_A_FRAME = new Set([0xc4, 0xc8, 0xcc]);

/** Whether a marker is a start-of-frame (SOFn), the segment that holds the image size. */
export function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && !NOT_A_FRAME.has(marker);
}

// T.81 B.1.1.2: TEM and RST0-7 stand alone, with no length field after them.
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);
}

/**
 * Walks the marker segments after SOI up to the first SOS, calling `visit` on each, without
 * touching the entropy-coded data. Lengths are trusted only as far as the bytes go.
 */
export function walkJpegSegments(
  bytes: Uint8Array,
  visit: (segment: JpegSegment) => 'next' | 'stop',
): JpegWalk {
  let pos = 2;

  while (true) {
    if (pos >= bytes.length) return { kind: 'truncated' };
    if (bytes[pos] !== 0xff) return { kind: 'corrupt' };

    // T.81 B.1.1.2: any marker may be preceded by fill bytes (extra 0xFF).
    while (pos < bytes.length && bytes[pos] === 0xff) pos++;
    const marker = bytes[pos++];
    if (marker === undefined) return { kind: 'truncated' };

    if (marker === 0x00 || marker === SOI || marker === EOI) return { kind: 'corrupt' };
    if (isStandalone(marker)) {
      if (visit({ marker, start: pos, end: pos }) === 'stop') return { kind: 'stopped' };
      continue;
    }

    if (pos + 2 > bytes.length) return { kind: 'truncated' };
    const length = ((bytes[pos] ?? 0) << 8) | (bytes[pos + 1] ?? 0);
    if (length < 2) return { kind: 'corrupt' };
    if (pos + length > bytes.length) return { kind: 'truncated' };

    const segment = { marker, start: pos + 2, end: pos + length };
    if (visit(segment) === 'stop') return { kind: 'stopped' };
    if (marker === SOS) return { kind: 'scan', dataStart: segment.end };
    pos = segment.end;
  }
}

/**
 * Whether an EOI marker follows the scan data. Inside entropy-coded data a 0xFF is always
 * followed by 0x00 or RSTn (T.81 F.1.2.3), so FF D9 there can only be the real end.
 */
export function hasJpegEnd(bytes: Uint8Array, dataStart: number): boolean {
  let pos = bytes.indexOf(0xff, dataStart);

  while (pos !== -1 && pos + 1 < bytes.length) {
    if (bytes[pos + 1] === EOI) return true;
    pos = bytes.indexOf(0xff, pos + 1);
  }
  return false;
}
