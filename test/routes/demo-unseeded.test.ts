import { describe, expect, it } from 'vitest';
import { request } from '../helpers/http';

// Its own file: storage is isolated per file, and here the demo campaign must not exist.
describe('GET /demo before seeding', () => {
  it('tells the operator how to seed instead of embedding a broken widget', async () => {
    const response = await request('/demo');
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html).toContain('npm run db:seed');
    expect(html).not.toContain('data-campaign');
  });
});
