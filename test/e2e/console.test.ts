import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PhotonImage } from '@cf-wasm/photon/node';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, expectAccessible, launchBrowser, screenshot, VIEWPORTS } from './browser';

let browser: Browser;

/**
 * A 2400x1800 JPEG for the campaign's default photo: stripes and a disc, so it has edges. At
 * 4.3 megapixels it is over the server's limit, so it only goes through if the browser shrinks
 * it first, as a phone photo would need.
 */
function writeDefaultPhoto(): string {
  const width = 2400;
  const height = 1800;
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    const y = Math.floor(i / width);
    const inDisc = (x - 800) ** 2 + (y - 900) ** 2 < 400 ** 2;
    const stripe = Math.floor(x / 180) % 2 === 0;
    const shade = inDisc ? [240, 200, 90] : stripe ? [40, 90, 120] : [200, 120, (y * 255) / height];
    pixels.set([...shade, 255], i * 4);
  }
  const image = new PhotonImage(pixels, width, height);
  const path = join(mkdtempSync(join(tmpdir(), 'farout-console-')), 'shop-photo.jpg');
  writeFileSync(path, image.get_bytes_jpeg(85));
  image.free();
  return path;
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function check(page: Page, name: string) {
  await expectAccessible(page);
  await screenshot(page, `console-${name}`);
}

