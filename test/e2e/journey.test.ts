import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PhotonImage } from '@cf-wasm/photon/node';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, expectAccessible, launchBrowser, screenshot, VIEWPORTS } from './browser';

let browser: Browser;
let photoPath: string;

/** A 1600x1200 JPEG the shopper "takes with their phone". */
function writePhoto(): string {
  const width = 1600;
  const height = 1200;
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    pixels.set([(x * 255) / width, 120, 200 - (x * 150) / width, 255], i * 4);
  }
  const image = new PhotonImage(pixels, width, height);
  const path = join(mkdtempSync(join(tmpdir(), 'farout-e2e-')), 'holiday.jpg');
  writeFileSync(path, image.get_bytes_jpeg(85));
  image.free();
  return path;
}

beforeAll(async () => {
  browser = await launchBrowser();
  photoPath = writePhoto();
});

afterAll(async () => {
  await browser?.close();
});

async function check(page: Page, name: string) {
  await expectAccessible(page);
  await screenshot(page, name);
}

describe.each(Object.entries(VIEWPORTS))('the whole journey on a %s', (size, viewport) => {
  it('goes from the widget to a sandbox post and the status page', async () => {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
    const demo = await context.newPage();
    await demo.goto(`${BASE_URL}/demo`);
    const widget = demo.frameLocator('iframe[title]');

    const [page] = await Promise.all([
      context.waitForEvent('page'),
      widget.getByRole('button', { name: "Let's start" }).click(),
    ]);
    await page.waitForURL(/\/j\/[\w-]+$/);
    await check(page, `${size}-1-account`);

    await page.getByLabel('Sandbox').check();
    await page.getByLabel('Your username').fill('');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('#username-error').textContent()).toBeTruthy();
    await check(page, `${size}-1-account-error`);

    await page.getByLabel('Your username').fill(`e2e_${size}`);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(/\/photo$/);
    await check(page, `${size}-2-photo`);

    await page.locator('#photo').setInputFiles(photoPath);
    await page.locator('label[for="rating-4"]').click();
    await page.getByLabel('Your comment (optional)').fill('Smooth and fruity, my new favourite.');
    expect(await page.locator('#comment-count').textContent()).toContain('36 / 280');
    await page.getByRole('button', { name: 'Create my post' }).click();
    await page.waitForURL(/\/preview$/, { timeout: 30_000 });
    await check(page, `${size}-3-preview`);

    const caption = await page.locator('#caption').inputValue();
    expect(caption).toContain('Smooth and fruity');
    expect(caption).toMatch(/COFFEE-[2-9A-Z]{8}/);
    await page.locator('button[data-copy="caption"]').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(caption);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Save image' }).click(),
    ]);
    const saved = readFileSync((await download.path()) ?? '');
    expect([...saved.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);

    await page.getByRole('button', { name: 'Go to Sandbox' }).click();
    await page.waitForURL(/\/sandbox\/compose/);
    await check(page, `${size}-4-sandbox-compose`);

    await page.getByRole('button', { name: /^Post/ }).click();
    await page.waitForURL(/\/s\/[\w-]+$/);
    expect(await page.locator('h1').textContent()).toContain('Looking for your post');
    await check(page, `${size}-5-status`);
    await context.close();
  });
});
