import { PhotonImage } from '@cf-wasm/photon/workerd';
import { fail, ok, type Result } from '../lib/result';
import { decodeImage } from './image-decode';
import {
  CELL,
  type CellDifferences,
  cellDifferences,
  placeTheirs,
  type ShownPart,
} from './image-diff-cells';
import { matchPrepared, prepareOurs } from './image-match';
import { type GreyImage, greyscale, halve, type RgbaImage } from './image-pixels';

export type { ShownPart } from './image-diff-cells';

/** Our image dimmed to grey, with every cell tinted red by how much the posted image differs. */
export type DifferenceImage = {
  /** PNG bytes, `width` by `height`. */
  png: Uint8Array;
  width: number;
  height: number;
  /** Share of the cells the posted image shows that differ more than DIFFER_THRESHOLD. */
  differingShare: number;
  shown: ShownPart;
};

export type DifferenceFailure = 'undecodable' | 'tooSmall' | 'oddShape';

/** A cell whose difference is above this counts in `differingShare`. */
export const DIFFER_THRESHOLD = 0.5;

// The picture is drawn 360 px wide in 16 px cells: twice the comparison grid's size and cells.
const DRAW_WIDTH = 360;
const DRAW_CELL = 2 * CELL;
// Cells below TINT_FLOOR show no red, cells at TINT_FULL and above the most.
const TINT_FLOOR = 0.35;
const TINT_FULL = 0.75;
const TINT_MAX = 0.8;
const RED = [235, 30, 30] as const;

function undecodable(whose: string) {
  return fail('undecodable', `The ${whose} could not be read as a JPEG, PNG or WebP file.`);
}

/** Where the posted image sits in ours, as the image check finds it. */
function locate(ours: RgbaImage, theirs: RgbaImage): Result<ShownPart, 'tooSmall' | 'oddShape'> {
  const { parts } = matchPrepared(prepareOurs(ours), theirs);

  if (parts.tooSmall) return fail('tooSmall', 'One of the images is too small to compare.');
  if (parts.oddShape) return fail('oddShape', 'One of the images is too long and thin to compare.');
  const width = parts.width ?? 1;
  const height = (width * theirs.height * ours.width) / (theirs.width * ours.height);
  return ok({ left: parts.left ?? 0, top: parts.top ?? 0, width, height });
}

/** Our image dimmed to grey; cells tinted red by difference, cells not shown darker still. */
function paint(base: GreyImage, cells: CellDifferences): Uint8Array {
  const pixels = new Uint8Array(base.width * base.height * 4).fill(255);

  for (let y = 0; y < base.height; y++) {
    const row = Math.min(cells.down - 1, Math.floor(y / DRAW_CELL)) * cells.across;
    for (let x = 0; x < base.width; x++) {
      const difference = cells.values[row + Math.min(cells.across - 1, Math.floor(x / DRAW_CELL))];
      const grey = base.data[y * base.width + x] ?? 0;
      const i = (y * base.width + x) * 4;
      const judged = difference !== undefined && !Number.isNaN(difference);
      const dim = judged ? 60 + grey * 0.55 : grey * 0.3;
      const tint = judged ? (difference - TINT_FLOOR) / (TINT_FULL - TINT_FLOOR) : 0;
      const a = Math.min(1, Math.max(0, tint)) * TINT_MAX;
      pixels[i] = dim + a * (RED[0] - dim);
      pixels[i + 1] = dim + a * (RED[1] - dim);
      pixels[i + 2] = dim + a * (RED[2] - dim);
    }
  }
  return pixels;
}

function encodePng(pixels: Uint8Array, width: number, height: number): Uint8Array {
  const image = new PhotonImage(pixels, width, height);
  try {
    return image.get_bytes();
  } finally {
    image.free();
  }
}

/**
 * Draws where a posted image (`theirs`) differs from our post image (`ours`), for a person to
 * review side by side: the posted image is aligned onto ours first, so crops, resizes and
 * filters show little red and painted-over or replaced parts show a lot.
 * Colour is not compared (filters change it freely), so a region recoloured at the same
 * brightness and texture goes unseen; comparing hue where both images keep one would lift that.
 * Film grain and tight vignettes are not cancelled and show as faint red in flat areas.
 */
export async function drawDifference(
  ours: Uint8Array,
  theirs: Uint8Array,
): Promise<Result<DifferenceImage, DifferenceFailure>> {
  const ourPixels = decodeImage(ours);
  if (!ourPixels.ok) return undecodable('post image we rendered');
  const theirPixels = decodeImage(theirs);
  if (!theirPixels.ok) return undecodable('posted image');

  const shown = locate(ourPixels.value, theirPixels.value);
  if (!shown.ok) return shown;

  const base = greyscale(ourPixels.value, DRAW_WIDTH);
  const grid = halve(base);
  const cells = cellDifferences(grid, placeTheirs(theirPixels.value, shown.value, grid));

  const judged = cells.values.filter((value) => !Number.isNaN(value));
  const differing = judged.filter((value) => value > DIFFER_THRESHOLD).length;
  const png = encodePng(paint(base, cells), base.width, base.height);
  return ok({
    png,
    width: base.width,
    height: base.height,
    differingShare: differing / (judged.length || 1),
    shown: shown.value,
  });
}