async function signUp(page: Page, email: string) {
  await page.goto(`${BASE_URL}/console/sign-up`);
  await page.getByLabel('Business name').fill('Bright Lamps');
  await page.getByLabel('Your name').fill('Noor');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('a long lamp password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(`${BASE_URL}/console`);
}

async function connectTestStore(page: Page) {
  await page.goto(`${BASE_URL}/console/stores/new`);
  await check(page, 'store-kinds');
  await page.getByRole('link', { name: 'Test mode store' }).click();
  await page.getByLabel('Store name').fill('Bright Lamps Shop');
  await page.getByLabel('Store domain').fill(`lamps-${Date.now()}.example`);
  await check(page, 'store-new');
  await page.getByRole('button', { name: 'Save the store' }).click();
  // The page after saving shows the store's new order-webhook secret once, in place.
  await expect.poll(() => page.locator('h1').textContent()).toBe('Bright Lamps Shop');
  await check(page, 'store');
}

/** Creates a test-mode campaign with a default photo, watching the live preview on the way. */
async function createCampaign(page: Page): Promise<string> {
  await page.goto(`${BASE_URL}/console/campaigns/new`);
  await page.getByLabel('Name', { exact: true }).fill('Lamp lovers');
  await page.getByLabel('Discount', { exact: true }).fill('15');
  await page.getByLabel('Hashtags').fill('#brightlamps');
  await page.locator('input[type=file][name=photo]').setInputFiles(writeDefaultPhoto());

  await page.getByLabel('Offer').fill('15% off your next lamp');
  await expect
    .poll(() => page.locator('.widget-preview .widget-offer').textContent(), { timeout: 10_000 })
    .toBe('15% off your next lamp');
  await page.getByLabel('Background colour').fill('#0b3d2e');
  await expect
    .poll(() => page.locator('.post-preview img').getAttribute('src'), { timeout: 10_000 })
    .toContain('0b3d2e');
  const sample = page.locator('.post-preview img');
  await sample.scrollIntoViewIfNeeded();
  await expect
    .poll(() => sample.evaluate((img) => (img as HTMLImageElement).naturalWidth), {
      timeout: 10_000,
    })
    .toBe(1080);
  await check(page, 'campaign-new-preview');

  await page.getByRole('button', { name: 'Create the campaign' }).click();
  await expect.poll(() => page.url(), { timeout: 20_000 }).toMatch(/\/console\/campaigns\/cmp_/);
  const campaignId = page.url().match(/cmp_[\w-]+/)?.[0] ?? '';

  await page.getByRole('button', { name: 'Go live' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Pause' }).count()).toBe(1);
  return campaignId;
}

/** A shopper posts on Facebook, which has no API, so the post waits for the merchant. */
async function shopperPostsOnFacebook(context: BrowserContext, campaignId: string) {
  // Facebook has no compose link; the journey sends the shopper to its home page, which this
  // machine cannot reach, so the browser is answered locally.
  await context.route('https://www.facebook.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Facebook</title>' }),
  );
  const shopper = await context.newPage();
  await shopper.goto(`${BASE_URL}/c/${campaignId}/start`);
  const journeyUrl = shopper.url();
  await shopper.getByLabel('Facebook').check();
  await shopper.getByLabel('Your username').fill('lamp.fan');
  await shopper.getByRole('button', { name: 'Continue' }).click();
  await shopper.waitForURL(/\/photo$/);
  await shopper.locator('label[for="rating-5"]').click();
  await shopper.getByRole('button', { name: 'Create my post' }).click();
  await shopper.waitForURL(/\/preview$/, { timeout: 30_000 });
  await shopper.getByRole('button', { name: 'Go to Facebook' }).click();
  await shopper.waitForURL(/facebook\.com/);

  // Back on our side, the journey's address now leads to the status page.
  await shopper.goto(journeyUrl);
  await shopper.waitForURL(/\/s\/[\w-]+$/);
  await shopper.getByRole('button', { name: 'Check now' }).click();
  await expect
    .poll(
      async () => {
        await shopper.reload();
        return shopper.locator('h1').textContent();
      },
      { timeout: 20_000 },
    )
    .toBe('The store is reviewing your post');
  return shopper;
}

describe('the merchant console on a desktop', () => {
  it('signs up, connects a store, launches a campaign, approves a post and reads the results', async () => {
    const context = await browser.newContext({
      viewport: VIEWPORTS.desktop,
      acceptDownloads: true,
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
    const page = await context.newPage();

    await signUp(page, `noor-${Date.now()}@example.com`);
    await check(page, 'overview-first-steps');
    await connectTestStore(page);
    const campaignId = await createCampaign(page);
    await check(page, 'campaign');

    await page.locator('button[data-copy="#snippet-script"]').click();
    const snippet = await page.evaluate(() => navigator.clipboard.readText());
    expect(snippet).toContain(`data-campaign="${campaignId}"`);
    expect(snippet).toContain('/embed.js');

    const shopper = await shopperPostsOnFacebook(context, campaignId);

    await page.goto(`${BASE_URL}/console/review/queue`);
    await check(page, 'review-queue');
    await page.getByLabel(/Select the post of @lamp\.fan/).check();
    await page.getByRole('button', { name: 'Approve selected' }).click();
    await expect.poll(() => page.locator('body').textContent()).toMatch(/moved|approved/i);

    await expect
      .poll(
        async () => {
          await shopper.reload();
          return shopper.locator('h1').textContent();
        },
        { timeout: 20_000 },
      )
      .toBe('Your code is active');

    await page.goto(`${BASE_URL}/console/review?campaign=${campaignId}`);
    await check(page, 'review-list');
    await page.getByRole('link', { name: '@lamp.fan' }).first().click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('@lamp.fan');
    await check(page, 'submission');

    await page.goto(`${BASE_URL}/console/campaigns/${campaignId}/results`);
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(0);
    await check(page, 'results');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`a[href="/console/campaigns/${campaignId}/submissions.csv"]`).click(),
    ]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(csv.split('\r\n')[1]).toContain('lamp.fan');
    expect(csv).toContain('activated');
    await context.close();
  });
});

describe('the merchant console on a phone', () => {
  it('keeps every section reachable and accessible at phone size', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await context.newPage();
    await signUp(page, `phone-${Date.now()}@example.com`);

    for (const path of ['/console', '/console/campaigns', '/console/review', '/console/stores']) {
      await page.goto(`${BASE_URL}${path}`);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await check(page, `phone${path.replaceAll('/', '-')}`);
    }
    await context.close();
  });
});
