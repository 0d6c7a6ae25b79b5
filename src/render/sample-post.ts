import { PhotonImage } from '@cf-wasm/photon/workerd';
import type { TemplateColors } from '../db/schema';
import { type PostImage, renderPostImage } from './post-image';

const WIDTH = 720;
const HEIGHT = 540;

let cached: Uint8Array | undefined;

// A parcel on a table under warm light, drawn from shapes: the console previews the post before
// the merchant has chosen a photo, and a drawn one needs no image file in the bundle.
function pixelAt(x: number, y: number): [number, number, number] {
  const box = Math.abs(x - WIDTH / 2) < 150 && y > 170 && y < 400;
  const ribbon = box && (Math.abs(x - WIDTH / 2) < 14 || Math.abs(y - 285) < 14);
  const shadow = ((x - WIDTH / 2) / 200) ** 2 + ((y - 410) / 26) ** 2 < 1;
  const light = 1 - Math.hypot(x - WIDTH * 0.3, y - HEIGHT * 0.2) / WIDTH;

  if (ribbon) return [196, 64, 52];
  if (box) return [214 - y / 10, 170 - y / 12, 118 - y / 14];
  if (shadow) return [120, 100, 84];
  if (y > 400) return [176, 138, 104];
  return [150 + light * 90, 150 + light * 80, 160 + light * 60];
}

function samplePhoto(): Uint8Array {
  if (cached) return cached;

  const rgba = new Uint8Array(WIDTH * HEIGHT * 4);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      rgba.set([...pixelAt(x, y).map(Math.round), 255], (y * WIDTH + x) * 4);
    }
  }
  const image = new PhotonImage(rgba, WIDTH, HEIGHT);
  try {
    cached = image.get_bytes_jpeg(85);
    return cached;
  } finally {
    image.free();
  }
}

/**
 * A post image as a campaign would make it, with a sample rating and comment, on the given
 * photo or, for a campaign without a default photo yet, on a built-in sample.
 */
export function renderSamplePost(input: {
  photo: Uint8Array | null;
  storeName: string;
  colors: TemplateColors;
}): Promise<PostImage> {
  return renderPostImage({
    photo: input.photo ?? samplePhoto(),
    rating: 5,
    comment: 'Lovely quality and quick delivery. The packaging was a joy to open!',
    storeName: input.storeName,
    colors: input.colors,
  });
}
