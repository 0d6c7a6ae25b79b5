import type { EdgeSet } from './image-edges';
import type { Gradients } from './image-pixels';

/**
 * Where the posted image sits in ours: the rectangle of our image (in our finest-scale pixels)
 * that the posted image shows, scaled the same both ways, so its height follows from its width.
 */
export type Alignment = { left: number; top: number; width: number };

/** An alignment with how well our edges agree with the posted image's under it. */
export type ScoredAlignment = Alignment & { value: number };

/** The posted image's gradients at one scale, each vector shrunk by how strong it is. */
export type DirectionField = { width: number; height: number; nx: Float32Array; ny: Float32Array };

/** The search space: our size, the posted image's shape and the smallest share it may show. */
export type SearchBounds = {
  oursWidth: number;
  oursHeight: number;
  /** Posted height over posted width. */
  aspect: number;
  /** The posted image shows at least this share of our width or of our height. */
  minSpan: number;
  /** How far, as a share of our size, the rectangle may reach past our edges. */
  slack: number;
};

/**
 * Gradient vectors divided by (length + the image's mean length): strong edges count about 1,
 * texture and noise little, and a brighter or more contrasted copy gives nearly the same field.
 */
export function directionField(field: Gradients): DirectionField {
  let total = 0;
  for (let i = 0; i < field.magnitude.length; i++) total += field.magnitude[i] ?? 0;
  const soften = total / field.magnitude.length + 1;
  const nx = new Float32Array(field.gx.length);
  const ny = new Float32Array(field.gy.length);

  for (let i = 0; i < nx.length; i++) {
    const scale = 1 / ((field.magnitude[i] ?? 0) + soften);
    nx[i] = (field.gx[i] ?? 0) * scale;
    ny[i] = (field.gy[i] ?? 0) * scale;
  }
  return { width: field.width, height: field.height, nx, ny };
}

// The photo counts for more than the band when placing the posted image: the band is the same
// in every post of a campaign, the photo is what makes this post this shopper's.
const PHOTO_WEIGHT = 0.6;

/** `values` at (x, y) in pixel units, blended from the four nearest pixel centres. */
function bilinear(values: Float32Array, width: number, x: number, y: number): number {
  const cx = x | 0;
  const cy = y | 0;
  const wx = x - cx;
  const wy = y - cy;
  const i = cy * width + cx;
  const top = (values[i] ?? 0) * (1 - wx) + (values[i + 1] ?? 0) * wx;
  const bottom = (values[i + width] ?? 0) * (1 - wx) + (values[i + width + 1] ?? 0) * wx;
  return top * (1 - wy) + bottom * wy;
}

/** The posted image's direction at (x, y) in pixel units, projected on (ux, uy). */
function directionAt(
  field: DirectionField,
  x: number,
  y: number,
  ux: number,
  uy: number,
  smooth: boolean,
) {
  if (smooth)
    return ux * bilinear(field.nx, field.width, x, y) + uy * bilinear(field.ny, field.width, x, y);
  const i = ((y + 0.5) | 0) * field.width + ((x + 0.5) | 0);
  return ux * (field.nx[i] ?? 0) + uy * (field.ny[i] ?? 0);
}

/**
 * How well our edges line up with the posted image's under one alignment: the mean agreement
 * of direction over the edges the posted image shows, the photo and the band weighed apart.
 * `smooth` samples between pixels, so that sub-pixel moves count; the coarse search, which moves
 * a whole pixel at a time, reads the nearest pixel instead and saves about a third of its time.
 */
export function agreement(
  edges: EdgeSet,
  field: DirectionField,
  at: Alignment,
  smooth = true,
): number {
  const k = field.width / at.width;
  const { x, y, ux, uy, inPhoto } = edges;
  const maxX = field.width - 1;
  const maxY = field.height - 1;
  let photoSum = 0;
  let photoCount = 0;
  let bandSum = 0;
  let bandCount = 0;

  for (let e = 0; e < edges.count; e++) {
    // Pixel centres sit at +0.5: this is the posted image's pixel grid, shifted by half a pixel.
    const tx = ((x[e] ?? 0) - at.left) * k - 0.5;
    const ty = ((y[e] ?? 0) - at.top) * k - 0.5;
    if (!(tx >= 0 && ty >= 0 && tx < maxX && ty < maxY)) continue;
    const dot = directionAt(field, tx, ty, ux[e] ?? 0, uy[e] ?? 0, smooth);
    if (inPhoto[e] === 1) {
      photoSum += dot;
      photoCount++;
    } else {
      bandSum += dot;
      bandCount++;
    }
  }

  const photo = photoCount > 0 ? photoSum / photoCount : 0;
  const band = bandCount > 0 ? bandSum / bandCount : photo;
  return PHOTO_WEIGHT * photo + (1 - PHOTO_WEIGHT) * band;
}

