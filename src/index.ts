import { Hono } from 'hono';
import { except } from 'hono/combine';
import { csrf } from 'hono/csrf';
import { requestId } from 'hono/request-id';
import { loadMember, requireMember } from './accounts/console-session';
import { createDb } from './db/client';
import type { AppEnv } from './env';
import { handleError, handleNotFound } from './lib/error-handler';
import { createLogger } from './lib/logger';
import { requestContext } from './lib/request-context';
import { securityHeaders } from './lib/security-headers';
import { reconcileMonitors } from './monitor/reconcile';
import { sendQueuedEmails } from './notify/dispatch';
import { purgeExpiredShopperData } from './rights/retention';
import { consoleRoutes } from './routes/console';
import { consoleAuthRoutes } from './routes/console-auth';
import { consoleCampaignRoutes } from './routes/console-campaigns';
import { consoleResultRoutes } from './routes/console-results';
import { consoleReviewRoutes } from './routes/console-review';
import { consoleStoreRoutes } from './routes/console-stores';
import { healthRoutes } from './routes/health';
import { instagramWebhookRoutes } from './routes/instagram-webhooks';
import { journeyRoutes } from './routes/journey';
import { journeyPostRoutes } from './routes/journey-post';
import { mediaRoutes } from './routes/media';
import { pageRoutes } from './routes/pages';
import { sandboxRoutes } from './routes/sandbox';
import { statusRoutes } from './routes/status';
import { webhookRoutes } from './routes/webhooks';
import { widgetRoutes } from './routes/widget';

export { PostMonitor } from './monitor/post-monitor';

const app = new Hono<AppEnv>();

app.use(requestId({ headerName: 'X-Request-Id' }));
app.use(requestContext);
app.use(securityHeaders);
// Form posts must come from our own pages (the widget's form included: it is served by us).
// Webhooks are server-to-server posts without an Origin; their signatures authenticate them.
app.use(except('/webhooks/*', csrf()));

// Every console page needs a signed-in member, except the pages that get one signed in.
const PUBLIC_CONSOLE_PATHS = [
  '/console/sign-in',
  '/console/sign-up',
  '/console/sign-out',
  '/console/reset',
  '/console/reset/*',
  '/console/invite/*',
];
app.use('/console/*', loadMember, except(PUBLIC_CONSOLE_PATHS, requireMember));

app.route('/', healthRoutes);
app.route('/', pageRoutes);
app.route('/', widgetRoutes);
app.route('/', journeyRoutes);
app.route('/', journeyPostRoutes);
app.route('/', statusRoutes);
app.route('/', mediaRoutes);
app.route('/', consoleAuthRoutes);
app.route('/', consoleRoutes);
app.route('/', consoleStoreRoutes);
app.route('/', consoleCampaignRoutes);
app.route('/', consoleReviewRoutes);
app.route('/', consoleResultRoutes);
app.route('/', sandboxRoutes);
app.route('/', webhookRoutes);
app.route('/', instagramWebhookRoutes);

app.onError(handleError);
app.notFound(handleNotFound);

export { app };

export default {
  fetch: app.fetch,

  async scheduled(controller, env, ctx) {
    const logger = createLogger(env.LOG_LEVEL, { cron: controller.cron });
    const db = createDb(env.DB);
    ctx.waitUntil(reconcileMonitors(env, db, logger, controller.scheduledTime));
    ctx.waitUntil(sendQueuedEmails(env, db, logger));
    ctx.waitUntil(purgeExpiredShopperData(env, db, logger, controller.scheduledTime));
  },
} satisfies ExportedHandler<Cloudflare.Env>;
