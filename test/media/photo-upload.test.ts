import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { ExifOrientation } from '../../src/media/exif-orientation';
import { acceptPhoto, fitWithin, normalisePhoto } from '../../src/media/photo-upload';
import { withExif } from '../fixtures/media/exif-fixtures';
import {
  containsText,
  cut,
  decodePhoto,
  encodePhoto,
  garbage,
  jpegClaiming,
  nearestMark,
} from '../fixtures/media/photo-fixtures';

async function storedBytes(key: string) {
  const object = await env.MEDIA.get(key);
  if (!object) throw new Error(`nothing stored under ${key}`);

  return { object, bytes: new Uint8Array(await object.arrayBuffer()) };
}

async function storedPhotoCount() {
  const listing = await env.MEDIA.list({ prefix: 'photos/' });
  return listing.objects.length;
}

async function normalisedOrFail(bytes: Uint8Array) {
  const result = await normalisePhoto(bytes);
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.value;
}

describe('acceptPhoto', () => {
  it('stores a JPEG in R2 with its content type and a long immutable cache lifetime', async () => {
    const upload = encodePhoto('png', 64, 48);

    const result = await acceptPhoto(env.MEDIA, upload);

    if (!result.ok) throw new Error(result.message);
    const { object, bytes } = await storedBytes(result.value.key);
    expect(result.value.key).toMatch(/^photos\/ph_[A-Za-z0-9_-]{22}\.jpg$/);
    expect(object.httpMetadata?.contentType).toBe('image/jpeg');
    expect(object.httpMetadata?.cacheControl).toContain('immutable');
    expect(object.httpMetadata?.cacheControl).toContain('max-age=31536000');
    expect(result.value.bytes).toBe(bytes.length);
    expect(Array.from(bytes.subarray(0, 3))).toEqual([0xff, 0xd8, 0xff]);
    expect(decodePhoto(bytes)).toMatchObject({ width: 64, height: 48 });
  });

  it('gives every stored photo its own key', async () => {
    const upload = encodePhoto('jpeg', 32, 32);

    const first = await acceptPhoto(env.MEDIA, upload);
    const second = await acceptPhoto(env.MEDIA, upload);

    expect(first.ok && second.ok).toBe(true);
    expect(first.ok && first.value.key).not.toBe(second.ok && second.value.key);
  });

  it('downscales a 2000x1500 photo to 1440 px on its long side', async () => {
    const upload = encodePhoto('jpeg', 2000, 1500);

    const result = await acceptPhoto(env.MEDIA, upload);

    if (!result.ok) throw new Error(result.message);
    const { bytes } = await storedBytes(result.value.key);
    expect(result.value).toMatchObject({ width: 1440, height: 1080 });
    expect(decodePhoto(bytes)).toMatchObject({ width: 1440, height: 1080 });
  });

  it('strips EXIF metadata such as a location', async () => {
    const marker = 'FAROUT-GPS-51.50072N-0.12462W';
    const upload = withExif(encodePhoto('jpeg', 64, 48), { description: marker, orientation: 1 });

    const result = await acceptPhoto(env.MEDIA, upload);

    if (!result.ok) throw new Error(result.message);
    const { bytes } = await storedBytes(result.value.key);
    expect(containsText(upload, marker)).toBe(true);
    expect(containsText(bytes, marker)).toBe(false);
    expect(containsText(bytes, 'Exif')).toBe(false);
  });

  it('stores a 40x20 photo tagged with orientation 6 upright, as 20x40', async () => {
    const upload = withExif(encodePhoto('jpeg', 40, 20), { orientation: 6 });

    const result = await acceptPhoto(env.MEDIA, upload);

    if (!result.ok) throw new Error(result.message);
    const { bytes } = await storedBytes(result.value.key);
    expect(result.value).toMatchObject({ width: 20, height: 40 });
    expect(decodePhoto(bytes)).toMatchObject({ width: 20, height: 40 });
  });

  it('refuses a header claiming 10000x10000 without decoding the garbage behind it', async () => {
    // The same garbage behind a small size reaches the decoder, which cannot read it.
    const control = jpegClaiming(100, 100, garbage(4096));
    const bomb = jpegClaiming(10_000, 10_000, garbage(4096));
    const before = await storedPhotoCount();

    const decoded = await acceptPhoto(env.MEDIA, control);
    const refused = await acceptPhoto(env.MEDIA, bomb);

    expect(decoded).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(refused).toMatchObject({ ok: false, reason: 'too_many_pixels' });
    expect(await storedPhotoCount()).toBe(before);
  });

  it('turns a decoder failure into a refusal and keeps working afterwards', async () => {
    const damaged = jpegClaiming(64, 48, garbage(2048));

    const refused = await acceptPhoto(env.MEDIA, damaged);
    const next = await acceptPhoto(env.MEDIA, encodePhoto('webp', 64, 48));

    expect(refused).toMatchObject({ ok: false, reason: 'corrupt' });
    expect(refused.ok ? '' : refused.message).toContain('could not be read');
    expect(next).toMatchObject({ ok: true, value: { width: 64, height: 48 } });
  });

  it('refuses a truncated PNG and stores nothing', async () => {
    const before = await storedPhotoCount();

    const result = await acceptPhoto(env.MEDIA, cut(encodePhoto('png', 200, 100), 0.5));

    expect(result).toMatchObject({ ok: false, reason: 'truncated' });
    expect(await storedPhotoCount()).toBe(before);
  });
});

