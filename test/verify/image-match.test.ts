import {
  adjust_brightness,
  crop,
  grayscale,
  PhotonImage,
  resize,
  SamplingFilter,
  saturate_hsl,
  sepia,
} from '@cf-wasm/photon/workerd';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPostImage } from '../../src/render/post-image';
import { PHOTO_HEIGHT, POST_HEIGHT } from '../../src/render/template';
import { decodeImage } from '../../src/verify/image-decode';
import {
  MATCH_THRESHOLD,
  type MatchResult,
  matchImages,
  matchPrepared,
  type OurFeatures,
  PHOTO_SHARE,
  prepareOurs,
  type RgbaImage,
} from '../../src/verify/image-match';

const BANNER = {
  rating: 4,
  comment: 'Lovely shoes, arrived fast and fit perfectly.',
  storeName: 'Acme Shoes',
  colors: { background: '#1f1235', accent: '#ff8e3c', text: '#ffffff' },
};

/** A seeded scene: a light gradient under overlapping discs and boxes, each its own colour. */
function scenePixels(seed: number, width: number, height: number): Uint8Array {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const shapes = Array.from({ length: 40 }, () => ({
    disc: next() > 0.5,
    x: next() * width,
    y: next() * height,
    size: (0.03 + next() * 0.12) * width,
    colour: [next() * 255, next() * 255, next() * 255],
  }));
  const pixels = new Uint8Array(width * height * 4);

  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let colour = [90 + (100 * x) / width, 120, 200 - (120 * y) / height];
      for (const s of shapes) {
        const inside = s.disc
          ? Math.hypot(x - s.x, y - s.y) < s.size
          : Math.abs(x - s.x) < s.size && Math.abs(y - s.y) < s.size * 0.6;
        if (inside) colour = s.colour;
      }
      pixels.set([...colour, 255], (y * width + x) * 4);
    }
  }
  return pixels;
}

function jpegOf(image: PhotonImage, quality = 88): Uint8Array {
  try {
    return image.get_bytes_jpeg(quality);
  } finally {
    image.free();
  }
}

function scene(seed: number): Uint8Array {
  return jpegOf(new PhotonImage(scenePixels(seed, 1200, 900), 1200, 900), 92);
}

/** The middle of the scene seen 1.35 times closer, as another shot of the same scene would be. */
function zoomedScene(seed: number): Uint8Array {
  const full = new PhotonImage(scenePixels(seed, 1200, 900), 1200, 900);
  const part = crop(full, 200, 110, 200 + 889, 110 + 667);
  full.free();
  return jpegOf(part, 92);
}

