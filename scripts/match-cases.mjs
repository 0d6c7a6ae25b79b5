// Builds a harder labelled set for the image check from real renders of our own template:
//   node scripts/match-cases.mjs --photos DIR [--illustrations DIR] [--out DIR] [--seed N]
// Each photo in DIR (JPEG or PNG) is rendered into a post with renderPostImage (src/render/), then
// turned into posted images the way a shopper or a platform might (recompression, resizing,
// filters, crops, stickers, combinations of them), alongside images that must not match: our
// template with the same band around another photo, another shopper's post, a raw other photo,
// an illustration from --illustrations, and the same photo reframed (zoomed 1.35 and 1.2 times)
// inside the same band. Writes generated/*.jpg, posted/*.jpg and labels.csv (the shared set's columns) under
// --out, .wrangler/match-cases/ by default, which git ignores; `node scripts/match-report.mjs`
// picks it up from there. Any photos will do, better not those of the shared set; Debian's
// wallpaper and sample-image packages are one source:
//   apt-get download mate-backgrounds lomiri-wallpapers-16.04 python3-skimage
//   dpkg-deb -x <file>.deb DIR
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as photon from '@cf-wasm/photon/node';
import { importForNode } from './match.mjs';

const { PhotonImage, SamplingFilter } = photon;
const REPO = fileURLToPath(new URL('..', import.meta.url));
const requireHere = createRequire(`${REPO}package.json`);

const { values: options } = parseArgs({
  options: {
    photos: { type: 'string' },
    illustrations: { type: 'string' },
    out: { type: 'string', default: join(REPO, '.wrangler', 'match-cases') },
    seed: { type: 'string', default: '7' },
  },
});

// The renderer imports its wasm as compiled modules and its fonts as ArrayBuffers, the way
// wrangler bundles them (see src/render/binary-modules.d.ts); these plugins do the same in Node.
const binaryModules = {
  name: 'binary-modules',
  setup(build) {
    build.onResolve({ filter: /\.(wasm|woff)$/ }, (args) => ({
      path: requireHere.resolve(args.path, { paths: [args.resolveDir] }),
      namespace: 'binary',
    }));
    build.onLoad({ filter: /.*/, namespace: 'binary' }, (args) => {
      const bytes = `readFileSync(${JSON.stringify(args.path)})`;
      const value = args.path.endsWith('.wasm')
        ? `new WebAssembly.Module(${bytes})`
        : `new Uint8Array(${bytes}).buffer`;
      return {
        contents: `import { readFileSync } from 'node:fs';\nexport default ${value};`,
        loader: 'js',
      };
    });
  },
};

let seed = Number(options.seed);
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const COMMENTS = [
  'Lovely shoes, arrived fast and fit perfectly.',
  'Best coffee in town, hands down.',
  'Great service and a really friendly team!',
  'Pretty good overall, a bit crowded on weekends.',
  null,
  'The jacket is warm and the colour is exactly as shown. Would buy again.',
];
const COLOURS = [
  { background: '#1f1235', accent: '#ff8e3c', text: '#ffffff' },
  { background: '#0b4f2c', accent: '#f7c948', text: '#ffffff' },
  { background: '#fef6e4', accent: '#f582ae', text: '#172c66' },
  { background: '#ffffff', accent: '#e53170', text: '#111111' },
];
const STORES = ['Acme Shoes', 'Bean There', 'North Wool Co.', 'Green Thumb'];

function bannerFor(index) {
  return {
    rating: 1 + (index % 5),
    comment: COMMENTS[index % COMMENTS.length],
    storeName: STORES[index % STORES.length],
    colors: COLOURS[index % COLOURS.length],
  };
}

function decode(bytes) {
  return PhotonImage.new_from_byteslice(bytes);
}

function jpeg(image, quality) {
  const bytes = image.get_bytes_jpeg(quality);
  image.free();
  return bytes;
}

function resized(image, width) {
  const height = Math.round((image.get_height() * width) / image.get_width());
  const out = photon.resize(image, width, height, SamplingFilter.Lanczos3);
  image.free();
  return out;
}

/** Crops by a share of the width or height from each edge. */
function cropped(image, left, top, right, bottom) {
  const w = image.get_width();
  const h = image.get_height();
  const out = photon.crop(
    image,
    Math.round(left * w),
    Math.round(top * h),
    Math.round(w - right * w),
    Math.round(h - bottom * h),
  );
  image.free();
  return out;
}

/** The centred window of the given aspect ratio (width over height). */
function centred(image, aspect) {
  const w = image.get_width();
  const h = image.get_height();
  const cw = Math.min(w, h * aspect);
  const ch = Math.min(h, w / aspect);
  const sx = (w - cw) / 2 / w;
  const sy = (h - ch) / 2 / h;
  return cropped(image, sx, sy, sx, sy);
}

