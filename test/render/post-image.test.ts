import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_COLORS } from '../../src/domain/campaign';
import {
  type PostImageInput,
  renderPostImage,
  renderPostImageAs,
} from '../../src/render/post-image';
import {
  closeTo,
  countNear,
  decode,
  hexRgb,
  meanColour,
  meanDifference,
  paintPhoto,
  type Rgb,
} from './pixels';

const WIDTH = 1080;
const HEIGHT = 1350;
// The photo fills the top 810 rows edge to edge (4:3); the banner is everything below.
const PHOTO_HEIGHT = 810;
const COLORS = { background: '#0a7d5a', accent: '#ffd400', text: '#ffffff' };

const RED: Rgb = [220, 40, 40];
const GREEN: Rgb = [40, 200, 70];
const BLUE: Rgb = [40, 70, 220];
const YELLOW: Rgb = [230, 210, 40];

// A 4:3 photo in four coloured quadrants, so any shift, flip or squash shows.
const quadrants = (width: number, height: number) => (x: number, y: number) => {
  if (y < height / 2) return x < width / 2 ? RED : GREEN;
  return x < width / 2 ? BLUE : YELLOW;
};

function input(overrides: Partial<PostImageInput> = {}): PostImageInput {
  return {
    photo: paintPhoto(800, 600, quadrants(800, 600)),
    rating: 4,
    comment: 'Soft fabric, quick delivery and a lovely note in the parcel.',
    storeName: 'Linen & Loom',
    colors: COLORS,
    ...overrides,
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('renderPostImage', () => {
  it('renders a 1080x1350 JPEG that photon can decode', async () => {
    const image = await renderPostImage(input());

    const decoded = decode(image.bytes);

    expect(image.contentType).toBe('image/jpeg');
    expect([...image.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect([image.width, image.height]).toEqual([WIDTH, HEIGHT]);
    expect([decoded.width, decoded.height]).toEqual([WIDTH, HEIGHT]);
  });

  it('renders a PNG with the PNG signature when asked for one', async () => {
    const image = await renderPostImageAs(input(), 'composite', 'png');

    const decoded = decode(image.bytes);

    expect(image.contentType).toBe('image/png');
    expect([...image.bytes.subarray(0, 8)]).toEqual([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ]);
    expect([decoded.width, decoded.height]).toEqual([WIDTH, HEIGHT]);
  });

  it('fills the photo area with the photo, each quadrant where it was', async () => {
    const source = { width: 1600, height: 1200 };
    const photo = paintPhoto(source.width, source.height, quadrants(source.width, source.height));
    const original = decode(photo);

    const rendered = decode((await renderPostImage(input({ photo }))).bytes);

    for (const [column, row] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ] as const) {
      const inSource = meanColour(original, {
        left: column * 800 + 200,
        top: row * 600 + 150,
        width: 400,
        height: 300,
      });
      const inPost = meanColour(rendered, {
        left: column * 540 + 135,
        top: row * 405 + 100,
        width: 270,
        height: 200,
      });
      expect(closeTo(inPost, inSource, 6), `quadrant ${column},${row}: ${inPost}`).toBe(true);
    }
  });

  it('crops a portrait photo around its middle instead of squashing it', async () => {
    // Top quarter red, bottom quarter blue: a centred 4:3 crop keeps only a sliver of each.
    const bands = (_x: number, y: number) => (y < 400 ? RED : y >= 1200 ? BLUE : GREEN);
    const photo = paintPhoto(1200, 1600, bands);

    const rendered = decode((await renderPostImage(input({ photo }))).bytes);

    const strip = (top: number) => meanColour(rendered, { left: 100, top, width: 880, height: 20 });
    expect(closeTo(strip(5), RED, 12)).toBe(true);
    expect(closeTo(strip(100), GREEN, 12)).toBe(true);
    expect(closeTo(strip(PHOTO_HEIGHT / 2), GREEN, 12)).toBe(true);
    expect(closeTo(strip(PHOTO_HEIGHT - 100), GREEN, 12)).toBe(true);
    expect(closeTo(strip(PHOTO_HEIGHT - 25), BLUE, 12)).toBe(true);
  });

  it('paints the banner in the campaign background colour', async () => {
    const image = await renderPostImage(input({ comment: null }));

    const decoded = decode(image.bytes);

    // Right of the stars and above the store name, where a card without a comment is empty.
    const empty = meanColour(decoded, { left: 700, top: 880, width: 300, height: 280 });
    expect(closeTo(empty, hexRgb(COLORS.background), 3), `${empty}`).toBe(true);
  });

  it('falls back to the default colours when a campaign colour is not a hex colour', async () => {
    const colors = { background: 'url(https://evil.test/x.png)', accent: 'red', text: '#fff' };

    const decoded = decode((await renderPostImage(input({ comment: null, colors }))).bytes);

    const empty = meanColour(decoded, { left: 700, top: 880, width: 300, height: 280 });
    expect(closeTo(empty, hexRgb(DEFAULT_COLORS.background), 3), `${empty}`).toBe(true);
  });

  it('fills more of the star row with the accent colour as the rating rises', async () => {
    // The stars sit at the top left of the banner.
    const starRow = { left: 0, top: PHOTO_HEIGHT, width: WIDTH / 2, height: 150 };
    const render = async (rating: number) =>
      decode((await renderPostImage(input({ rating, comment: null }))).bytes);
    const [one, three, five] = await Promise.all([render(1), render(3), render(5)]);

    const accent = (image: typeof one) => countNear(image, starRow, hexRgb(COLORS.accent), 24);

    // Two more filled stars of 72 px cover well over 1,000 more pixels.
    expect(accent(one)).toBeGreaterThan(1000);
    expect(accent(three) - accent(one)).toBeGreaterThan(1000);
    expect(accent(five) - accent(three)).toBeGreaterThan(1000);
    expect(meanDifference(one, five, starRow)).toBeGreaterThan(5);
  });

  it('keeps a very long comment to five lines, clear of the store name', async () => {
    const sentence = 'Absolutely wonderful service, would buy again. ';
    const long = `${sentence.repeat(60)}${'a'.repeat(300)}`;
    const short = await renderPostImage(input({ comment: 'Great.' }));

    const clamped = await renderPostImage(input({ comment: long }));

    // A sixth line would start about 1222 px down and run into the store name's rows.
    const bottom = { left: 0, top: 1235, width: WIDTH, height: HEIGHT - 1235 };
    expect(meanDifference(decode(clamped.bytes), decode(short.bytes), bottom)).toBeLessThan(1);
  });

  it('draws emoji and letters outside the fonts without fetching anything', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const comment = '👍🏽 Świetny sklep, łódź 🚀 中文 عربى ✨ — “quoted” café';

    const image = await renderPostImage(input({ comment, storeName: 'Sklep Łucja 🛍️' }));
    const withoutComment = await renderPostImage(input({ comment: null }));

    const commentArea = { left: 0, top: PHOTO_HEIGHT + 130, width: WIDTH, height: 200 };
    const drawn = meanDifference(decode(image.bytes), decode(withoutComment.bytes), commentArea);
    expect(drawn).toBeGreaterThan(2);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('draws markup in a comment as text, leaving the rest of the card intact', async () => {
    const starRow = { left: 0, top: PHOTO_HEIGHT, width: WIDTH / 2, height: 150 };
    const markup = '</svg><svg><script>alert(1)</script><rect width="9999" height="9999"/>';
    const accent = hexRgb(COLORS.accent);

    const plain = decode((await renderPostImage(input({ comment: 'Lovely.' }))).bytes);
    const hostile = decode((await renderPostImage(input({ comment: markup }))).bytes);

    const stars = (image: typeof plain) => countNear(image, starRow, accent, 24);
    expect(Math.abs(stars(hostile) - stars(plain))).toBeLessThan(stars(plain) * 0.02);
    const photoArea = { left: 0, top: 0, width: WIDTH, height: PHOTO_HEIGHT };
    expect(meanDifference(hostile, plain, photoArea)).toBeLessThan(0.5);
  });

  it.each(['png', 'webp'] as const)('renders a %s photo in both pipelines', async (format) => {
    const photo = paintPhoto(400, 300, () => BLUE, format);

    const composite = decode(
      (await renderPostImageAs(input({ photo }), 'composite', 'jpeg')).bytes,
    );
    const plain = decode((await renderPostImageAs(input({ photo }), 'plain', 'jpeg')).bytes);

    const middle = { left: 340, top: 300, width: 400, height: 200 };
    expect(closeTo(meanColour(composite, middle), BLUE, 4)).toBe(true);
    expect(closeTo(meanColour(plain, middle), BLUE, 4)).toBe(true);
  });

  it('draws the same card with the plain and the composite pipelines', async () => {
    const gradient = (x: number, y: number): Rgb => [(x * 255) / 1600, (y * 255) / 1200, 128];
    const photo = paintPhoto(1600, 1200, gradient);

    const plain = decode((await renderPostImageAs(input({ photo }), 'plain', 'png')).bytes);
    const composite = decode((await renderPostImageAs(input({ photo }), 'composite', 'png')).bytes);

    const whole = { left: 0, top: 0, width: WIDTH, height: HEIGHT };
    expect(meanDifference(plain, composite, whole)).toBeLessThan(2);
  });
});
