/**
 * Pixel work photon 0.4 cannot do for us, on raw RGBA (4 bytes per pixel, rows top to bottom).
 * These run on the downscaled photo (at most 1440 px a side), so a copy out of wasm is cheap.
 */

function asWords(pixels: Uint8Array): Uint32Array {
  // Uint32Array needs 4-byte alignment; a view into another buffer may not have it.
  const aligned = pixels.byteOffset % 4 === 0 ? pixels : pixels.slice();
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length / 4);
}

/** Mirrors an image across its main diagonal: pixel (x, y) moves to (y, x). */
export function transposePixels(pixels: Uint8Array, width: number, height: number): Uint8Array {
  const source = asWords(pixels);
  const target = new Uint32Array(width * height);

  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) target[x * height + y] = source[row + x] ?? 0;
  }
  return new Uint8Array(target.buffer);
}

/**
 * Composites RGBA onto white, in place, and says whether anything was see-through. JPEG has no
 * alpha and photon's encoder drops it, which would turn a transparent background black.
 */
export function flattenOntoWhite(pixels: Uint8Array): boolean {
  let changed = false;

  for (let i = 0; i < pixels.length; i += 4) {
    const alpha = pixels[i + 3] ?? 255;
    if (alpha === 255) continue;
    for (let c = i; c < i + 3; c++) {
      pixels[c] = Math.round(((pixels[c] ?? 0) * alpha + 255 * (255 - alpha)) / 255);
    }
    pixels[i + 3] = 255;
    changed = true;
  }
  return changed;
}
