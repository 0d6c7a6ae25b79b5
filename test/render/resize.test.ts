import { describe, expect, it } from 'vitest';
import { resizeWindow } from '../../src/render/resize';

function image(width: number, height: number, paint: (x: number, y: number) => number[]) {
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set([...paint(x, y), 255], (y * width + x) * 4);
  }
  return pixels;
}

const whole = (width: number, height: number) => ({
  left: 0,
  top: 0,
  right: width,
  bottom: height,
});

const pixelAt = (pixels: Uint8Array, width: number, x: number, y: number) =>
  Array.from(pixels.subarray((y * width + x) * 4, (y * width + x) * 4 + 4));

describe('resizeWindow', () => {
  it('keeps a uniform colour exactly, whatever the scale', () => {
    const source = image(300, 200, () => [10, 120, 230]);

    const sizes: [number, number][] = [
      [97, 61],
      [150, 100],
      [40, 13],
      [300, 200],
    ];
    for (const [width, height] of sizes) {
      const output = resizeWindow(source, 300, whole(300, 200), width, height);

      const colours = new Set<string>();
      for (let i = 0; i < output.length; i += 4) colours.add(output.subarray(i, i + 4).join());
      expect([...colours]).toEqual(['10,120,230,255']);
    }
  });

  it('averages each 2x2 block when shrinking to half', () => {
    const values = [
      [0, 40, 200, 100],
      [80, 120, 60, 20],
    ];
    const source = image(4, 2, (x, y) => [values[y]?.[x] ?? 0, 0, 0]);

    const output = resizeWindow(source, 4, whole(4, 2), 2, 1);

    expect(pixelAt(output, 2, 0, 0)).toEqual([60, 0, 0, 255]);
    expect(pixelAt(output, 2, 1, 0)).toEqual([95, 0, 0, 255]);
  });

  it('turns a ramp into a rising ramp over the same range', () => {
    const source = image(1000, 10, (x) => [Math.round((x * 255) / 999), 0, 0]);

    const output = resizeWindow(source, 1000, whole(1000, 10), 300, 3);

    const row = Array.from({ length: 300 }, (_, x) => pixelAt(output, 300, x, 1)[0] ?? 0);
    expect(row.every((value, x) => x === 0 || value >= (row[x - 1] ?? 0))).toBe(true);
    expect(row[0]).toBeLessThanOrEqual(2);
    expect(row[299]).toBeGreaterThanOrEqual(253);
  });

  it('reads only the window it is given', () => {
    const source = image(200, 100, (x) => (x < 100 ? [0, 0, 0] : [255, 255, 255]));

    const output = resizeWindow(
      source,
      200,
      { left: 100, top: 20, right: 200, bottom: 80 },
      37,
      22,
    );

    expect(Math.min(...output)).toBe(255);
  });
});
