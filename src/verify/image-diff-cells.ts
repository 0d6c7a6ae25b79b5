/**
 * Cell by cell comparison of a posted image with ours on a small greyscale grid, for the
 * difference picture (image-diff.ts). Plain TypeScript, like image-pixels.ts.
 */
import { type GreyImage, greyscale, type RgbaImage } from './image-pixels';

/** The part of our image a posted image shows, as shares of our width and height. */
export type ShownPart = { left: number; top: number; width: number; height: number };

/**
 * A cell's side on the comparison grid, in pixels. The grid is half the size of the picture
 * drawn (180 px wide for our 1080 px post): halving averages away most of the JPEG noise and
 * resampling blur that would otherwise read as difference, and keeps every buffer small.
 */
export const CELL = 8;
// Each cell is judged over a window this many pixels wider on every side.
const WINDOW_MARGIN = 3;
// seen, ours, theirs, ours squared, theirs squared, ours times theirs.
const SUMS = 6;
// The posted image is also compared moved by each of these, in grid pixels.
const SHIFTS = [-1, 0, 1].flatMap((dy) => [-1, 0, 1].map((dx) => [dx, dy] as const));
// A cell half outside the posted image (a crop) is not judged.
const MIN_SEEN = 0.5;
// The stabiliser of SSIM's contrast-structure term, (0.03 * 255)^2: two cells flatter than
// about 5 grey levels agree whatever their texture, as JPEG noise would otherwise decide.
const FLAT = (0.03 * 255) ** 2;
// After tone matching, a cell this many grey levels lighter or darker counts as fully different.
const TONE_RANGE = 64;
// Neighbourhood of a cell for its tone residual: this many cells each way (7 by 7 cells, about
// a third of the image's width).
const TONE_REACH = 3;

/** `image` at (x, y) in pixel units, blended from the four nearest pixel centres. */
function sampleAt(image: GreyImage, x: number, y: number): number {
  const cx = Math.min(image.width - 2, Math.max(0, Math.floor(x)));
  const cy = Math.min(image.height - 2, Math.max(0, Math.floor(y)));
  const fx = Math.min(1, Math.max(0, x - cx));
  const fy = Math.min(1, Math.max(0, y - cy));
  const row = cy * image.width + cx;
  const { data } = image;
  const upper = (data[row] ?? 0) + fx * ((data[row + 1] ?? 0) - (data[row] ?? 0));
  const below = row + image.width;
  const lower = (data[below] ?? 0) + fx * ((data[below + 1] ?? 0) - (data[below] ?? 0));
  return upper + fy * (lower - upper);
}

/** Where our comparison grid's pixel (x, y) falls in the posted image: at (x - left) * scale. */
export type Placement = { source: GreyImage; left: number; top: number; scale: number };

/** The posted image's brightness on our comparison grid, and which pixels of it it shows. */
type Sampled = { data: Float32Array; seen: Uint8Array };

/** The posted image at the size it covers on our grid, and where it sits there. */
export function placeTheirs(theirs: RgbaImage, shown: ShownPart, grid: GreyImage): Placement {
  const spanned = shown.width * grid.width;
  const source = greyscale(theirs, Math.ceil(spanned));
  const left = shown.left * grid.width;
  return { source, left, top: shown.top * grid.height, scale: source.width / spanned };
}

/** The posted image sampled onto our grid, moved by (dx, dy) grid pixels from its placement. */
function sampleTheirs(at: Placement, grid: GreyImage, dx: number, dy: number): Sampled {
  const { source, scale } = at;
  const data = new Float32Array(grid.data.length);
  const seen = new Uint8Array(grid.data.length);

  for (let y = 0; y < grid.height; y++) {
    const sy = (y + 0.5 - at.top - dy) * scale - 0.5;
    if (sy < -0.5 || sy > source.height - 0.5) continue;
    for (let x = 0; x < grid.width; x++) {
      const sx = (x + 0.5 - at.left - dx) * scale - 0.5;
      if (sx < -0.5 || sx > source.width - 0.5) continue;
      data[y * grid.width + x] = sampleAt(source, sx, sy);
      seen[y * grid.width + x] = 1;
    }
  }
  return { data, seen };
}

