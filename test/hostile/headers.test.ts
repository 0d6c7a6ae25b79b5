import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { consoleGet, signedInMerchant } from '../helpers/console';
import { request } from '../helpers/http';
import { postForm } from '../helpers/journey';
import { seedShopper } from '../helpers/shoppers';
import { form, get } from './corpus';
import { submissionIn } from './fixtures';

const STORE_ORIGINS = ['https://shop.example.com', 'https://www.shop.example.com'];

type Page = { path: string; cookie?: string; status?: number };
let pages: Page[];
let widgetPath: string;

beforeAll(async () => {
  const { campaign, store, owner } = await signedInMerchant({ frameOrigins: STORE_ORIGINS });
  const generated = await submissionIn(campaign.id, 'generated');
  const { journeyId } = generated;
  await postForm(`/j/${journeyId}/go`, {});
  const { submission } = await seedShopper(campaign, { path: ['generated', 'manual_review'] });
  const cookie = owner.cookie;
  widgetPath = `/w/${campaign.id}`;

  const previewing = await submissionIn(campaign.id, 'generated');
  const shopper = [
    '/',
    '/demo',
    `/j/${previewing.journeyId}`,
    `/j/${previewing.journeyId}/photo`,
    `/j/${previewing.journeyId}/preview`,
  ];
  const journey = [
    `/s/${generated.id}`,
    `/sandbox/compose?submission=${generated.id}`,
    '/sandbox/@shopper',
  ];
  const signedOut = ['/console/sign-in', '/console/sign-up', '/console/reset'];
  const consolePages = [
    '/console',
    '/console/team',
    '/console/outbox',
    '/console/settings',
    '/console/stores',
    '/console/stores/new',
    `/console/stores/${store.id}`,
    '/console/campaigns',
    '/console/campaigns/new',
    `/console/campaigns/${campaign.id}`,
    `/console/campaigns/${campaign.id}/edit`,
    `/console/campaigns/${campaign.id}/results`,
    '/console/review',
    '/console/review/queue',
    `/console/submissions/${submission?.id}`,
  ];
  pages = [
    ...[...shopper, ...journey, ...signedOut].map((path) => ({ path })),
    ...consolePages.map((path) => ({ path, cookie })),
    { path: '/nope', status: 404 },
    { path: '/console/reset/not-a-token', status: 410 },
    { path: `/console/campaigns/${campaign.id}/submissions.csv`, cookie },
    { path: `/s/${generated.id}/fast-forward`, status: 404 },
  ];
});

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) parsed.set(name, sources);
  }
  return parsed;
}

function expectCommonHeaders(response: Response) {
  const csp = directives(response.headers.get('Content-Security-Policy'));
  const scripts = csp.get('script-src') ?? csp.get('default-src') ?? [];

  expect(scripts).toEqual(["'self'"]);
  for (const sources of csp.values()) expect(sources).not.toContain("'unsafe-eval'");
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  expect(csp.get('form-action')).toEqual(["'self'"]);
  expect(response.headers.get('Strict-Transport-Security')).toMatch(
    /^max-age=(\d+); includeSubDomains$/,
  );
  const maxAge = Number(response.headers.get('Strict-Transport-Security')?.match(/\d+/)?.[0]);
  expect(maxAge).toBeGreaterThanOrEqual(15_552_000);
  expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(response.headers.get('Referrer-Policy')).toMatch(
    /^(strict-origin-when-cross-origin|no-referrer)$/,
  );
  return csp;
}

/** What the policy forbids must not be in the page either, or the page breaks under it. */
function expectPageWithinPolicy(html: string, csp: Map<string, string[]>) {
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html).not.toMatch(/\sstyle="/);
  expect(html).not.toMatch(/\son[a-z]+="/);
  const nonce = csp.get('style-src')?.find((source) => source.startsWith("'nonce-"));
  for (const style of html.match(/<style[^>]*>/g) ?? []) {
    expect(nonce).toBeDefined();
    expect(style).toContain(`nonce="${nonce?.slice(7, -1)}"`);
  }
  if (html.includes('htmx.min.js')) {
    expect(html).toContain('&quot;allowEval&quot;:false');
  }
}

describe('security headers on every page', () => {
  it('set a script policy without eval or inline script, and forbid framing', async () => {
    for (const page of pages) {
      const response = page.cookie
        ? await consoleGet(page.path, page.cookie)
        : await request(page.path);
      const body = await response.text();

      expect({ path: page.path, status: response.status }).toEqual({
        path: page.path,
        status: page.status ?? 200,
      });
      const csp = expectCommonHeaders(response);
      expect({ path: page.path, frames: csp.get('frame-ancestors') }).toEqual({
        path: page.path,
        frames: ["'none'"],
      });
      if (response.headers.get('Content-Type')?.startsWith('text/html')) {
        expectPageWithinPolicy(body, csp);
      }
    }
  });

  it('let only the campaign’s own store origins (and ours) frame the widget', async () => {
    const response = await request(widgetPath);
    const body = await response.text();

    const csp = expectCommonHeaders(response);
    expect(csp.get('frame-ancestors')).toEqual(["'self'", ...STORE_ORIGINS]);
    expect(response.headers.get('X-Frame-Options')).toBeNull();
    expectPageWithinPolicy(body, csp);
  });

  it('are set on refusals too: a forged form, a bad upload, an unknown image', async () => {
    const answers = [
      await exports.default.fetch(
        form('/console/sign-in', {}, undefined, { Origin: 'https://evil.example' }),
      ),
      await exports.default.fetch(get('/media/photos/nope.jpg')),
      await exports.default.fetch(get('/webhooks/orders/sto_nope')),
    ];

    for (const response of answers) {
      const csp = expectCommonHeaders(response);
      expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    }
  });
});