function widthRange(bounds: SearchBounds) {
  const fit = Math.min(bounds.oursWidth, bounds.oursHeight / bounds.aspect);
  return { min: fit * bounds.minSpan, max: fit * (1 + bounds.slack) };
}

/** The alignment moved back inside the bounds, if a step took it out. */
function clamp(at: Alignment, bounds: SearchBounds): Alignment {
  const widths = widthRange(bounds);
  const width = Math.min(widths.max, Math.max(widths.min, at.width));
  const slackX = bounds.slack * bounds.oursWidth;
  const slackY = bounds.slack * bounds.oursHeight;
  const lastLeft = bounds.oursWidth - width + slackX;
  const lastTop = bounds.oursHeight - width * bounds.aspect + slackY;
  return {
    left: Math.min(lastLeft, Math.max(-slackX, at.left)),
    top: Math.min(lastTop, Math.max(-slackY, at.top)),
    width,
  };
}

function keepBest(best: ScoredAlignment[], candidate: ScoredAlignment, size: number) {
  if (best.length === size && candidate.value <= (best[size - 1]?.value ?? -1)) return;
  best.push(candidate);
  best.sort((a, b) => b.value - a.value);
  if (best.length > size) best.pop();
}

/**
 * Tries every alignment the bounds allow on a grid (`step` pixels for the position, `widthStep`
 * for the size) and returns the best `keep`, best first.
 */
export function coarseSearch(
  edges: EdgeSet,
  field: DirectionField,
  bounds: SearchBounds,
  grid: { step: number; widthStep: number; keep: number },
): ScoredAlignment[] {
  const widths = widthRange(bounds);
  const slackX = bounds.slack * bounds.oursWidth;
  const slackY = bounds.slack * bounds.oursHeight;
  const best: ScoredAlignment[] = [];

  for (let width = widths.max; width >= widths.min; width -= grid.widthStep) {
    const lastLeft = bounds.oursWidth - width + slackX;
    const lastTop = bounds.oursHeight - width * bounds.aspect + slackY;
    for (let left = -slackX; left <= lastLeft; left += grid.step) {
      for (let top = -slackY; top <= lastTop; top += grid.step) {
        const value = agreement(edges, field, { left, top, width }, false);
        keepBest(best, { left, top, width, value }, grid.keep);
      }
    }
  }
  return best;
}

const MOVES = [
  [1, 0, 0],
  [-1, 0, 0],
  [0, 1, 0],
  [0, -1, 0],
  [0, 0, 1],
  [0, 0, -1],
] as const;

function moved(at: Alignment, move: (typeof MOVES)[number], size: number, bounds: SearchBounds) {
  const [dx, dy, dw] = move;
  // A change of width keeps the centre in place, so that the three moves barely interact.
  const grow = dw * size;
  return clamp(
    {
      left: at.left + dx * size - grow / 2,
      top: at.top + dy * size - (grow * bounds.aspect) / 2,
      width: at.width + grow,
    },
    bounds,
  );
}

/**
 * Climbs from `start` to the best alignment nearby: moves by `step` pixels (position or width)
 * while that improves the agreement, then halves the step, down to `finest`.
 */
export function refine(
  edges: EdgeSet,
  field: DirectionField,
  bounds: SearchBounds,
  start: Alignment,
  steps: { step: number; finest: number },
): ScoredAlignment {
  const from = clamp(start, bounds);
  let best: ScoredAlignment = { ...from, value: agreement(edges, field, from) };

  for (let size = steps.step; size >= steps.finest; size /= 2) {
    let improved = true;
    while (improved) {
      improved = false;
      for (const move of MOVES) {
        const at = moved(best, move, size, bounds);
        const value = agreement(edges, field, at);
        if (value <= best.value + 1e-9) continue;
        best = { ...at, value };
        improved = true;
      }
    }
  }
  return best;
}
