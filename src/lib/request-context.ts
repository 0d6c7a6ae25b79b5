import type { MiddlewareHandler } from 'hono';
import { createDb } from '../db/client';
import type { AppEnv } from '../env';
import { createLogger } from './logger';

/**
 * Gives each request its logger (tagged with the request id) and its database handle, and
 * writes one line per request. 5xx responses are logged by the error handler with the cause.
 */
export const requestContext: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = Date.now();
  const logger = createLogger(c.env.LOG_LEVEL, { requestId: c.get('requestId') });
  c.set('logger', logger);
  c.set('db', createDb(c.env.DB));

  await next();

  logger.info('request', {
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    ms: Date.now() - started,
  });
};
