import {
  type Alignment,
  coarseSearch,
  type DirectionField,
  directionField,
  refine,
  type SearchBounds,
} from './image-align';
import { type EdgeBudget, type EdgeSet, strongestEdges } from './image-edges';
import {
  type Gradients,
  type GreyImage,
  gradients,
  greyscale,
  halve,
  type RgbaImage,
} from './image-pixels';

export type { RgbaImage } from './image-pixels';

/**
 * How surely a posted image is our post image. `score` is the share of our strongest edges the
 * posted image has at the same place facing the same way, the photo part weighing most;
 * `parts` says how it came about (see matchPrepared).
 */
export type MatchResult = {
  score: number;
  match: boolean;
  // False when our photo has too few strong edges to judge (a blank wall, a smooth gradient):
  // a low score then means "cannot tell", and a person should look instead.
  confident: boolean;
  parts: Record<string, number>;
};

export const MATCH_THRESHOLD = 0.9;

/** The photo's share of the post's height: PHOTO_HEIGHT / POST_HEIGHT in src/render/template.ts. */
export const PHOTO_SHARE = 810 / 1350;

/** Images narrower or shorter than this many pixels are not compared at all. */
export const MIN_SIDE = 64;

/** Nor are posted images more than this many times longer one way than the other. */
export const MAX_ELONGATION = 3;

// Both images are compared 256 px wide: enough for the band's text strokes to keep their shape,
// small enough that the whole check stays within a few milliseconds of arithmetic.
const WORK_WIDTH = 256;
const BUDGETS: EdgeBudget[] = [
  { photo: 1200, band: 600 },
  { photo: 400, band: 200 },
  { photo: 150, band: 80 },
];
// The posted image must show at least this share of our image's width or height. Crops of up to
// about 10% an edge leave 80%; the same scene zoomed 1.35 times would need 74%.
const MIN_SPAN = 0.78;
// Room for a posted image a little larger than the part of ours it shows (rounding in the
// platform's resize, a thin border).
const SLACK = 0.02;
// An edge is present when the posted image's gradient there points within 25 degrees of ours and
// is above the noise of a flat area (a sticker, a blown-out sky).
const COS_TOLERANCE = Math.cos((25 * Math.PI) / 180);
const PRESENT_FLOOR = 1;
// With fewer of our photo edges in view than this there is nothing to go on and the score is 0;
// with fewer band edges than this (a crop that leaves the band out) the photo decides alone.
const MIN_EDGES_IN_VIEW = 20;

type Unusable = 'tooSmall' | 'oddShape';

/** What the check needs from our image, computed once per rendered post. */
export type OurFeatures = {
  width: number;
  height: number;
  edges: EdgeSet[];
  /** Why our image cannot be compared, when it cannot. */
  unusable: Unusable | null;
};

function pyramid(base: GreyImage): Gradients[] {
  const levels = [gradients(base)];
  let image = base;
  for (let level = 1; level < BUDGETS.length; level++) {
    image = halve(image);
    levels.push(gradients(image));
  }
  return levels;
}

function unusable(image: RgbaImage): Unusable | null {
  if (!(image.width >= MIN_SIDE && image.height >= MIN_SIDE)) return 'tooSmall';
  const long = Math.max(image.width, image.height);
  return long > MAX_ELONGATION * Math.min(image.width, image.height) ? 'oddShape' : null;
}

/** The result for a pair that cannot be compared, with the reason as its only part. */
function notCompared(reason: Unusable): MatchResult {
  return { score: 0, match: false, confident: true, parts: { [reason]: 1 } };
}

/** Our image's strongest edges at each scale; reuse to check several posts against one render. */
export function prepareOurs(ours: RgbaImage): OurFeatures {
  const problem = unusable(ours);
  if (problem) return { width: 0, height: 0, edges: [], unusable: problem };

  const base = greyscale(ours, WORK_WIDTH);
  const edges = pyramid(base).map((field, level) =>
    strongestEdges(
      field,
      Math.round(field.height * PHOTO_SHARE),
      BUDGETS[level] as EdgeBudget,
      base.width / field.width,
    ),
  );
  return { width: base.width, height: base.height, edges, unusable: null };
}

/**
 * Finds where the posted image sits in ours: every placement on a coarse grid at the smallest
 * scale, then the best few climbed to their best spot at each finer scale.
 */