function cumulative({ data, seen }: Sampled): Float64Array {
  const counts = new Float64Array(256);
  let total = 0;
  for (let i = 0; i < data.length; i++) {
    if (seen[i] !== 1) continue;
    const bin = Math.min(255, Math.max(0, Math.round(data[i] ?? 0)));
    counts[bin] = (counts[bin] ?? 0) + 1;
    total++;
  }
  let running = 0;
  for (let bin = 0; bin < 256; bin++) {
    running += counts[bin] ?? 0;
    counts[bin] = running / (total || 1);
  }
  return counts;
}

/**
 * The tone curve that gives the posted image's brightness our distribution over the pixels it
 * shows: any global curve (brightness, contrast, exposure, a faded or grey filter) cancels out.
 */
function toneCurve(ours: GreyImage, theirs: Sampled): Float32Array {
  const target = cumulative({ data: ours.data, seen: theirs.seen });
  const source = cumulative(theirs);
  const curve = new Float32Array(256);
  let level = 0;

  for (let bin = 0; bin < 256; bin++) {
    while (level < 255 && (target[level] ?? 1) < (source[bin] ?? 1)) level++;
    curve[bin] = level;
  }
  return curve;
}

function applyCurve(sampled: Sampled, curve: Float32Array): Sampled {
  const { data } = sampled;
  for (let i = 0; i < data.length; i++) {
    data[i] = curve[Math.min(255, Math.max(0, Math.round(data[i] ?? 0)))] ?? 0;
  }
  return sampled;
}

/** One minus SSIM's contrast-structure term, which a uniform filter leaves near 1. */
function structureDifference(sums: Float64Array): number {
  const [n = 1, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0] = sums;
  const ma = sa / n;
  const mb = sb / n;
  const cov = sab / n - ma * mb;
  const structure = (2 * cov + FLAT) / (saa / n - ma * ma + (sbb / n - mb * mb) + FLAT);
  return Math.min(1, Math.max(0, 1 - structure));
}

type SummedTable = { stride: number; table: Float64Array };

/** A cell's sums over its window, and the window's area in pixels. */
type Window = { sums: Float64Array; area: number };

/**
 * Running sums from the top-left corner, per pixel of the comparison grid, of: seen, ours,
 * theirs, ours squared, theirs squared, ours times theirs (unseen pixels count zero), so that
 * any window's sums take four reads.
 */
function summedTable(ours: GreyImage, { data: theirs, seen }: Sampled): SummedTable {
  const stride = (ours.width + 1) * SUMS;
  const table = new Float64Array(stride * (ours.height + 1));
  const row = new Float64Array(SUMS);

  for (let y = 0; y < ours.height; y++) {
    row.fill(0);
    for (let x = 0; x < ours.width; x++) {
      const i = y * ours.width + x;
      const weight = seen[i] ?? 0;
      const a = weight * (ours.data[i] ?? 0);
      const b = weight * (theirs[i] ?? 0);
      row[0] = (row[0] ?? 0) + weight;
      row[1] = (row[1] ?? 0) + a;
      row[2] = (row[2] ?? 0) + b;
      row[3] = (row[3] ?? 0) + a * a;
      row[4] = (row[4] ?? 0) + b * b;
      row[5] = (row[5] ?? 0) + a * b;
      const at = (y + 1) * stride + (x + 1) * SUMS;
      for (let k = 0; k < SUMS; k++) table[at + k] = (table[at + k - stride] ?? 0) + (row[k] ?? 0);
    }
  }
  return { stride, table };
}

/** The sums over the window from (x0, y0) to (x1, y1), exclusive. */
function windowSums(
  { stride, table }: SummedTable,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
) {
  const sums = new Float64Array(SUMS);
  for (let k = 0; k < SUMS; k++) {
    const corner = (x: number, y: number) => table[y * stride + x * SUMS + k] ?? 0;
    sums[k] = corner(x1, y1) - corner(x0, y1) - corner(x1, y0) + corner(x0, y0);
  }
  return sums;
}

