import { env, exports } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { campaigns, submissions } from '../../src/db/schema';
import { MAX_PHOTO_PIXELS } from '../../src/media/photo-inspect';
import { decodeImage } from '../../src/verify/image-decode';
import {
  concat,
  containsText,
  encodePhoto,
  jpegClaiming,
  latin1,
  pngClaiming,
  webpContainer,
} from '../fixtures/media/photo-fixtures';
import { signedInMerchant } from '../helpers/console';
import { journeyWithAccount } from '../helpers/journey';
import { db, seedMerchant } from '../helpers/seed';
import { changedParts, form, storedState } from './corpus';
import { campaignFields, submissionIn } from './fixtures';
import {
  floodPng,
  HEIC,
  htmlWithJpegMagic,
  jpegThenHtml,
  jpegThenZip,
  jpegWithHugeExif,
  SVG,
} from './media';

type Route = 'journey photo' | 'status screenshot' | 'campaign default photo';

let targets: {
  campaignId: string;
  manualId: string;
  owner: { cookie: string };
  storeId: string;
};

beforeAll(async () => {
  const { campaign } = await seedMerchant({ platforms: ['facebook', 'sandbox'] });
  const manual = await submissionIn(campaign.id, 'manual_review', 'facebook');
  const merchant = await signedInMerchant();
  targets = {
    campaignId: campaign.id,
    manualId: manual.id,
    owner: merchant.owner,
    storeId: merchant.store.id,
  };
});

const asFile = (bytes: Uint8Array, name = 'photo.jpg', type = 'image/jpeg') =>
  new File([bytes], name, { type });

/** Sends `bytes` as the upload of `route`, with every other field right. */
async function upload(route: Route, bytes: Uint8Array, name?: string, type?: string) {
  const file = asFile(bytes, name, type);
  if (route === 'journey photo') {
    const journeyId = await journeyWithAccount(targets.campaignId, 'sandbox', 'uploader');
    return exports.default.fetch(form(`/j/${journeyId}/photo`, { rating: '5', photo: file }));
  }
  if (route === 'status screenshot') {
    return exports.default.fetch(form(`/s/${targets.manualId}/screenshot`, { screenshot: file }));
  }
  const fields = campaignFields(targets.storeId, { photo: file });
  return exports.default.fetch(form('/console/campaigns/new', fields, targets.owner.cookie));
}

const ROUTES: Route[] = ['journey photo', 'status screenshot', 'campaign default photo'];

// Deflating megapixels of rows takes a while: each flood is built once for every route.
const floods = new Map<string, Promise<Uint8Array>>();
const flood = (width: number, height: number) => {
  const key = `${width}x${height}`;
  if (!floods.has(key)) floods.set(key, floodPng(width, height));
  return floods.get(key) as Promise<Uint8Array>;
};

/** Uploads `bytes` and checks it is refused with `says`, nothing stored but the journey. */
async function expectUploadRefused(route: Route, bytes: Uint8Array, says: RegExp, status = 422) {
  // The journey of a photo upload is made first, so only the upload itself is compared.
  const journeyId =
    route === 'journey photo' ? await journeyWithAccount(targets.campaignId) : undefined;
  const before = await storedState();

  const response =
    journeyId === undefined
      ? await upload(route, bytes)
      : await exports.default.fetch(
          form(`/j/${journeyId}/photo`, { rating: '5', photo: asFile(bytes) }),
        );
  const body = await response.text();

  expect(response.status).toBe(status);
  expect(body).toMatch(says);
  expect(changedParts(before, await storedState())).toEqual([]);
}

const SIDE = /too wide or too tall to process/;
const PIXELS = /too large to process/;
const NOT_A_PHOTO = /not a JPEG, PNG or WebP photo/;

// Sides over the pixel cap whose product stays under the side cap.
const overCap = Math.ceil(Math.sqrt(MAX_PHOTO_PIXELS)) + 1;

describe.each(ROUTES)('the %s upload', (route) => {
  it.each([
    [
      'a PNG whose header claims 20000x20000',
      () => pngClaiming(20_000, 20_000, new Uint8Array(64)),
      SIDE,
    ],
    [
      'a JPEG whose header claims 12000x9000',
      () => jpegClaiming(12_000, 9_000, new Uint8Array(64)),
      PIXELS,
    ],
    [
      'a WebP whose header claims 16000x16000',
      () => webpContainer('VP8X', [0, 0, 0, 0, 0x7f, 0x3e, 0, 0x7f, 0x3e, 0]),
      PIXELS,
    ],
    ['an SVG with a script', () => SVG, NOT_A_PHOTO],
    ['a HEIC photo', () => HEIC, /HEIC format/],
    ['an HTML page that starts like a JPEG', htmlWithJpegMagic, /could not be read|incomplete/],
  ])('refuses %s before decoding it', async (_, bytes, says) => {
    await expectUploadRefused(route, bytes(), says);
  });

  it('refuses a valid PNG of kilobytes that holds twelve megapixels, before decoding it', async () => {
    const twelveMegapixels = await flood(4000, 3000);

    expect(twelveMegapixels.length).toBeLessThan(200_000);
    await expectUploadRefused(route, twelveMegapixels, PIXELS);
  });

  it('refuses a valid PNG just over the pixel cap, whose decoding would not fit', async () => {
    await expectUploadRefused(route, await flood(overCap, overCap), PIXELS);
  });

  it('refuses a file one byte over 10 MB, saying the limit', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(0xff);

    await expectUploadRefused(route, big, /larger than 10 MB/);
  });
});

