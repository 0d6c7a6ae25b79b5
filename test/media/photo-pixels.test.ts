import { describe, expect, it } from 'vitest';
import { flattenOntoWhite, transposePixels } from '../../src/media/photo-pixels';

// Each pixel's red byte is its index, so where a pixel went can be read back.
function indexedPixels(width: number, height: number): Uint8Array {
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) pixels.set([i, 0, 0, 255], i * 4);
  return pixels;
}

describe('transposePixels', () => {
  it('moves the pixel at (x, y) to (y, x)', () => {
    const width = 3;
    const height = 2;
    const source = indexedPixels(width, height);

    const target = transposePixels(source, width, height);

    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        expect(target[(x * height + y) * 4]).toBe(source[(y * width + x) * 4]);
      }
    }
  });

  it('works on a view that does not start on a 4-byte boundary', () => {
    const backing = new Uint8Array(1 + 2 * 2 * 4);
    backing.set(indexedPixels(2, 2), 1);

    const target = transposePixels(backing.subarray(1), 2, 2);

    expect(Array.from(target.filter((_, i) => i % 4 === 0))).toEqual([0, 2, 1, 3]);
  });
});

describe('flattenOntoWhite', () => {
  it('turns fully transparent pixels white and leaves opaque ones alone', () => {
    const pixels = new Uint8Array([0, 0, 0, 0, 10, 20, 30, 255]);

    const changed = flattenOntoWhite(pixels);

    expect(changed).toBe(true);
    expect(Array.from(pixels)).toEqual([255, 255, 255, 255, 10, 20, 30, 255]);
  });

  it('blends half-transparent black into mid grey', () => {
    const pixels = new Uint8Array([0, 0, 0, 128]);

    flattenOntoWhite(pixels);

    expect(pixels[0]).toBeGreaterThanOrEqual(126);
    expect(pixels[0]).toBeLessThanOrEqual(128);
    expect(pixels[3]).toBe(255);
  });

  it('says when nothing was see-through', () => {
    const pixels = new Uint8Array([1, 2, 3, 255, 4, 5, 6, 255]);

    const changed = flattenOntoWhite(pixels);

    expect(changed).toBe(false);
  });
});
