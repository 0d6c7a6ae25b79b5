import { describe, expect, it } from 'vitest';
import { inspectPhoto, MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS } from '../../src/media/photo-inspect';
import {
  concat,
  cut,
  encodePhoto,
  garbage,
  jpegClaiming,
  latin1,
  pngClaiming,
  webpContainer,
} from '../fixtures/media/photo-fixtures';

const messageOf = (result: ReturnType<typeof inspectPhoto>) => (result.ok ? '' : result.message);

const SVG =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">' +
  '<circle cx="50" cy="50" r="40"/></svg>';

// GIF89a spec: header, a 1x1 logical screen with a 2-colour table, one image, trailer.
const GIF = concat(
  latin1('GIF89a'),
  [1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255],
  [0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 0x01, 0, 0x3b],
);

describe('inspectPhoto', () => {
  it.each(['jpeg', 'png', 'webp'] as const)('recognises a %s with its width and height', (type) => {
    const bytes = encodePhoto(type, 64, 48);

    const result = inspectPhoto(bytes);

    expect(result).toEqual({ ok: true, value: { type, width: 64, height: 48 } });
  });

  it('reads a lossy (VP8) WebP header', () => {
    // RFC 6386 9.1: frame tag with the key-frame bit clear, start code, 14-bit sizes.
    const payload = concat(
      [0x50, 0x01, 0x00, 0x9d, 0x01, 0x2a],
      [0x2c, 0x01, 0xc8, 0x00],
      garbage(20),
    );

    const result = inspectPhoto(webpContainer('VP8 ', payload));

    expect(result).toEqual({ ok: true, value: { type: 'webp', width: 300, height: 200 } });
  });

  it('reads the canvas size of an extended (VP8X) WebP header', () => {
    // Flags, 3 reserved bytes, then canvas width - 1 and height - 1 as 24-bit little endian.
    const payload = [0x10, 0, 0, 0, 0x7f, 0x07, 0x00, 0x37, 0x04, 0x00];

    const result = inspectPhoto(webpContainer('VP8X', payload));

    expect(result).toEqual({ ok: true, value: { type: 'webp', width: 1920, height: 1080 } });
  });

  it('finds the frame past fill bytes, a standalone marker and a DHT in the SOF range', () => {
    const real = encodePhoto('jpeg', 64, 48);
    // A DHT segment (C4) whose bytes would read as 10000x10000 if it were taken for a frame.
    const dht = [0xff, 0xc4, 0x00, 0x07, 0x08, 0x27, 0x10, 0x27, 0x10];
    const bytes = concat(
      real.subarray(0, 2),
      [0xff, 0xff, 0x01],
      dht,
      [0xff, 0xff],
      real.subarray(2),
    );

    const result = inspectPhoto(bytes);

    expect(result).toEqual({ ok: true, value: { type: 'jpeg', width: 64, height: 48 } });
  });

  it.each([
    ['progressive', 0xc2],
    ['lossless', 0xc3],
    ['arithmetic-coded', 0xc9],
  ])('reads the size from a %s frame header', (_, marker) => {
    const bytes = jpegClaiming(640, 480, garbage(64), marker);

    const result = inspectPhoto(bytes);

    expect(result).toEqual({ ok: true, value: { type: 'jpeg', width: 640, height: 480 } });
  });

  it('accepts a JPEG with data appended after its end, as motion photos have', () => {
    const bytes = concat(encodePhoto('jpeg', 64, 48), latin1('....ftypmp42'), garbage(2048));

    const result = inspectPhoto(bytes);

    expect(result).toEqual({ ok: true, value: { type: 'jpeg', width: 64, height: 48 } });
  });

  it('refuses an empty file', () => {
    const result = inspectPhoto(new Uint8Array(0));

    expect(result).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('refuses an 11 MB file for its size, even with a JPEG header', () => {
    const bytes = new Uint8Array(11 * 1024 * 1024);
    bytes.set(encodePhoto('jpeg', 16, 16));

    const result = inspectPhoto(bytes);

    expect(result).toMatchObject({ ok: false, reason: 'too_large' });
    expect(messageOf(result)).toContain('larger than 10 MB');
  });

  it('accepts a photo of exactly 10 MB', () => {
    const bytes = new Uint8Array(MAX_PHOTO_BYTES);
    bytes.set(encodePhoto('jpeg', 16, 16));

    const result = inspectPhoto(bytes);

    expect(result).toMatchObject({ ok: true, value: { type: 'jpeg' } });
  });

  it.each([
    ['PNG', pngClaiming(10_000, 10_000, garbage(4096))],
    ['JPEG', jpegClaiming(10_000, 10_000, garbage(4096))],
    ['WebP', webpContainer('VP8X', [0, 0, 0, 0, 0x0f, 0x27, 0, 0x0f, 0x27, 0])],
  ])('refuses a %s header claiming 10000x10000 before looking further', (_, bytes) => {
    const result = inspectPhoto(bytes);

    expect(10_000 * 10_000).toBeGreaterThan(MAX_PHOTO_PIXELS);
    expect(result).toMatchObject({ ok: false, reason: 'too_many_pixels' });
    expect(messageOf(result)).toContain('3 megapixels');
  });

  it('refuses a JPEG header claiming a huge size even when the file ends right after it', () => {
    const bytes = jpegClaiming(10_000, 10_000, garbage(16)).subarray(0, 21);

    const result = inspectPhoto(bytes);

    expect(result).toMatchObject({ ok: false, reason: 'too_many_pixels' });
  });

  it('refuses a side longer than any camera writes, whatever the pixel count', () => {
    const result = inspectPhoto(pngClaiming(100_000, 10, garbage(64)));

    expect(result).toMatchObject({ ok: false, reason: 'too_many_pixels' });
  });

  it('refuses a header with a zero width', () => {
    const result = inspectPhoto(pngClaiming(0, 100, garbage(64)));

    expect(result).toMatchObject({ ok: false, reason: 'corrupt' });
  });

  it.each([
    ['a JPEG cut in its scan data', cut(encodePhoto('jpeg', 120, 90), 0.6)],
    ['a JPEG cut inside its header', encodePhoto('jpeg', 120, 90).subarray(0, 12)],
    ['a PNG cut in its image data', cut(encodePhoto('png', 120, 90), 0.6)],
    ['a PNG cut inside IHDR', encodePhoto('png', 120, 90).subarray(0, 20)],
    ['a WebP cut in its bitstream', cut(encodePhoto('webp', 120, 90), 0.6)],
    ['the first two bytes of a JPEG', new Uint8Array([0xff, 0xd8])],
  ])('refuses %s as incomplete', (_, bytes) => {
    const result = inspectPhoto(bytes);

    expect(result).toMatchObject({ ok: false, reason: 'truncated' });
    expect(messageOf(result)).toContain('seems incomplete');
  });

  it.each([
    ['a text file named .jpg', latin1('Order #1043 - thanks for shopping with us!\n')],
    ['an SVG document', latin1(SVG)],
    ['a GIF', GIF],
    ['a WAV file (RIFF, but not WebP)', concat(latin1('RIFF'), [36, 0, 0, 0], latin1('WAVEfmt '))],
  ])('refuses %s as not a photo we take', (_, bytes) => {
    const result = inspectPhoto(bytes);

    expect(result).toMatchObject({ ok: false, reason: 'unsupported_type' });
    expect(messageOf(result)).toContain('not a JPEG, PNG or WebP photo');
  });

  it('tells an iPhone user what to do with a HEIC photo', () => {
    const bytes = concat([0, 0, 0, 24], latin1('ftypheic'), garbage(64));

    const result = inspectPhoto(bytes);

    expect(result).toMatchObject({ ok: false, reason: 'unsupported_type' });
    expect(messageOf(result)).toContain('HEIC');
  });

  it('refuses a JPEG whose scan starts before any frame header', () => {
    const bytes = concat(
      [0xff, 0xd8, 0xff, 0xda, 0x00, 0x04, 0x00, 0x00],
      garbage(32),
      [0xff, 0xd9],
    );

    const result = inspectPhoto(bytes);

    expect(result).toMatchObject({ ok: false, reason: 'corrupt' });
  });

  it('refuses a JPEG with a segment length shorter than its own length field', () => {
    const bytes = concat([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01], garbage(32));

    const result = inspectPhoto(bytes);

    expect(result).toMatchObject({ ok: false, reason: 'corrupt' });
  });
});
