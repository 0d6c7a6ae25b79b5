import { Hono } from 'hono';
import { findPublicCampaign } from '../db/campaigns';
import type { AppEnv } from '../env';
import { DEMO_CAMPAIGN_ID, DemoStore } from '../views/DemoStore';
import { Home } from '../views/Home';

/** The front page and the demo store. */
export const pageRoutes = new Hono<AppEnv>()
  .get('/', (c) => c.html(<Home />))
  .get('/demo', async (c) => {
    const campaign = await findPublicCampaign(c.get('db'), DEMO_CAMPAIGN_ID);
    // A new order number on every visit, as after a real checkout: each visitor of the demo gets
    // a journey of their own instead of landing on someone else's.
    const orderRef = String(
      100_000 + ((crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) % 900_000),
    );
    return c.html(<DemoStore campaignReady={campaign !== undefined} orderRef={orderRef} />);
  });