type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

// EXIF 2.3, tag 0x0112: where the stored image's first pixel (red) and the last pixel of its
// first row (green) must appear once the photo is shown upright.
const UPRIGHT: Record<ExifOrientation, { red: Corner; green: Corner }> = {
  1: { red: 'top-left', green: 'top-right' },
  2: { red: 'top-right', green: 'top-left' },
  3: { red: 'bottom-right', green: 'bottom-left' },
  4: { red: 'bottom-left', green: 'bottom-right' },
  5: { red: 'top-left', green: 'bottom-left' },
  6: { red: 'top-right', green: 'bottom-right' },
  7: { red: 'bottom-right', green: 'top-right' },
  8: { red: 'bottom-left', green: 'top-left' },
};

function markAt(photo: ReturnType<typeof decodePhoto>, corner: Corner) {
  // Sample inside the corner block, clear of the JPEG blur at its edges.
  const x = corner.endsWith('left') ? 4 : photo.width - 5;
  const y = corner.startsWith('top') ? 4 : photo.height - 5;
  return nearestMark(photo.rgbAt(x, y));
}

describe('normalisePhoto', () => {
  it.each(
    ([1, 2, 3, 4, 5, 6, 7, 8] as const).flatMap((orientation) =>
      (['II', 'MM'] as const).map((byteOrder) => ({ orientation, byteOrder })),
    ),
  )('shows orientation $orientation ($byteOrder) upright', async ({ orientation, byteOrder }) => {
    const upload = withExif(encodePhoto('jpeg', 80, 40), { orientation, byteOrder });

    const { jpeg } = await normalisedOrFail(upload);

    const photo = decodePhoto(jpeg);
    const turned = orientation >= 5;
    expect(photo).toMatchObject({ width: turned ? 40 : 80, height: turned ? 80 : 40 });
    expect(markAt(photo, UPRIGHT[orientation].red)).toBe('red');
    expect(markAt(photo, UPRIGHT[orientation].green)).toBe('green');
  });

  it('downscales a portrait photo by its height', async () => {
    const upload = encodePhoto('png', 1000, 3000);

    const photo = await normalisedOrFail(upload);

    expect(photo).toMatchObject({ width: 480, height: 1440 });
  });

  it('keeps a photo that is already small enough at its size', async () => {
    const upload = encodePhoto('webp', 300, 200);

    const photo = await normalisedOrFail(upload);

    expect(photo).toMatchObject({ width: 300, height: 200 });
  });

  it('puts a transparent background on white rather than black', async () => {
    const pixels = new Uint8Array(32 * 32 * 4);

    const { jpeg } = await normalisedOrFail(encodePhoto('png', 32, 32, pixels));

    const [r, g, b] = decodePhoto(jpeg).rgbAt(16, 16);
    expect(Math.min(r, g, b)).toBeGreaterThan(245);
  });
});

describe('fitWithin', () => {
  it('never shrinks a side to nothing', () => {
    const size = fitWithin(16_000, 2, 2160);

    expect(size).toEqual({ width: 2160, height: 1 });
  });
});
