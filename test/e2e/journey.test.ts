import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PhotonImage } from '@cf-wasm/photon/node';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, expectAccessible, launchBrowser, screenshot, VIEWPORTS } from './browser';

let browser: Browser;
let photoPath: string;

/** A 1600x1200 JPEG the shopper "takes with their phone": shapes on a gradient, with edges. */
function writePhoto(): string {
  const width = 1600;
  const height = 1200;
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    const y = Math.floor(i / width);
    const inDisc = (x - 500) ** 2 + (y - 600) ** 2 < 260 ** 2;
    const inBar = x > 950 && x < 1350 && Math.floor(y / 120) % 2 === 0;
    const shade = inDisc ? [250, 220, 120] : inBar ? [30, 60, 90] : [(x * 255) / width, 120, 180];
    pixels.set([...shade, 255], i * 4);
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

async function headingAfterReload(page: Page): Promise<string> {
  await page.reload();
  return (await page.locator('h1').textContent()) ?? '';
}

async function check(page: Page, name: string) {
  await expectAccessible(page);
  await screenshot(page, name);
}

describe.each(Object.entries(VIEWPORTS))('the whole journey on a %s', (size, viewport) => {
  it('goes from the widget through a sandbox post and its checks to a live code', async () => {
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

    // The demo store passes no email, so the status page asks for one, with consent.
    const address = `e2e-${size}@example.com`;
    await page.getByLabel('Email me when my code is live (optional)').fill(address);
    await page.getByLabel(/I agree to one email about my code/).check();
    await page.getByRole('button', { name: 'Save my email' }).click();
    await expect.poll(() => page.locator('#email').count()).toBe(0);

    // Test mode lets the shopper (here, the test) run the checks now instead of waiting.
    await page.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => headingAfterReload(page), { timeout: 20_000 }).toContain('held');
    await page.getByRole('button', { name: 'Skip the hold and check now' }).click();
    await expect
      .poll(() => headingAfterReload(page), { timeout: 20_000 })
      .toBe('Your code is active');
    const code = await page.locator('#code').inputValue();
    expect(code).toMatch(/^COFFEE-[2-9A-Z]{8}$/);
    await check(page, `${size}-6-code-active`);

    // Locally nothing is sent: the merchant reads the shopper's email in the console outbox.
    const merchant = await context.newPage();
    await merchant.goto(`${BASE_URL}/console/outbox`);
    await merchant.getByLabel('Email').fill('owner@demo-coffee.test');
    await merchant.getByLabel('Password').fill('demo-coffee-2026');
    await merchant.getByRole('button', { name: 'Sign in' }).click();
    await merchant.waitForURL(/\/console\/outbox$/);
    const row = merchant.locator('tr', { hasText: address });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('link').click();
    expect(await merchant.locator('.email-text').textContent()).toContain(code);
    await check(merchant, `${size}-7-console-outbox-email`);
    await context.close();
  });
});
