import type { Context } from 'hono';
import type { AppEnv } from '../env';

/** The public origin for links that leave the page: `PUBLIC_ORIGIN`, else the request's. */
export function publicOrigin(c: Context<AppEnv>): string {
  const configured = c.env.PUBLIC_ORIGIN?.replace(/\/+$/, '');
  return configured || new URL(c.req.url).origin;
}