function decoded(bytes: Uint8Array): RgbaImage {
  const result = decodeImage(bytes);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

type Variant = (image: PhotonImage) => PhotonImage;

function cropShare(image: PhotonImage, left: number, top: number, right: number, bottom: number) {
  const w = image.get_width();
  const h = image.get_height();
  const x2 = Math.round(w * (1 - right));
  return crop(image, Math.round(w * left), Math.round(h * top), x2, Math.round(h * (1 - bottom)));
}

function resizedTo(width: number): Variant {
  return (image) =>
    resize(image, width, Math.round((width * 1350) / 1080), SamplingFilter.Lanczos3);
}

function inPlace(filter: (image: PhotonImage) => void): Variant {
  return (image) => {
    filter(image);
    return image;
  };
}

/** A round yellow sticker, a tenth of the width across, on the right of the photo. */
function withSticker(image: PhotonImage): PhotonImage {
  const w = image.get_width();
  const pixels = image.get_raw_pixels();
  const radius = w / 20;
  for (let y = 0; y < image.get_height(); y++) {
    for (let x = 0; x < w; x++) {
      if (Math.hypot(x - w * 0.8, y - w * 0.3) < radius)
        pixels.set([250, 210, 40, 255], (y * w + x) * 4);
    }
  }
  return new PhotonImage(pixels, w, image.get_height());
}

const POSITIVES: [string, Variant, number][] = [
  ['recompression at quality 70', (image) => image, 70],
  ['a resize to 640 px wide', resizedTo(640), 80],
  ['a resize to a 320 px thumbnail', resizedTo(320), 75],
  ['a square centre crop', (image) => cropShare(image, 0, 0.1, 0, 0.1), 85],
  ['a crop of 10% on every edge', (image) => cropShare(image, 0.1, 0.1, 0.1, 0.1), 85],
  ['a grayscale filter', inPlace(grayscale), 85],
  ['a sepia filter', inPlace(sepia), 85],
  ['more saturation', inPlace((image) => saturate_hsl(image, 0.3)), 85],
  ['more brightness', inPlace((image) => adjust_brightness(image, 40)), 85],
  ['a sticker on the photo', withSticker, 85],
];

describe('matchImages', () => {
  let ourBytes: Uint8Array;
  let ours: OurFeatures;
  const check = (bytes: Uint8Array): MatchResult => matchPrepared(ours, decoded(bytes));

  beforeAll(async () => {
    ourBytes = (await renderPostImage({ photo: scene(1), ...BANNER })).bytes;
    ours = prepareOurs(decoded(ourBytes));
  });

  it.each(POSITIVES)('accepts our post after %s', (_name, variant, quality) => {
    const source = PhotonImage.new_from_byteslice(ourBytes);
    const changed = variant(source);
    if (changed !== source) source.free();

    const result = check(jpegOf(changed, quality));

    expect(result.score).toBeGreaterThanOrEqual(MATCH_THRESHOLD);
    expect(result.match).toBe(true);
  });

  it('finds the part of our post that a cropped post shows', () => {
    const source = PhotonImage.new_from_byteslice(ourBytes);
    const cropped = cropShare(source, 0.1, 0.1, 0.1, 0.1);
    source.free();

    const { parts } = check(jpegOf(cropped));

    expect(parts.left).toBeCloseTo(0.1, 1);
    expect(parts.top).toBeCloseTo(0.1, 1);
    expect(parts.width).toBeCloseTo(0.8, 1);
  });

  it('rejects our template with the same band around another photo, on the photo', async () => {
    const other = await renderPostImage({ photo: scene(2), ...BANNER });

    const result = check(other.bytes);

    expect(result.match).toBe(false);
    expect(result.parts.band).toBeGreaterThan(0.8);
    expect(result.parts.photo).toBeLessThan(0.3);
  });

  it('rejects the same scene zoomed 1.35 times inside the same band', async () => {
    const reframed = await renderPostImage({ photo: zoomedScene(1), ...BANNER });

    const result = check(reframed.bytes);

    expect(result.match).toBe(false);
    expect(result.score).toBeLessThan(0.75);
  });

  it('rejects another photo on its own', () => {
    const photo = PhotonImage.new_from_byteslice(scene(3));
    const posted = resize(photo, 1080, 810, SamplingFilter.Lanczos3);
    photo.free();

    const result = check(jpegOf(posted));

    expect(result.match).toBe(false);
    expect(result.score).toBeLessThan(0.5);
  });

  it('gives the same result with or without preparing our image first', () => {
    const posted = decoded(ourBytes);

    const direct = matchImages(decoded(ourBytes), posted);

    expect(direct).toEqual(matchPrepared(ours, posted));
    expect(direct.score).toBeGreaterThan(0.99);
  });

  it('does not compare a posted image too small to judge, and says so', () => {
    const tiny = { width: 40, height: 50, data: new Uint8Array(40 * 50 * 4).fill(128) };

    const result = matchPrepared(ours, tiny);

    expect(result).toEqual({ score: 0, match: false, confident: true, parts: { tooSmall: 1 } });
  });

  it('does not compare a thin strip, and says so', () => {
    const strip = { width: 1080, height: 100, data: new Uint8Array(1080 * 100 * 4).fill(90) };

    const result = matchPrepared(ours, strip);

    expect(result).toEqual({ score: 0, match: false, confident: true, parts: { oddShape: 1 } });
  });

  it('scores a blank posted image as no match rather than failing', () => {
    const blank = { width: 1080, height: 1350, data: new Uint8Array(1080 * 1350 * 4).fill(255) };

    const result = matchPrepared(ours, blank);

    expect(result.match).toBe(false);
    expect(result.score).toBe(0);
  });
});

describe('decodeImage', () => {
  it('refuses bytes that are not an image with a message for people', () => {
    const result = decodeImage(
      new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'),
    );

    expect(result).toEqual({
      ok: false,
      reason: 'undecodable',
      message: 'The image could not be read as a JPEG, PNG or WebP file.',
    });
  });

  it('decodes a JPEG to RGBA pixels at its own size', () => {
    const bytes = jpegOf(new PhotonImage(scenePixels(4, 300, 200), 300, 200));

    const result = decodeImage(bytes);

    expect(result.ok && [result.value.width, result.value.height]).toEqual([300, 200]);
    expect(result.ok && result.value.data.length).toBe(300 * 200 * 4);
  });
});

describe('PHOTO_SHARE', () => {
  it('matches the share of the post that the template gives the photo', () => {
    expect(PHOTO_SHARE).toBe(PHOTO_HEIGHT / POST_HEIGHT);
  });
});
