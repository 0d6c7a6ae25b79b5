import { initRenderEngines, Resvg, satori } from './engines';
import { POST_FONTS } from './fonts';
import {
  type BannerContent,
  type Box,
  POST_WIDTH,
  type PostNode,
  starKey,
  starShapes,
} from './template';

/** Straight RGBA pixels, row by row. */
export type Raster = { pixels: Uint8Array; width: number; height: number };

const STAR_KEYS = Array.from({ length: 5 }, (_, index) => starKey(index));

/** Lays out `node` with satori, adds the stars, and returns the SVG. */
export async function cardSvg(
  node: PostNode,
  height: number,
  content: BannerContent,
): Promise<string> {
  const stars: Box[] = [];
  await initRenderEngines();

  const svg = await satori(node as never, {
    width: POST_WIDTH,
    height,
    fonts: POST_FONTS,
    // Anything the fonts cannot draw was taken out by keepDrawable; should a glyph still be
    // missing, satori asks here and gets nothing rather than the Worker fetching it from a CDN.
    loadAdditionalAsset: async () => [],
    onNodeDetected: ({ key, left, top, width, height: boxHeight }) => {
      const index = STAR_KEYS.indexOf(String(key));
      if (index >= 0) stars[index] = { left, top, width, height: boxHeight };
    },
  });

  const shapes = starShapes(stars, content.rating, content.colors.accent);
  return svg.replace(/<\/svg>\s*$/, `${shapes}</svg>`);
}

/**
 * Rasterises an SVG with resvg. resvg hands out premultiplied alpha; every card pixel is opaque
 * (the banner has a solid background and the photo fills the rest), so that equals straight
 * RGBA here. A see-through card would need demultiplying before it is encoded.
 */
export function rasterise(svg: string): Raster {
  const resvg = new Resvg(svg, { font: { loadSystemFonts: false } });
  try {
    const rendered = resvg.render();
    try {
      return { pixels: rendered.pixels, width: rendered.width, height: rendered.height };
    } finally {
      rendered.free();
    }
  } finally {
    resvg.free();
  }
}
