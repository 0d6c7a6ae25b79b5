import { Hono } from 'hono';
import type { AppEnv } from '../env';

/** Liveness with a real touch of each storage: a D1 query and an R2 lookup. */
export const healthRoutes = new Hono<AppEnv>().get('/healthz', async (c) => {
  const [d1, r2] = await Promise.allSettled([
    c.env.DB.prepare('select 1 as ok').first<{ ok: number }>(),
    c.env.MEDIA.head('healthz-probe'),
  ]);

  const checks = {
    d1: d1.status === 'fulfilled' && d1.value?.ok === 1 ? 'ok' : 'failing',
    r2: r2.status === 'fulfilled' ? 'ok' : 'failing',
  };
  const healthy = checks.d1 === 'ok' && checks.r2 === 'ok';

  if (!healthy) {
    c.get('logger').error('health check failing', {
      d1: d1.status === 'rejected' ? String(d1.reason) : checks.d1,
      r2: r2.status === 'rejected' ? String(r2.reason) : checks.r2,
    });
  }

  c.header('Cache-Control', 'no-store');
  return c.json({ status: healthy ? 'ok' : 'failing', checks }, healthy ? 200 : 503);
});
