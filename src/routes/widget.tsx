import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { findPublicCampaign } from '../db/campaigns';
import { isAcceptingShoppers, widgetFrameAncestors } from '../domain/campaign';
import type { AppEnv } from '../env';
import { publicOrigin } from '../lib/origin';
import { Widget } from '../views/Widget';

// What the embed script passes along. Anything malformed is dropped rather than refused:
// a store's template mistake must not blank out the widget on its Thank-You page.
const widgetQuery = z.object({
  order: z.string().trim().min(1).max(64).optional().catch(undefined),
  email: z.email().max(254).optional().catch(undefined),
});

/** `/w/:campaignId`: the widget page that the embed script frames. */
export const widgetRoutes = new Hono<AppEnv>().get(
  '/w/:campaignId',
  zValidator('query', widgetQuery),
  async (c) => {
    const campaign = await findPublicCampaign(c.get('db'), c.req.param('campaignId'));
    if (!campaign) throw new HTTPException(404, { message: 'There is no such campaign.' });

    const { order, email } = c.req.valid('query');
    const startUrl = new URL(`/c/${campaign.id}/start`, publicOrigin(c));
    if (order) startUrl.searchParams.set('order', order);

    c.set('frameAncestors', widgetFrameAncestors(campaign));
    c.header('Cache-Control', 'private, max-age=60');
    return c.html(
      <Widget
        campaign={campaign}
        accepting={isAcceptingShoppers(campaign)}
        startUrl={startUrl.toString()}
        orderRef={order}
        email={email}
        styleNonce={c.get('styleNonce')}
      />,
    );
  },
);
