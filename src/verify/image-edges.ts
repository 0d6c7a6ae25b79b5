import type { Gradients } from './image-pixels';

/**
 * The strongest edges of one image at one scale. Positions are pixel centres in the coordinates
 * of the finest scale, so every scale maps onto the other image with the same alignment.
 */
export type EdgeSet = {
  count: number;
  x: Float32Array;
  y: Float32Array;
  /** Unit vector along the brightness gradient: which way the edge faces. */
  ux: Float32Array;
  uy: Float32Array;
  /** 1 where the edge lies in the photo part of the post, 0 in the band below it. */
  inPhoto: Uint8Array;
};

/** How many edges to keep from the photo part and from the band. */
export type EdgeBudget = { photo: number; band: number };

// Below this gradient (grey levels a pixel, after the blur) an "edge" is JPEG noise or banding.
const NOISE_FLOOR = 2;
// Edges weaker than this share of the part's strong edges (the 98th percentile) are left out:
// a soft shading in a smooth sky points the same way in many unrelated photos.
const RELATIVE_FLOOR = 0.15;
const PEAK_RANK = 0.02;
// ...unless the part has hardly anything else to go on.
const MIN_EDGES = 40;
// The line where the photo meets the band is the same in every post of the template, so it says
// nothing about the photo: rows this close to it are left out of both parts.
const SEAM = 3;
// Edges are spread over cells of this many pixels, each taking at most a few times its even
// share, so that a sticker over the subject costs about its area and no more.
const CELL = 16;
const CELL_SHARE = 3;

/** True where the gradient is a local maximum across the edge: the centre line of an edge. */
function isRidge(field: Gradients, i: number): boolean {
  const m = field.magnitude[i] ?? 0;
  const ax = Math.abs(field.gx[i] ?? 0);
  const ay = Math.abs(field.gy[i] ?? 0);
  let step = 1;
  if (ay > 2.414 * ax) step = field.width;
  else if (ay * 2.414 >= ax) {
    const sameSign = (field.gx[i] ?? 0) * (field.gy[i] ?? 0) > 0;
    step = sameSign ? field.width + 1 : field.width - 1;
  }
  return m >= (field.magnitude[i - step] ?? 0) && m > (field.magnitude[i + step] ?? 0);
}

function ridgesByStrength(field: Gradients, top: number, bottom: number): number[] {
  const found: number[] = [];
  const margin = 2;

  for (let y = Math.max(top, margin); y < Math.min(bottom, field.height - margin); y++) {
    for (let x = margin; x < field.width - margin; x++) {
      const i = y * field.width + x;
      if ((field.magnitude[i] ?? 0) > NOISE_FLOOR && isRidge(field, i)) found.push(i);
    }
  }
  return found.sort((a, b) => (field.magnitude[b] ?? 0) - (field.magnitude[a] ?? 0));
}

/** The strongest ridge pixels of the rows from `top` to `bottom`, spread out, at most `budget`. */
function strongestRidges(field: Gradients, top: number, bottom: number, budget: number) {
  const found = ridgesByStrength(field, top, bottom);
  const peak = field.magnitude[found[Math.floor(found.length * PEAK_RANK)] ?? 0] ?? 0;
  const across = Math.ceil(field.width / CELL);
  const cells = new Uint16Array(across * Math.ceil(field.height / CELL));
  const area = Math.max(1, bottom - top) * field.width;
  const cap = Math.max(2, Math.ceil((CELL_SHARE * budget * CELL * CELL) / area));
  const kept: number[] = [];

  for (const [rank, i] of found.entries()) {
    if (kept.length >= budget) break;
    if (rank >= MIN_EDGES && (field.magnitude[i] ?? 0) < RELATIVE_FLOOR * peak) break;
    const x = i % field.width;
    const cell = Math.floor((i - x) / field.width / CELL) * across + Math.floor(x / CELL);
    if ((cells[cell] ?? 0) >= cap) continue;
    cells[cell] = (cells[cell] ?? 0) + 1;
    kept.push(i);
  }
  return kept;
}

/**
 * Picks the strongest edges of the photo part (rows above `photoRows`) and of the band below,
 * each with its own budget, so high-contrast text in the band cannot crowd out the photo.
 * `scale` converts this field's pixels to the finest scale's.
 */
export function strongestEdges(
  field: Gradients,
  photoRows: number,
  budget: EdgeBudget,
  scale: number,
): EdgeSet {
  const photo = strongestRidges(field, 0, photoRows - SEAM, budget.photo);
  const band = strongestRidges(field, photoRows + SEAM, field.height, budget.band);
  const all = photo.concat(band);
  const edges: EdgeSet = {
    count: all.length,
    x: new Float32Array(all.length),
    y: new Float32Array(all.length),
    ux: new Float32Array(all.length),
    uy: new Float32Array(all.length),
    inPhoto: new Uint8Array(all.length),
  };

  all.forEach((i, k) => {
    const m = field.magnitude[i] ?? 1;
    edges.x[k] = ((i % field.width) + 0.5) * scale;
    edges.y[k] = (Math.floor(i / field.width) + 0.5) * scale;
    edges.ux[k] = (field.gx[i] ?? 0) / m;
    edges.uy[k] = (field.gy[i] ?? 0) / m;
    edges.inPhoto[k] = k < photo.length ? 1 : 0;
  });
  return edges;
}
