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

describe.each(Object.entries(VIEWPORTS))('the demo Thank-You page on a %s', (name, viewport) => {
  it('shows the widget sized to its content with no serious accessibility violation', async () => {
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
    });

    await page.goto(`${BASE_URL}/demo`);
    const frameElement = page.locator('iframe[title]');
    await expect.poll(() => frameElement.count()).toBe(1);
    const frame = await (await frameElement.elementHandle())?.contentFrame();
    if (!frame) throw new Error('the widget iframe has no frame');
    await frame.waitForSelector('text=20% off your next order');
    await expect
      .poll(async () => (await frameElement.boundingBox())?.height ?? 0)
      .toBeGreaterThan(200);

    expect(await frame.locator('button', { hasText: "Let's start" }).isVisible()).toBe(true);
    expect(await frame.locator('button', { hasText: 'Copy the link' }).isVisible()).toBe(true);
    await expectAccessible(page);
    await expectAccessible(frame);
    await screenshot(page, `demo-${name}`);
    expect(errors).toEqual([]);
    await page.close();
  });
});
