/** A rectangle of an image, in whole pixels, right and bottom exclusive. */
export type Window = { left: number; top: number; right: number; bottom: number };

type Pixels = { data: Uint8Array; width: number };

// Averages each 2x2 block of the window into one opaque pixel.
function halve(source: Pixels, window: Window): Pixels {
  const width = (window.right - window.left) >> 1;
  const height = (window.bottom - window.top) >> 1;
  const data = new Uint8Array(width * height * 4);
  const from = source.data;
  const stride = source.width * 4;

  let out = 0;
  for (let y = 0; y < height; y++) {
    let upper = (window.top + y * 2) * stride + window.left * 4;
    let lower = upper + stride;
    for (let x = 0; x < width; x++) {
      for (let channel = 0; channel < 3; channel++) {
        const upperPair = (from[upper + channel] as number) + (from[upper + 4 + channel] as number);
        const lowerPair = (from[lower + channel] as number) + (from[lower + 4 + channel] as number);
        data[out + channel] = (upperPair + lowerPair + 2) >> 2;
      }
      data[out + 3] = 255;
      upper += 8;
      lower += 8;
      out += 4;
    }
  }
  return { data, width };
}

// For each output position along one axis: the source index at or before its centre and the
// weight (0..256) of the next source index, which never lies outside the window.
function samples(start: number, length: number, count: number) {
  const index = new Int32Array(count);
  const weight = new Int32Array(count);
  const step = length / count;

  for (let i = 0; i < count; i++) {
    const centre = Math.min(Math.max((i + 0.5) * step - 0.5, 0), length - 1);
    const before = Math.max(0, Math.min(Math.floor(centre), length - 2));
    index[i] = start + before;
    weight[i] = Math.round(Math.min(1, centre - before) * 256);
  }
  return { index, weight };
}

// Bilinear interpolation in 8-bit fixed point. Only used for shrinking by less than 2x (or
// not at all), where every source pixel still lands in some output pixel.
function bilinear(source: Pixels, window: Window, width: number, height: number): Uint8Array {
  const rows = samples(window.top, window.bottom - window.top, height);
  const columns = samples(window.left, window.right - window.left, width);
  const next = window.right - window.left > 1 ? 4 : 0;
  const data = new Uint8Array(width * height * 4);
  const from = source.data;
  const stride = source.width * 4;
  const below = window.bottom - window.top > 1 ? stride : 0;

  let out = 0;
  for (let y = 0; y < height; y++) {
    const row = (rows.index[y] as number) * stride;
    const wy = rows.weight[y] as number;
    for (let x = 0; x < width; x++) {
      const a = row + (columns.index[x] as number) * 4;
      const c = a + below;
      const wx = columns.weight[x] as number;
      for (let channel = 0; channel < 3; channel++) {
        const top =
          (from[a + channel] as number) * (256 - wx) + (from[a + next + channel] as number) * wx;
        const bottom =
          (from[c + channel] as number) * (256 - wx) + (from[c + next + channel] as number) * wx;
        data[out + channel] = (top * (256 - wy) + bottom * wy + 32768) >> 16;
      }
      data[out + 3] = 255;
      out += 4;
    }
  }
  return data;
}

/**
 * Scales the `window` of an opaque RGBA image to `width`x`height`: 2x2 box averaging while the
 * window is at least twice the target, then bilinear. Plain JS because photon's `resize` goes
 * through the image crate's generic pixel access and costs several times the CPU in workerd
 * (see the stages printed by scripts/bench-render.mjs). The photo is opaque by the time it gets
 * here (the upload code flattens transparency onto white), so alpha is not blended.
 */
export function resizeWindow(
  pixels: Uint8Array,
  sourceWidth: number,
  window: Window,
  width: number,
  height: number,
): Uint8Array {
  let source: Pixels = { data: pixels, width: sourceWidth };
  let area = window;

  while (area.right - area.left >= width * 2 && area.bottom - area.top >= height * 2) {
    source = halve(source, area);
    area = { left: 0, top: 0, right: source.width, bottom: source.data.length / 4 / source.width };
  }
  const rows = source.data.length / 4 / source.width;
  const whole =
    area.left === 0 && area.top === 0 && area.right === source.width && area.bottom === rows;
  if (whole && area.right === width && area.bottom === height) return source.data;
  return bilinear(source, area, width, height);
}
