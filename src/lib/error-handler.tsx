import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../env';
import { ErrorFragment, ErrorPage } from '../views/ErrorPage';

function respond(c: Context<AppEnv>, status: ContentfulStatusCode, message: string) {
  const requestId = c.get('requestId') ?? 'unknown';

  if (c.req.path.startsWith('/api/')) {
    return c.json({ error: { status, message, requestId } }, status);
  }

  if (c.req.header('HX-Request') === 'true') {
    return c.html(<ErrorFragment message={message} />, status);
  }

  return c.html(<ErrorPage status={status} message={message} requestId={requestId} />, status);
}

/**
 * The one error handler. Expected failures arrive as `HTTPException` with a message written
 * for the person who made the request; anything else is a bug or an outage, logged with its
 * stack and shown as a plain 500 without internals.
 */
export const handleError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    if (status >= 500) c.get('logger')?.error('request failed', { status, error: err });
    return respond(c, status, err.message || 'The request could not be completed.');
  }

  c.get('logger')?.error('unhandled error', {
    error: err,
    stack: err instanceof Error ? err.stack : undefined,
    path: c.req.path,
  });
  return respond(c, 500, 'Something broke on our side. Please try again in a minute.');
};

export const handleNotFound: NotFoundHandler<AppEnv> = (c) =>
  respond(c, 404, 'The address may be mistyped, or the page has moved.');
