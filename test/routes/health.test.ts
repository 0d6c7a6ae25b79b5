import { describe, expect, it } from 'vitest';
import { request } from '../helpers/http';

describe('GET /healthz', () => {
  it('reports D1 and R2 as working', async () => {
    const response = await request('/healthz');

    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok', checks: { d1: 'ok', r2: 'ok' } });
  });

  it('carries a request id, echoing the one the caller sent', async () => {
    const response = await request('/healthz', { headers: { 'X-Request-Id': 'probe-42' } });

    expect(response.headers.get('X-Request-Id')).toBe('probe-42');
  });
});
