import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, expectAccessible, launchBrowser, screenshot, VIEWPORTS } from './browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const PAGES = [
  ['home', '/', 200],
  ['console', '/console', 200],
  ['not-found', '/no-such-page', 404],
  ['sandbox-empty-profile', '/sandbox/@nobody_here', 200],
  ['offer-unknown', '/w/cmp_unknown', 404],
] as const;

describe('the other pages a visitor can reach, on a phone', () => {
  it.each(PAGES)('%s has no serious accessibility violation', async (name, path, status) => {
    const page = await browser.newPage({ viewport: VIEWPORTS.phone });

    const response = await page.goto(`${BASE_URL}${path}`);

    expect(response?.status()).toBe(status);
    await expectAccessible(page);
    await screenshot(page, `page-${name}`);
    await page.close();
  });
});
