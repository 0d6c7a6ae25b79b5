import { PhotonImage } from '@cf-wasm/photon/workerd';
import type { TemplateColors } from '../db/schema';
import { safeColors } from '../domain/campaign';
import { fitPhoto, photoKind, stack } from './photo';
import { cardSvg, type Raster, rasterise } from './rasterise';
import {
  BANNER_HEIGHT,
  type BannerContent,
  bannerNode,
  cardNode,
  clampRating,
  PHOTO_HEIGHT,
  POST_HEIGHT,
  POST_WIDTH,
} from './template';

export type PostImageInput = {
  /** JPEG, PNG or WebP bytes, already validated by the upload code. */
  photo: Uint8Array;
  rating: number;
  comment: string | null;
  storeName: string;
  colors: TemplateColors;
};

export type PostImage = {
  bytes: Uint8Array;
  contentType: 'image/jpeg' | 'image/png';
  width: 1080;
  height: 1350;
};

/**
 * `composite`: resvg draws only the banner and the photo is scaled outside it; `plain`: the
 * photo is embedded in the SVG and resvg draws everything. Same picture, 3-4x the CPU.
 */
export type RenderPipeline = 'composite' | 'plain';
export type PostImageFormat = 'jpeg' | 'png';

// JPEG at 90 is about a seventh of the PNG's size for the same CPU, and the shopper uploads
// the image again over a phone connection (figures: scripts/bench-render.mjs).
const DEFAULT_FORMAT: PostImageFormat = 'jpeg';
const JPEG_QUALITY = 90;

function base64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  }
  return btoa(binary);
}

/** The photo as a data URL resvg can decode: resvg 2.6 reads JPEG and PNG but not WebP. */
function photoDataUrl(photo: Uint8Array): string {
  const kind = photoKind(photo);
  if (kind === 'jpeg' || kind === 'png') return `data:image/${kind};base64,${base64(photo)}`;

  const decoded = PhotonImage.new_from_byteslice(photo);
  try {
    return `data:image/jpeg;base64,${base64(decoded.get_bytes_jpeg(JPEG_QUALITY))}`;
  } finally {
    decoded.free();
  }
}

async function renderPlain(content: BannerContent, photo: Uint8Array): Promise<Raster> {
  const svg = await cardSvg(cardNode(content, photoDataUrl(photo)), POST_HEIGHT, content);
  return rasterise(svg);
}

async function renderComposite(content: BannerContent, photo: Uint8Array): Promise<Raster> {
  const banner = rasterise(await cardSvg(bannerNode(content), BANNER_HEIGHT, content));
  return stack(fitPhoto(photo, POST_WIDTH, PHOTO_HEIGHT), banner);
}

function encode(card: Raster, format: PostImageFormat): PostImage {
  const image = new PhotonImage(card.pixels, card.width, card.height);
  try {
    if (format === 'png') {
      return {
        bytes: image.get_bytes(),
        contentType: 'image/png',
        width: POST_WIDTH,
        height: POST_HEIGHT,
      };
    }
    const bytes = image.get_bytes_jpeg(JPEG_QUALITY);
    return { bytes, contentType: 'image/jpeg', width: POST_WIDTH, height: POST_HEIGHT };
  } finally {
    image.free();
  }
}

/** Renders the post image with a chosen pipeline and format, for tests and the benchmark. */
export async function renderPostImageAs(
  input: PostImageInput,
  pipeline: RenderPipeline,
  format: PostImageFormat,
): Promise<PostImage> {
  const content: BannerContent = {
    rating: clampRating(input.rating),
    comment: input.comment,
    storeName: input.storeName,
    colors: safeColors(input.colors),
  };

  const render = pipeline === 'plain' ? renderPlain : renderComposite;
  return encode(await render(content, input.photo), format);
}

/** Renders the shopper's 1080x1350 post image (photo, stars, comment, store name) as a JPEG. */
export function renderPostImage(
  input: PostImageInput,
  pipeline: RenderPipeline = 'composite',
): Promise<PostImage> {
  return renderPostImageAs(input, pipeline, DEFAULT_FORMAT);
}
