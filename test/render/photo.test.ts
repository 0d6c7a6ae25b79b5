import { describe, expect, it } from 'vitest';
import { coverWindow, photoKind } from '../../src/render/photo';
import { paintPhoto } from './pixels';

const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

describe('photoKind', () => {
  it('tells JPEG, PNG and WebP apart by their first bytes', () => {
    const white = () => [255, 255, 255] as [number, number, number];

    expect(photoKind(paintPhoto(4, 4, white, 'jpeg'))).toBe('jpeg');
    expect(photoKind(paintPhoto(4, 4, white, 'png'))).toBe('png');
    expect(photoKind(paintPhoto(4, 4, white, 'webp'))).toBe('webp');
  });

  it('answers null for other formats and for too few bytes', () => {
    expect(photoKind(ascii('GIF89a\x01\x00\x01\x00'))).toBeNull();
    expect(photoKind(ascii('RIFF\x00\x00\x00\x00WAVE'))).toBeNull();
    expect(photoKind(new Uint8Array([0xff]))).toBeNull();
  });
});

describe('coverWindow', () => {
  const target = { width: 1080, height: 810 };

  it('keeps the full height of a wide photo and centres the crop across it', () => {
    const window = coverWindow(2000, 1000, target);

    expect([window.top, window.bottom]).toEqual([0, 1000]);
    expect((window.right - window.left) / 1000).toBeCloseTo(4 / 3, 2);
    expect(Math.abs(window.left - (2000 - window.right))).toBeLessThanOrEqual(1);
  });

  it('keeps the full width of a portrait photo and centres the crop down it', () => {
    const window = coverWindow(1200, 1600, target);

    expect([window.left, window.right]).toEqual([0, 1200]);
    expect(window.bottom - window.top).toBe(900);
    expect(Math.abs(window.top - (1600 - window.bottom))).toBeLessThanOrEqual(1);
  });

  it('takes a photo of the right shape whole', () => {
    expect(coverWindow(1440, 1080, target)).toEqual({ left: 0, top: 0, right: 1440, bottom: 1080 });
  });
});
