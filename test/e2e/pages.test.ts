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
  // Signed out, the console sends the visitor to its sign-in page.
  ['console-sign-in', '/console', 200],
  ['console-sign-up', '/console/sign-up', 200],
  ['console-reset', '/console/reset', 200],
  ['console-link-expired', '/console/reset/not-a-token', 410],
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
