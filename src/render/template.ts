import type { TemplateColors } from '../db/schema';
import { FONT_FAMILY, keepDrawable } from './fonts';

type Child = PostNode | string;

/** A node of the element tree satori lays out: the shape JSX compiles to, without React. */
export type PostNode = {
  type: string;
  key?: string;
  props: Record<string, unknown> & { children?: Child | Child[] };
};

/** Where satori placed a node, in pixels from the top-left of the rendered card. */
export type Box = { left: number; top: number; width: number; height: number };

export const POST_WIDTH = 1080;
export const POST_HEIGHT = 1350;
/** The photo fills the top of the card, edge to edge, at 4:3; the banner takes the rest. */
export const PHOTO_HEIGHT = 810;
export const BANNER_HEIGHT = POST_HEIGHT - PHOTO_HEIGHT;

/** The satori key of the placeholder box where star number `index` (0-based) is drawn. */
export const starKey = (index: number) => `star-${index}`;

const STAR_COUNT = 5;
const STAR_SIZE = 72;
const STAR_STROKE = 4;
const COMMENT_MAX_LINES = 5;
// Satori lays out every character before clamping, so a 2,000-character comment would cost
// layout time for text nobody sees; five lines hold well under this many.
const COMMENT_MAX_CHARS = 320;

export type BannerContent = {
  rating: number;
  comment: string | null;
  storeName: string;
  colors: TemplateColors;
};

function div(style: Record<string, unknown>, children?: Child | Child[], key?: string): PostNode {
  return { type: 'div', key, props: { style, children } };
}

/** Whole stars from 1 to 5: the widget only offers whole stars, anything else is clamped. */
export function clampRating(rating: number): number {
  if (!Number.isFinite(rating)) return 1;
  return Math.min(STAR_COUNT, Math.max(1, Math.round(rating)));
}

/** The comment as one paragraph of drawable text, cut to a length five lines can show. */
export function tidyComment(comment: string | null): string {
  const characters = Array.from(keepDrawable(comment ?? ''));
  if (characters.length <= COMMENT_MAX_CHARS) return characters.join('');
  return `${characters.slice(0, COMMENT_MAX_CHARS).join('')}…`;
}

function commentNode(text: string): PostNode {
  const style = {
    display: 'block',
    marginTop: 28,
    fontSize: 40,
    lineHeight: 1.3,
    lineClamp: COMMENT_MAX_LINES,
    wordBreak: 'break-word',
  };
  return div(style, text);
}

/**
 * The lower part of the card: stars, comment and store name on the campaign's colours. The
 * stars are empty boxes here, drawn afterwards by `starShapes`: an <svg> element would reach
 * resvg as a nested image per star, which costs several times as much to rasterise.
 */
export function bannerNode({ comment, storeName, colors }: BannerContent): PostNode {
  const stars = Array.from({ length: STAR_COUNT }, (_, index) =>
    div({ width: STAR_SIZE, height: STAR_SIZE }, undefined, starKey(index)),
  );
  const text = tidyComment(comment);
  const top = div({ display: 'flex', flexDirection: 'column' }, [
    div({ display: 'flex', gap: 14 }, stars),
    ...(text ? [commentNode(text)] : []),
  ]);
  const store = div({ display: 'flex', fontSize: 34, fontWeight: 700, color: colors.accent }, [
    keepDrawable(storeName),
  ]);

  const banner = {
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'space-between',
    width: POST_WIDTH,
    height: BANNER_HEIGHT,
    padding: '52px 64px 48px',
    backgroundColor: colors.background,
    color: colors.text,
    fontFamily: FONT_FAMILY,
  };
  return div(banner, [top, store]);
}

/** The whole card for the plain pipeline: the photo as an <img> above the banner. */
export function cardNode(content: BannerContent, photoDataUrl: string): PostNode {
  const photo: PostNode = {
    type: 'img',
    props: {
      src: photoDataUrl,
      width: POST_WIDTH,
      height: PHOTO_HEIGHT,
      style: { width: POST_WIDTH, height: PHOTO_HEIGHT, objectFit: 'cover' },
    },
  };
  const column = {
    display: 'flex',
    flexDirection: 'column',
    width: POST_WIDTH,
    height: POST_HEIGHT,
  };

  return div(column, [photo, bannerNode(content)]);
}

function starPath({ left, top, width }: Box): string {
  const radius = width / 2 - STAR_STROKE / 2 - 1;
  const corners = Array.from({ length: STAR_COUNT * 2 }, (_, index) => {
    const reach = index % 2 === 0 ? radius : radius * 0.45;
    const angle = (Math.PI / STAR_COUNT) * index - Math.PI / 2;
    const x = left + width / 2 + reach * Math.cos(angle);
    const y = top + width / 2 + reach * Math.sin(angle);
    return `${x.toFixed(2)} ${y.toFixed(2)}`;
  });
  return `M${corners.join('L')}Z`;
}

/**
 * SVG paths for the stars in their placeholder boxes: `rating` filled, the rest outlined.
 * `accent` goes into an attribute as it is, so it must be a colour from `safeColors`.
 */
export function starShapes(boxes: Box[], rating: number, accent: string): string {
  const stroke = `stroke="${accent}" stroke-width="${STAR_STROKE}" stroke-linejoin="round"`;
  return boxes
    .map((box, index) => {
      const fill = index < rating ? accent : 'none';
      return `<path d="${starPath(box)}" fill="${fill}" ${stroke}/>`;
    })
    .join('');
}
