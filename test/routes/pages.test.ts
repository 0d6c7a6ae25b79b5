import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEMO_CAMPAIGN_ID } from '../../src/views/DemoStore';
import { request } from '../helpers/http';
import { seedMerchant } from '../helpers/seed';

describe('GET /demo', () => {
  it('embeds the demo campaign widget on a Thank-You page', async () => {
    await seedMerchant({ id: DEMO_CAMPAIGN_ID });

    const response = await request('/demo');
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain('your order is confirmed');
    expect(html).toContain(`data-campaign="${DEMO_CAMPAIGN_ID}"`);
    expect(html).toContain('src="/embed.js"');
  });
});

describe('not found', () => {
  it('renders an HTML page with a 404 status and the request id', async () => {
    const response = await request('/no-such-page', { headers: { 'X-Request-Id': 'req-404' } });
    const html = await response.text();

    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toContain('text/html');
    expect(html).toContain('We could not find that page');
    expect(html).toContain('req-404');
  });

  it('answers htmx requests with a fragment, not a whole page', async () => {
    const response = await request('/no-such-page', { headers: { 'HX-Request': 'true' } });
    const html = await response.text();

    expect(response.status).toBe(404);
    expect(html).toMatch(/^<p class="error" role="alert">/);
    expect(html).not.toContain('<html');
  });

  it('answers /api requests with JSON', async () => {
    const response = await request('/api/nothing-here');

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { status: 404 } });
  });
});

describe('security headers', () => {
  it('forbid framing, inline scripts and other origins on ordinary pages', async () => {
    const response = await request('/');
    const csp = response.headers.get('Content-Security-Policy') ?? '';

    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('are set on error pages too', async () => {
    const response = await request('/missing');

    expect(response.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
  });

  it('do not depend on the environment having a public origin set', () => {
    expect(env.PUBLIC_ORIGIN).toBe('');
  });
});
