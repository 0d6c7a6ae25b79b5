import { adjust_brightness, crop, PhotonImage, sepia } from '@cf-wasm/photon/workerd';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPostImage } from '../../src/render/post-image';
import { type DifferenceImage, drawDifference } from '../../src/verify/image-diff';
import { garbage } from '../fixtures/media/photo-fixtures';
import { prng } from '../helpers/prng';
import {
  type Decoded,
  decode,
  meanColour,
  paintPhoto,
  type Rect,
  type Rgb,
} from '../render/pixels';

const BANNER = {
  rating: 5,
  comment: 'Warm socks, quick delivery, would order again.',
  storeName: 'North Wool Co.',
  colors: { background: '#0b4f2c', accent: '#f7c948', text: '#ffffff' },
};

// The picture is drawn 360 px wide, a third of the post's width, in 16 px cells.
const CELL = 16;
// A cell this much redder than grey is plainly tinted: a cell above DIFFER_THRESHOLD is.
const RED = 40;

/**
 * A photo of irregular tiles, each its own colour with its own ripple, so that every part of it
 * has texture and edges of many directions, as a real photo has.
 */
function tiledPhoto(seed: number): Uint8Array {
  const random = prng(seed);
  const tiles = Array.from({ length: 24 }, () => ({
    x: random.next() * 1080,
    y: random.next() * 810,
    colour: [random.int(30, 225), random.int(30, 225), random.int(30, 225)],
    angle: random.next() * Math.PI,
    // Ripples finer than the comparison grid (a sixth of the post's width) would alias there.
    period: random.int(60, 140),
  }));
  const nearest = (x: number, y: number) =>
    tiles.reduce((best, tile) =>
      Math.hypot(x - tile.x, y - tile.y) < Math.hypot(x - best.x, y - best.y) ? tile : best,
    );

  return paintPhoto(1080, 810, (x, y) => {
    const tile = nearest(x, y);
    const phase = (x * Math.cos(tile.angle) + y * Math.sin(tile.angle)) / tile.period;
    const ripple = 30 * Math.sin(2 * Math.PI * phase);
    return tile.colour.map((value) => value + ripple) as Rgb;
  });
}

/** A changed copy of a post, recompressed the way a platform would. */
function posted(post: Uint8Array, change: (image: PhotonImage) => PhotonImage): Uint8Array {
  const source = PhotonImage.new_from_byteslice(post);
  const changed = change(source);
  try {
    return changed.get_bytes_jpeg(85);
  } finally {
    changed.free();
    if (changed !== source) source.free();
  }
}

function inPlace(filter: (image: PhotonImage) => void) {
  return (image: PhotonImage) => {
    filter(image);
    return image;
  };
}

/** The post with a flat grey block painted over `block` (post pixels), as a shopper might. */
function paintedOver(block: Rect) {
  return (image: PhotonImage) => {
    const width = image.get_width();
    const pixels = image.get_raw_pixels();
    for (let y = block.top; y < block.top + block.height; y++) {
      for (let x = block.left; x < block.left + block.width; x++) {
        pixels.set([128, 128, 128, 255], (y * width + x) * 4);
      }
    }
    return new PhotonImage(pixels, width, image.get_height());
  };
}

function drawn(result: Awaited<ReturnType<typeof drawDifference>>): DifferenceImage {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

/** How much redder than grey a cell of the picture is drawn. */
function redness(picture: Decoded, column: number, row: number): number {
  const inner = { left: column * CELL + 2, top: row * CELL + 2, width: CELL - 4, height: CELL - 4 };
  const [r, g, b] = meanColour(picture, inner);
  return r - (g + b) / 2;
}

/** Every whole cell of the picture, with its box in picture pixels. */
function cellsOf(picture: Decoded) {
  const cells: { column: number; row: number; box: Rect }[] = [];
  for (let row = 0; (row + 1) * CELL <= picture.height; row++) {
    for (let column = 0; (column + 1) * CELL <= picture.width; column++) {
      cells.push({
        column,
        row,
        box: { left: column * CELL, top: row * CELL, width: CELL, height: CELL },
      });
    }
  }
  return cells;
}

function grown(rect: Rect, by: number): Rect {
  const { left, top, width, height } = rect;
  return { left: left - by, top: top - by, width: width + 2 * by, height: height + 2 * by };
}

function contains(outer: Rect, inner: Rect): boolean {
  return (
    inner.left >= outer.left &&
    inner.top >= outer.top &&
    inner.left + inner.width <= outer.left + outer.width &&
    inner.top + inner.height <= outer.top + outer.height
  );
}

function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.left < b.left + b.width &&
    b.left < a.left + a.width &&
    a.top < b.top + b.height &&
    b.top < a.top + a.height
  );
}