/**
 * Each cell's sums over its window: the cell and WINDOW_MARGIN pixels around it, so that an
 * edge lying on a cell's border, a fraction of a pixel apart in the two images, falls inside
 * both windows instead of in one cell of one image and the next cell of the other.
 */
function cellSums(ours: GreyImage, table: SummedTable, across: number, down: number): Window[] {
  return Array.from({ length: across * down }, (_, cell) => {
    const cx = cell % across;
    const cy = (cell - cx) / across;
    const x0 = Math.max(0, cx * CELL - WINDOW_MARGIN);
    const y0 = Math.max(0, cy * CELL - WINDOW_MARGIN);
    const x1 = Math.min(ours.width, (cx + 1) * CELL + WINDOW_MARGIN);
    const y1 = Math.min(ours.height, (cy + 1) * CELL + WINDOW_MARGIN);
    return { sums: windowSums(table, x0, y0, x1, y1), area: (x1 - x0) * (y1 - y0) };
  });
}

function median(values: number[]): number {
  const sorted = values.sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * How far each cell's brightness offset (theirs minus ours) strays from its neighbours'
 * median: a filter that darkens by region (a vignette) moves whole neighbourhoods together and
 * cancels, paint over part of a cell's neighbourhood does not.
 */
function toneResidual(offsets: number[], across: number): number[] {
  const down = offsets.length / across;
  return offsets.map((offset, cell) => {
    if (Number.isNaN(offset)) return Number.NaN;
    const cx = cell % across;
    const cy = (cell - cx) / across;
    const around: number[] = [];
    for (let y = Math.max(0, cy - TONE_REACH); y <= Math.min(down - 1, cy + TONE_REACH); y++) {
      for (let x = Math.max(0, cx - TONE_REACH); x <= Math.min(across - 1, cx + TONE_REACH); x++) {
        const other = offsets[y * across + x] ?? Number.NaN;
        if (!Number.isNaN(other)) around.push(other);
      }
    }
    return Math.abs(offset - median(around));
  });
}

/** Cells `across` by `down`, row by row, each 0 (the same) to 1 (unrelated) or NaN (not shown). */
export type CellDifferences = { across: number; down: number; values: number[] };

/**
 * Per-cell differences over the comparison grid, 0 to 1: the larger of the tone residual and
 * the structure difference, the least of it with the posted image moved by up to a grid pixel
 * each way; NaN for a cell the posted image hardly shows. The moves absorb what the alignment
 * leaves: about a pixel at this size, more at the far end when its scale is a little off.
 */
export function cellDifferences(ours: GreyImage, at: Placement): CellDifferences {
  const across = Math.ceil(ours.width / CELL);
  const down = Math.ceil(ours.height / CELL);
  const still = sampleTheirs(at, ours, 0, 0);
  const curve = toneCurve(ours, still);
  const seenEnough = ({ sums, area }: Window) => (sums[0] ?? 0) >= MIN_SEEN * area;
  const structure = new Float32Array(across * down).fill(1);
  let offsets: number[] = [];

  for (const [dx, dy] of SHIFTS) {
    const sampled = dx === 0 && dy === 0 ? still : sampleTheirs(at, ours, dx, dy);
    const windows = cellSums(ours, summedTable(ours, applyCurve(sampled, curve)), across, down);
    windows.forEach((w, cell) => {
      if (!seenEnough(w)) return;
      structure[cell] = Math.min(structure[cell] ?? 1, structureDifference(w.sums));
    });
    if (dx !== 0 || dy !== 0) continue;
    offsets = windows.map(({ sums }, cell) =>
      seenEnough(windows[cell] as Window)
        ? ((sums[2] ?? 0) - (sums[1] ?? 0)) / (sums[0] ?? 1)
        : Number.NaN,
    );
  }

  const values = toneResidual(offsets, across).map((tone, cell) =>
    Math.min(1, Math.max(tone / TONE_RANGE, structure[cell] ?? 1)),
  );
  return { across, down, values };
}
