import { withApp1 } from '../fixtures/media/exif-fixtures';
import { concat, encodePhoto, latin1, pngClaiming } from '../fixtures/media/photo-fixtures';

const u32 = (value: number) => [
  value >>> 24,
  (value >> 16) & 0xff,
  (value >> 8) & 0xff,
  value & 0xff,
];

async function compress(bytes: Uint8Array, format: 'gzip' | 'deflate'): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream(format));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// RFC 1952: a gzip member ends with the CRC-32 of its data (little-endian), the one PNG uses.
async function crc32(bytes: Uint8Array): Promise<number> {
  const gzip = await compress(bytes, 'gzip');
  return new DataView(gzip.buffer, gzip.byteLength - 8, 4).getUint32(0, true);
}

/** A PNG chunk (PNG spec 5.3): length, type, data, CRC over type and data. */
async function chunk(type: string, data: Uint8Array): Promise<Uint8Array> {
  const typed = concat(latin1(type), data);
  return concat(u32(data.length), typed, u32(await crc32(typed)));
}

/**
 * A whole, valid PNG of `width` x `height` black pixels: megapixels in a file of kilobytes,
 * the pixel flood a decompressing decoder must be kept from.
 */
export async function floodPng(width: number, height: number): Promise<Uint8Array> {
  // One filter byte (0, none) and four zero bytes per pixel on every row.
  const rows = new Uint8Array(height * (1 + width * 4));
  return concat(
    pngClaiming(width, height, new Uint8Array()),
    await chunk('IDAT', await compress(rows, 'deflate')),
    await chunk('IEND', new Uint8Array()),
  );
}

/** A small real JPEG with HTML after its end marker: a browser sniffing it would see a page. */
export function jpegThenHtml(): Uint8Array {
  return concat(encodePhoto('jpeg', 64, 48), latin1('<html><script>alert(1)</script></html>'));
}

/** A small real JPEG with a ZIP archive (one stored file) after its end marker. */
export function jpegThenZip(): Uint8Array {
  const name = latin1('payload.html');
  const data = latin1('<script>alert(1)</script>');
  const local = concat(
    latin1('PK\u0003\u0004'),
    [20, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    u32(0).reverse(),
    [data.length, 0, 0, 0, data.length, 0, 0, 0, name.length, 0, 0, 0],
    name,
    data,
  );
  return concat(encodePhoto('jpeg', 64, 48), local);
}

/** An HTML page that opens with the three bytes of a JPEG signature. */
export function htmlWithJpegMagic(): Uint8Array {
  return concat([0xff, 0xd8, 0xff], latin1('<html><script>alert(1)</script></html>'));
}

/** A JPEG carrying `segments` APP1 segments of 64 KiB each before its image. */
export function jpegWithHugeExif(segments: number): Uint8Array {
  let jpeg = encodePhoto('jpeg', 96, 72);
  const payload = concat(latin1('Exif\u0000\u0000MM'), new Uint8Array(65_000).fill(0x41));
  for (let i = 0; i < segments; i++) jpeg = withApp1(jpeg, payload);
  return jpeg;
}

export const SVG = latin1(
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
);

/** The first box of an iPhone photo: `ftyp` with the `heic` brand. */
export const HEIC = concat([0, 0, 0, 24], latin1('ftypheic'), [0, 0, 0, 0], latin1('mif1heic'));
