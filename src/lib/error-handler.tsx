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

// Middleware that refuses without a message of its own: Hono's csrf (403, the only one this app
// mounts that answers 403 bare) and a body limit without an onError (413).
const BARE_MESSAGES: Partial<Record<number, string>> = {
  403:
    'This form did not come from a FarOut page (or your browser left out where it came from), ' +
    'so nothing was saved. Go back, reload the page and send it again.',
  413: 'What you sent is larger than we accept, so nothing was saved.',
};

/**
 * The one error handler. Expected failures arrive as `HTTPException` with a message written
 * for the person who made the request; anything else is a bug or an outage, logged with its
 * stack and shown as a plain 500 without internals.
 */
export const handleError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    if (status >= 500) c.get('logger')?.error('request failed', { status, error: err });
    const message = err.message || BARE_MESSAGES[status] || 'The request could not be completed.';
    return respond(c, status, message);
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
