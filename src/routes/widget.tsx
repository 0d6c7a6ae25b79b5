import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { findPublicCampaign } from '../db/campaigns';
import { recordWidgetView } from '../db/console-results';
import { isAcceptingShoppers, widgetFrameAncestors } from '../domain/campaign';
import { embedParams } from '../domain/embed-params';
import type { AppEnv } from '../env';
import { publicOrigin } from '../lib/origin';
import { Widget } from '../views/Widget';

/** `/w/:campaignId`: the widget page that the embed script frames. */
export const widgetRoutes = new Hono<AppEnv>().get(
  '/w/:campaignId',
  zValidator('query', embedParams),
  async (c) => {
    const campaign = await findPublicCampaign(c.get('db'), c.req.param('campaignId'));
    if (!campaign) throw new HTTPException(404, { message: 'There is no such campaign.' });

    // Only a widget showing the offer is a view of the funnel; counted after the response.
    const accepting = isAcceptingShoppers(campaign);
    if (accepting)
      c.executionCtx.waitUntil(recordWidgetView(c.get('db'), c.get('logger'), campaign.id));

    const { order, email } = c.req.valid('query');
    const startUrl = new URL(`/c/${campaign.id}/start`, publicOrigin(c));
    if (order) startUrl.searchParams.set('order', order);

    c.set('frameAncestors', widgetFrameAncestors(campaign));
    c.header('Cache-Control', 'private, max-age=60');
    return c.html(
      <Widget
        campaign={campaign}
        accepting={accepting}
        startUrl={startUrl.toString()}
        orderRef={order}
        email={email}
        styleNonce={c.get('styleNonce')}
      />,
    );
  },
);
