import { PhotonImage } from '@cf-wasm/photon/workerd';

/** Decoded pixels of an encoded image, read with photon. */
export type Decoded = { pixels: Uint8Array; width: number; height: number };

export type Rect = { left: number; top: number; width: number; height: number };

export type Rgb = [number, number, number];

/** Decodes JPEG, PNG or WebP bytes with photon. */
export function decode(bytes: Uint8Array): Decoded {
  const image = PhotonImage.new_from_byteslice(bytes);
  try {
    return { pixels: image.get_raw_pixels(), width: image.get_width(), height: image.get_height() };
  } finally {
    image.free();
  }
}

/** Encodes an image whose every pixel is `paint(x, y)`, in the given format. */
export function paintPhoto(
  width: number,
  height: number,
  paint: (x: number, y: number) => Rgb,
  format: 'jpeg' | 'png' | 'webp' = 'jpeg',
): Uint8Array {
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      pixels.set([...paint(x, y), 255], (y * width + x) * 4);
    }
  }

  const image = new PhotonImage(pixels, width, height);
  try {
    if (format === 'png') return image.get_bytes();
    if (format === 'webp') return image.get_bytes_webp();
    return image.get_bytes_jpeg(95);
  } finally {
    image.free();
  }
}

/** The mean colour of a rectangle. */
export function meanColour(image: Decoded, rect: Rect): Rgb {
  const sum: Rgb = [0, 0, 0];
  for (let y = rect.top; y < rect.top + rect.height; y++) {
    for (let x = rect.left; x < rect.left + rect.width; x++) {
      const at = (y * image.width + x) * 4;
      for (let c = 0; c < 3; c++) sum[c] = (sum[c] as number) + (image.pixels[at + c] as number);
    }
  }
  const count = rect.width * rect.height;
  return sum.map((total) => total / count) as Rgb;
}

/** The mean absolute difference per channel between two same-sized images, over a rectangle. */
export function meanDifference(a: Decoded, b: Decoded, rect: Rect): number {
  let total = 0;
  for (let y = rect.top; y < rect.top + rect.height; y++) {
    for (let x = rect.left; x < rect.left + rect.width; x++) {
      const at = (y * a.width + x) * 4;
      for (let c = 0; c < 3; c++) {
        total += Math.abs((a.pixels[at + c] as number) - (b.pixels[at + c] as number));
      }
    }
  }
  return total / (rect.width * rect.height * 3);
}

/** How many pixels of a rectangle are within `tolerance` of a colour on every channel. */
export function countNear(image: Decoded, rect: Rect, colour: Rgb, tolerance: number): number {
  let count = 0;
  for (let y = rect.top; y < rect.top + rect.height; y++) {
    for (let x = rect.left; x < rect.left + rect.width; x++) {
      const at = (y * image.width + x) * 4;
      const near = colour.every(
        (value, c) => Math.abs((image.pixels[at + c] as number) - value) <= tolerance,
      );
      if (near) count++;
    }
  }
  return count;
}

/** A #rrggbb colour as numbers. */
export function hexRgb(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/** Whether every channel of `actual` is within `tolerance` of `expected`. */
export function closeTo(actual: Rgb, expected: Rgb, tolerance: number): boolean {
  return actual.every((value, c) => Math.abs(value - (expected[c] as number)) <= tolerance);
}