describe.each(ROUTES)('the %s upload, of a file that is also something else', (route) => {
  it.each([
    ['a JPEG with a page after its end', jpegThenHtml, '<script>'],
    ['a JPEG with a ZIP archive after its end', jpegThenZip, 'PK\u0003\u0004'],
    ['a JPEG with 5 MB of EXIF segments', () => jpegWithHugeExif(80), 'AAAAAAAAAAAAAAAA'],
  ])('takes %s as its picture only, stored re-encoded', async (_, bytes, smuggled) => {
    const photo = bytes();
    const before = (await env.MEDIA.list()).objects.map((object) => object.key);

    const response = await upload(route, photo, 'photo.html', 'text/html');

    expect([200, 303]).toContain(response.status);
    const added = (await env.MEDIA.list()).objects.filter((object) => !before.includes(object.key));
    const stored = added.filter((object) => /^(photos|defaults)\//.test(object.key));
    expect(stored).toHaveLength(1);
    const object = await env.MEDIA.get(stored[0]?.key ?? '');
    const kept = new Uint8Array((await object?.arrayBuffer()) ?? new ArrayBuffer(0));
    expect(object?.httpMetadata?.contentType).toBe('image/jpeg');
    expect(containsText(photo, smuggled)).toBe(true);
    expect(containsText(kept, smuggled)).toBe(false);
    expect(containsText(kept, 'Exif')).toBe(false);
  });
});

describe('uploads that are taken', () => {
  it('decodes and stores a photo at the pixel cap', async () => {
    const side = Math.floor(Math.sqrt(MAX_PHOTO_PIXELS));
    const journeyId = await journeyWithAccount(targets.campaignId, 'sandbox', 'biggest');

    const response = await exports.default.fetch(
      form(`/j/${journeyId}/photo`, { rating: '5', photo: asFile(await floodPng(side, side)) }),
    );
    const submission = await db().query.submissions.findFirst({
      where: eq(submissions.journeyId, journeyId),
    });

    expect(response.status).toBe(303);
    expect(submission?.photoKey).toMatch(/^photos\//);
  });

  it('counts a default photo of zero bytes as none, and saves the campaign', async () => {
    const response = await upload('campaign default photo', new Uint8Array());
    const id = (response.headers.get('Location') ?? '').match(/campaigns\/([^?]+)/)?.[1] ?? '';
    const saved = await db().query.campaigns.findFirst({ where: eq(campaigns.id, id) });

    expect(response.status).toBe(303);
    expect(saved?.defaultPhotoKey).toBeNull();
  });

  it('keeps a 1440 px JPEG a phone sends after downscaling, whatever type it claims', async () => {
    const response = await upload(
      'status screenshot',
      encodePhoto('jpeg', 1440, 1080),
      'x.gif',
      'image/gif',
    );

    expect(response.status).toBe(303);
  });
});

describe('a posted image the image check fetched from a platform', () => {
  it('is refused from its header when it holds more pixels than decoding fits', async () => {
    const result = decodeImage(await flood(4000, 3000));

    expect(result).toMatchObject({ ok: false, reason: 'undecodable' });
    expect(result.ok ? '' : result.message).toMatch(/too large to check/);
  });

  it('is refused when it is not a JPEG, PNG or WebP, though photon would decode it', () => {
    // A whole 1x1 GIF: photon reads GIF and BMP too, with no size check of ours in front.
    const gif = concat(
      latin1('GIF89a'),
      [1, 0, 1, 0, 0x80, 0, 0, 255, 255, 255, 0, 0, 0],
      [0x21, 0xf9, 4, 1, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3b],
    );

    expect(decodeImage(gif)).toMatchObject({ ok: false, reason: 'undecodable' });
  });

  it('is decoded when it is a post image of ours', () => {
    const result = decodeImage(encodePhoto('jpeg', 1080, 1350));

    expect(result).toMatchObject({ ok: true, value: { width: 1080, height: 1350 } });
  });
});
