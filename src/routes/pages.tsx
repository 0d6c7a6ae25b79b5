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
    return c.html(<DemoStore campaignReady={campaign !== undefined} />);
  });