/** A round yellow sticker with a darker ring, `share` of the width across, at a random spot. */
function stickered(image, share, area) {
  const w = image.get_width();
  const h = image.get_height();
  const size = Math.round(w * share);
  const cx = Math.round(size / 2 + random() * (w - size));
  const top = area === 'band' ? h * 0.62 : 0;
  const bottom = area === 'band' ? h : h * 0.6;
  const cy = Math.round(top + size / 2 + random() * (bottom - top - size));
  const pixels = image.get_raw_pixels();
  for (let y = cy - size / 2; y < cy + size / 2; y++) {
    for (let x = cx - size / 2; x < cx + size / 2; x++) {
      const d = Math.hypot(x - cx, y - cy) / (size / 2);
      if (d > 1 || x < 0 || y < 0 || x >= w || y >= h) continue;
      const i = (Math.floor(y) * w + Math.floor(x)) * 4;
      const colour = d > 0.85 ? [120, 70, 0] : [255, 210, 40];
      pixels.set(colour, i);
    }
  }
  const out = new PhotonImage(pixels, w, h);
  image.free();
  return out;
}

const FILTERS = {
  grayscale: (img) => photon.grayscale(img),
  sepia: (img) => photon.sepia(img),
  saturate: (img) => photon.saturate_hsl(img, 0.3),
  desaturate: (img) => photon.desaturate_hsl(img, 0.4),
  brighter: (img) => photon.adjust_brightness(img, 45),
  darker: (img) => photon.adjust_brightness(img, -45),
  exposure_m1: (img) => photon.apply_exposure(img, -1),
  exposure_p1: (img) => photon.apply_exposure(img, 1),
  contrast_up: (img) => photon.adjust_contrast(img, 50),
  contrast_down: (img) => photon.adjust_contrast(img, -50),
  warm: (img) => photon.alter_channels(img, 30, 5, -30),
  cool: (img) => photon.alter_channels(img, -30, 0, 30),
  vignette: (img) => photon.apply_vignette(img, 60, 30, 50),
  vignette_strong: (img) => photon.vignette(img, 0.8),
  vintage: (img) => photon.filter(img, 'vintage'),
  oceanic: (img) => photon.filter(img, 'oceanic'),
  rosetint: (img) => photon.filter(img, 'rosetint'),
  lofi: (img) => photon.lofi(img),
  golden: (img) => photon.golden(img),
  cinematic: (img) => photon.cinematic(img),
  grain: (img) => photon.film_grain(img, 0.15, true, 42),
};

function filtered(image, name) {
  FILTERS[name](image);
  return image;
}

/** Posted versions of our render that must match: [transformation, image -> jpeg bytes]. */
function positives() {
  const crop10 = () => [0, 1, 2, 3].map(() => random() * 0.1);
  const list = [
    ['jpeg_q70', (img) => jpeg(img, 70)],
    ['resize640_q80', (img) => jpeg(resized(img, 640), 80)],
    ['resize320_q75', (img) => jpeg(resized(img, 320), 75)],
    ['crop_1x1_centre', (img) => jpeg(centred(img, 1), 85)],
    ['crop_1x1_top', (img) => jpeg(cropped(img, 0, 0, 0, 0.2), 85)],
    ['crop10_all', (img) => jpeg(cropped(img, 0.1, 0.1, 0.1, 0.1), 85)],
    ['crop_random10', (img) => jpeg(cropped(img, ...crop10()), 85)],
    ['sticker_photo', (img) => jpeg(stickered(img, 0.12, 'photo'), 85)],
    ['sticker_band', (img) => jpeg(stickered(img, 0.12, 'band'), 85)],
  ];
  for (const name of Object.keys(FILTERS)) {
    list.push([name, (img) => jpeg(filtered(img, name), 80)]);
  }
  list.push([
    'crop_random10_thumb320_q70',
    (img) => jpeg(resized(cropped(img, ...crop10()), 320), 70),
  ]);
  for (let combo = 0; combo < 3; combo++) {
    const filter = pick(Object.keys(FILTERS));
    const crop = crop10().map((share) => share * 0.6);
    const width = pick([1080, 640, 480]);
    const quality = pick([70, 80, 90]);
    const name = `combo_${filter}_crop_${width}_q${quality}`;
    list.push([
      name,
      (img) => jpeg(resized(cropped(filtered(img, filter), ...crop), width), quality),
    ]);
  }
  return list;
}

