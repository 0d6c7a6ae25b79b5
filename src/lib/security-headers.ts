import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../env';
import { newId } from './ids';

/**
 * The Content Security Policy of every page: our own scripts, styles and images only, no inline
 * script, inline styles only with the response's nonce (campaign colours), and no framing unless
 * a route names the origins allowed to frame it (only the widget does, with its campaign's store
 * origins).
 */
function contentSecurityPolicy(
  frameAncestors: string[],
  formTargets: string[],
  styleNonce: string,
): string {
  const ancestors = frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'";
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${styleNonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    ["form-action 'self'", ...formTargets].join(' '),
    "base-uri 'none'",
    "object-src 'none'",
    `frame-ancestors ${ancestors}`,
  ].join('; ');
}

const baseHeaders = secureHeaders({
  // Framing is governed by CSP `frame-ancestors`, which can list several store origins;
  // X-Frame-Options cannot, and browsers ignore it when frame-ancestors is present.
  xFrameOptions: false,
  referrerPolicy: 'strict-origin-when-cross-origin',
  crossOriginOpenerPolicy: false,
});

/** Sets the security headers of every response the Worker renders. */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  const styleNonce = newId('n').slice(2);
  c.set('styleNonce', styleNonce);

  await baseHeaders(c, async () => {
    await next();
  });

  const policy = contentSecurityPolicy(
    c.get('frameAncestors') ?? [],
    c.get('formTargets') ?? [],
    styleNonce,
  );
  c.res.headers.set('Content-Security-Policy', policy);
};