function align(ours: OurFeatures, fields: DirectionField[], aspect: number): Alignment {
  const bounds: SearchBounds = {
    oursWidth: ours.width,
    oursHeight: ours.height,
    aspect,
    minSpan: MIN_SPAN,
    slack: SLACK,
  };
  const level = (n: number) => [ours.edges[n] as EdgeSet, fields[n] as DirectionField] as const;

  const coarse = coarseSearch(...level(2), bounds, { step: 4, widthStep: 8, keep: 5 });
  const middle = coarse
    .map((start) => refine(...level(1), bounds, start, { step: 4, finest: 2 }))
    .sort((a, b) => b.value - a.value)
    .slice(0, 2);
  const fine = middle.map((start) => refine(...level(0), bounds, start, { step: 2, finest: 0.5 }));
  return fine.sort((a, b) => b.value - a.value)[0] as Alignment;
}

/** How many of our edges, photo and band apart, the posted image shows and how many it has. */
function presentEdges(edges: EdgeSet, field: Gradients, at: Alignment) {
  const k = field.width / at.width;
  const tally = { photo: 0, photoSeen: 0, band: 0, bandSeen: 0 };

  for (let e = 0; e < edges.count; e++) {
    const tx = Math.floor(((edges.x[e] ?? 0) - at.left) * k);
    const ty = Math.floor(((edges.y[e] ?? 0) - at.top) * k);
    // The gradient is not defined on the outermost pixels of the posted image.
    if (tx < 1 || ty < 1 || tx > field.width - 2 || ty > field.height - 2) continue;
    const i = ty * field.width + tx;
    const m = field.magnitude[i] ?? 0;
    const along = (edges.ux[e] ?? 0) * (field.gx[i] ?? 0) + (edges.uy[e] ?? 0) * (field.gy[i] ?? 0);
    const present = m > PRESENT_FLOOR && along >= COS_TOLERANCE * m ? 1 : 0;
    if (edges.inPhoto[e] === 1) {
      tally.photoSeen++;
      tally.photo += present;
    } else {
      tally.bandSeen++;
      tally.band += present;
    }
  }
  return tally;
}

/**
 * Scores a posted image against our prepared features. The parts: `photo` and `band`, the share
 * of our edges present in each; `photoEdges` and `bandEdges`, how many of ours the posted image
 * shows; `left`, `top` and `width`, the rectangle of ours it shows, as shares of our size.
 * A pair that cannot be compared scores 0 with one part saying why: `tooSmall` (an image under
 * MIN_SIDE a side) or `oddShape` (an image more than MAX_ELONGATION times longer than wide, or
 * wider than long).
 * The score is the photo share, lowered to the mean of the two when the band does worse: our
 * template around another photo fails on the photo, our photo reframed inside the same band on
 * the band.
 */
export function matchPrepared(ours: OurFeatures, theirs: RgbaImage): MatchResult {
  const problem = ours.unusable ?? unusable(theirs);
  if (problem) return notCompared(problem);

  const levels = pyramid(greyscale(theirs, WORK_WIDTH));
  const at = align(ours, levels.map(directionField), theirs.height / theirs.width);
  const tally = presentEdges(ours.edges[0] as EdgeSet, levels[0] as Gradients, at);

  const photo = tally.photoSeen >= MIN_EDGES_IN_VIEW ? tally.photo / tally.photoSeen : 0;
  const band = tally.bandSeen >= MIN_EDGES_IN_VIEW ? tally.band / tally.bandSeen : photo;
  const score = Math.min(photo, (photo + band) / 2);
  const parts = {
    photo,
    band,
    photoEdges: tally.photoSeen,
    bandEdges: tally.bandSeen,
    left: at.left / ours.width,
    top: at.top / ours.height,
    width: at.width / ours.width,
  };
  const confident = tally.photoSeen >= MIN_EDGES_IN_VIEW;
  return { score, match: score >= MATCH_THRESHOLD, confident, parts };
}

/** Scores how surely `theirs` (a found post) is `ours` (the post image we rendered), 0 to 1. */
export function matchImages(ours: RgbaImage, theirs: RgbaImage): MatchResult {
  return matchPrepared(prepareOurs(ours), theirs);
}