describe('drawDifference', () => {
  let post: Uint8Array;

  beforeAll(async () => {
    post = (await renderPostImage({ photo: tiledPhoto(11), ...BANNER })).bytes;
  });

  it('draws a PNG of the size it states, our post 360 px wide', async () => {
    const result = drawn(await drawDifference(post, post));

    const picture = decode(result.png);

    expect([...result.png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect([result.width, result.height]).toEqual([360, 450]);
    expect([picture.width, picture.height]).toEqual([result.width, result.height]);
  });

  it('finds almost nothing differing between a post and itself, and draws it grey', async () => {
    const result = drawn(await drawDifference(post, post));

    const picture = decode(result.png);
    const reddest = Math.max(...cellsOf(picture).map((c) => redness(picture, c.column, c.row)));

    expect(result.differingShare).toBeLessThan(0.01);
    expect(reddest).toBeLessThan(10);
  });

  it('draws red where a region was painted over and grey elsewhere', async () => {
    const block = { left: 600, top: 150, width: 300, height: 300 };
    const inPicture = { left: 200, top: 50, width: 100, height: 100 };
    // Cells within a cell and a half of the block share its border: they may go either way.
    const near = grown(inPicture, 24);

    const result = drawn(await drawDifference(post, posted(post, paintedOver(block))));

    const picture = decode(result.png);
    const cells = cellsOf(picture);
    const inside = cells.filter((c) => contains(inPicture, c.box));
    const outside = cells.filter((c) => !overlaps(near, c.box));
    const red = (c: (typeof cells)[number]) => redness(picture, c.column, c.row) > RED;
    expect(inside.length).toBeGreaterThan(20);
    expect(inside.filter(red).length / inside.length).toBeGreaterThan(0.9);
    expect(outside.filter(red).length / outside.length).toBeLessThan(0.02);
    expect(result.differingShare).toBeGreaterThan(0.04);
    expect(result.differingShare).toBeLessThan(0.12);
  });

  it.each([
    ['brightened', (image: PhotonImage) => adjust_brightness(image, 40)],
    ['sepia-toned', sepia],
  ])('finds little differing in a %s copy', async (_name, filter) => {
    const result = drawn(await drawDifference(post, posted(post, inPlace(filter))));

    expect(result.differingShare).toBeLessThan(0.03);
  });

  it('leaves what a cropped post does not show unjudged, drawn dark and never red', async () => {
    const cropped = posted(post, (image) => crop(image, 108, 135, 972, 1215));

    const result = drawn(await drawDifference(post, cropped));

    const picture = decode(result.png);
    const [r, g, b] = meanColour(picture, { left: 2, top: 2, width: 12, height: 12 });
    expect(result.shown.left).toBeCloseTo(0.1, 1);
    expect(result.shown.top).toBeCloseTo(0.1, 1);
    expect(result.shown.width).toBeCloseTo(0.8, 1);
    expect(result.differingShare).toBeLessThan(0.03);
    expect([r, g]).toEqual([b, b]);
    expect(b).toBeLessThan(0.3 * 255);
  });

  it('finds most of the photo differing when our band holds another photo', async () => {
    const other = await renderPostImage({ photo: tiledPhoto(12), ...BANNER });

    const result = drawn(await drawDifference(post, other.bytes));

    // The photo is 60% of the post; the band around it is the same.
    expect(result.differingShare).toBeGreaterThan(0.4);
  });

  it('returns a failure, not an exception, for bytes that are not an image', async () => {
    const posting = await drawDifference(post, garbage(5000));
    const ours = await drawDifference(garbage(5000), post);

    expect(posting).toEqual({
      ok: false,
      reason: 'undecodable',
      message: 'The posted image could not be read as a JPEG, PNG or WebP file.',
    });
    expect(ours.ok === false && ours.reason).toBe('undecodable');
  });

  it('returns a failure for a posted image too small to compare', async () => {
    const tiny = paintPhoto(40, 50, () => [90, 90, 90]);

    const result = await drawDifference(post, tiny);

    expect(result.ok === false && result.reason).toBe('tooSmall');
  });
});