/** The photo as the card shows it (4:3), zoomed in `zoom` times at a random spot, as JPEG. */
function reframed(photoBytes, zoom) {
  const card = centred(decode(photoBytes), 4 / 3);
  const keep = 1 / zoom;
  const left = random() * (1 - keep);
  const top = random() * (1 - keep);
  return jpeg(cropped(card, left, top, 1 - keep - left, 1 - keep - top), 92);
}

/** A photo as an upload would store it: long side at most 1600 px, JPEG. */
function uploaded(path) {
  const image = decode(readFileSync(path));
  const long = Math.max(image.get_width(), image.get_height());
  const scale = Math.min(1, 1600 / long);
  const out = photon.resize(
    image,
    Math.round(image.get_width() * scale),
    Math.round(image.get_height() * scale),
    SamplingFilter.Lanczos3,
  );
  image.free();
  return jpeg(out, 90);
}

function imagesIn(dir) {
  if (!dir) return [];
  return readdirSync(dir)
    .filter((name) => ['.jpg', '.jpeg', '.png'].includes(extname(name).toLowerCase()))
    .sort()
    .map((name) => join(dir, name));
}

/** Writes posted images and their labels.csv rows under `out`, numbering the pairs. */
function caseWriter(out) {
  const rows = ['pair,generated,posted,expected_match,category,transformation,template'];
  return {
    rows,
    save(generated, bytes, expected, category, transformation) {
      const pair = `case${String(rows.length).padStart(4, '0')}`;
      writeFileSync(join(out, 'posted', `${pair}.jpg`), bytes);
      rows.push(
        `${pair},${generated},posted/${pair}.jpg,${expected},${category},"${transformation}",band`,
      );
    },
  };
}

/** The images that must not match the post of photo `index`. */
async function negatives(render, photos, illustrations, index) {
  const banner = bannerFor(index);
  const next = photos[(index + 1) % photos.length];
  const tinted = pick(Object.keys(FILTERS));
  const list = [
    [
      'tpl_same_text_other_photo',
      'next photo, same band',
      jpeg(decode(await render(next, banner)), 88),
    ],
    [
      'tpl_same_text_other_photo',
      `next photo, same band, ${tinted}, crop 5%`,
      jpeg(
        cropped(filtered(decode(await render(next, banner)), tinted), 0.05, 0.05, 0.05, 0.05),
        80,
      ),
    ],
  ];

  const otherPost = await render(photos[(index + 2) % photos.length], bannerFor(index + 1));
  list.push(['other_post', 'another shopper', jpeg(filtered(decode(otherPost), tinted), 80)]);
  const raw = centred(decode(photos[(index + 3) % photos.length]), pick([1, 0.8]));
  list.push(['raw_other_photo', 'another photo', jpeg(resized(raw, 1080), 85)]);
  if (illustrations.length > 0) {
    const drawing = decode(readFileSync(illustrations[index % illustrations.length]));
    list.push([
      'screenshot_or_illustration',
      'illustration',
      jpeg(resized(centred(drawing, 0.8), 1080), 85),
    ]);
  }
  for (const zoom of [1.35, 1.35, 1.2]) {
    const shot = await render(reframed(photos[index], zoom), banner);
    list.push(['same_scene_other_shot', `zoom ${zoom}, same band`, jpeg(decode(shot), 85)]);
  }
  return list;
}

async function main() {
  if (!options.photos) {
    throw new Error(
      'usage: node scripts/match-cases.mjs --photos DIR [--illustrations DIR] [--out DIR]',
    );
  }
  const photos = imagesIn(options.photos).map(uploaded);
  const illustrations = imagesIn(options.illustrations);
  if (photos.length < 4) throw new Error('--photos needs at least 4 photos');
  const { renderPostImage } = await importForNode(['src/render/post-image.ts'], [binaryModules]);
  const render = async (photo, banner) => (await renderPostImage({ photo, ...banner })).bytes;
  const out = resolve(options.out);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'generated'), { recursive: true });
  mkdirSync(join(out, 'posted'), { recursive: true });
  const writer = caseWriter(out);

  for (const [index, photo] of photos.entries()) {
    const ours = await render(photo, bannerFor(index));
    const generated = `generated/post${String(index + 1).padStart(2, '0')}.jpg`;
    writeFileSync(join(out, generated), ours);
    for (const [name, make] of positives()) {
      writer.save(generated, make(decode(ours)), true, 'positive', name);
    }
    for (const [category, name, bytes] of await negatives(render, photos, illustrations, index)) {
      writer.save(generated, bytes, false, category, name);
    }
    process.stdout.write(`${generated}: ${writer.rows.length - 1} pairs so far\n`);
  }
  writeFileSync(join(out, 'labels.csv'), `${writer.rows.join('\n')}\n`);
  process.stdout.write(`${writer.rows.length - 1} pairs in ${out}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
