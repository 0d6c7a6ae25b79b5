import { describe, expect, it } from 'vitest';
import { request } from '../helpers/http';
import { seedMerchant } from '../helpers/seed';

describe('GET /w/:campaign', () => {
  it('shows the offer in the campaign words with a start button and a copy link', async () => {
    const { campaign } = await seedMerchant({ offerText: '15% off your next bag' });

    const response = await request(`/w/${campaign.id}?order=1001`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain('15% off your next bag');
    expect(html).toContain(`action="/c/${campaign.id}/start"`);
    expect(html).toContain('name="order" value="1001"');
    expect(html).toContain(`value="http://farout.test/c/${campaign.id}/start?order=1001"`);
    expect(html).toContain('Copy the link');
    expect(html).not.toContain('htmx');
  });

  it('may be framed only by the campaign store origins', async () => {
    const { campaign } = await seedMerchant({
      frameOrigins: ['https://shop.example', 'javascript:alert(1)'],
    });

    const response = await request(`/w/${campaign.id}`);
    const csp = response.headers.get('Content-Security-Policy') ?? '';

    expect(csp).toContain("frame-ancestors 'self' https://shop.example");
    expect(csp).not.toContain('javascript:');
  });

  it('shows a polite message instead of the offer when the campaign is paused', async () => {
    const { campaign } = await seedMerchant({ status: 'paused' });

    const response = await request(`/w/${campaign.id}`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain('not running right now');
    expect(html).not.toContain("Let's start");
  });

  it('shows the polite message once the campaign end date has passed', async () => {
    const { campaign } = await seedMerchant({ endsAt: new Date(Date.now() - 1000) });

    const html = await (await request(`/w/${campaign.id}`)).text();

    expect(html).toContain('not running right now');
  });

  it('escapes what the merchant wrote and drops colours that are not hex', async () => {
    const { campaign } = await seedMerchant({
      offerText: '<img src=x onerror=alert(1)>',
      colors: { background: 'red;}</style><script>', accent: '#ff0000', text: '#fff' },
    });

    const html = await (await request(`/w/${campaign.id}`)).text();

    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('</style><script>');
    expect(html).toContain('--accent:#ff0000');
  });

  it('ignores a malformed email or order instead of failing', async () => {
    const { campaign } = await seedMerchant();

    const response = await request(`/w/${campaign.id}?email=not-an-email&order=`);
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).not.toContain('name="email"');
    expect(html).not.toContain('name="order"');
  });

  it('answers 404 for an unknown campaign', async () => {
    const response = await request('/w/cmp_unknown');

    expect(response.status).toBe(404);
    expect(await response.text()).toContain('There is no such campaign.');
  });
});
