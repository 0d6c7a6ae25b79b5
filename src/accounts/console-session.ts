import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { type ConsoleMember, endSession, findSessionMember, SESSION_TTL_MS } from '../db/members';
import type { AppEnv } from '../env';

// `__Host-` makes the browser refuse the cookie unless it is Secure, host-only and for path /,
// so no subdomain or plain-http page can plant or read a session. Browsers count localhost and
// 127.0.0.1 as secure, so local development keeps working.
const COOKIE = 'farout_session';

/** Puts a new session's token in the browser: HttpOnly, Secure, SameSite=Lax. */
export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, COOKIE, token, {
    path: '/',
    secure: true,
    httpOnly: true,
    // Lax, not Strict: a link in a reset email must arrive signed in. Cross-site form posts are
    // stopped by the Origin check on every form.
    sameSite: 'Lax',
    maxAge: SESSION_TTL_MS / 1000,
    prefix: 'host',
  });
}

/** Ends the browser's session, in the database and in the cookie. */
export async function signOut(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, COOKIE, 'host');
  if (token) await endSession(c.get('db'), token);
  deleteCookie(c, COOKIE, { path: '/', secure: true, prefix: 'host' });
}

/** Puts the signed-in member, if any, on the request. */
export const loadMember: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, COOKIE, 'host');
  const member = token ? await findSessionMember(c.get('db'), token) : undefined;
  if (member) c.set('member', member);
  await next();
};

/**
 * Console pages need a signed-in member: a page visit is sent to the sign-in page (and back
 * afterwards), anything else is refused with 401.
 */
export const requireMember: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('member')) return next();

  if (c.req.method === 'GET') {
    const next = encodeURIComponent(new URL(c.req.url).pathname + new URL(c.req.url).search);
    const location = `/console/sign-in?next=${next}`;
    if (c.req.header('HX-Request') === 'true') {
      c.header('HX-Redirect', location);
      return c.body(null, 204);
    }
    return c.redirect(location, 303);
  }
  throw new HTTPException(401, { message: 'Your session has ended. Sign in again.' });
};

/** The signed-in member; console routes run behind `requireMember`, so one is always there. */
export function currentMember(c: Context<AppEnv>): ConsoleMember {
  const member = c.get('member');
  if (!member) throw new HTTPException(401, { message: 'Your session has ended. Sign in again.' });
  return member;
}

/** The signed-in member, who must be an owner of the merchant. */
export function currentOwner(c: Context<AppEnv>): ConsoleMember {
  const member = currentMember(c);
  if (member.role !== 'owner') {
    throw new HTTPException(403, {
      message: 'Only an owner of this account can do this. Ask an owner to do it for you.',
    });
  }
  return member;
}

// Console addresses are short; a longer one is not worth keeping through a sign-in.
const MAX_NEXT_LENGTH = 500;

/** A path inside the console to go to after signing in; anything else becomes `/console`. */
export function safeNextPath(next: string | undefined): string {
  // Starting with `/console`, it cannot be `//host` or `/\host`, which browsers treat as
  // another site.
  if (!next?.startsWith('/console') || next.length > MAX_NEXT_LENGTH) return '/console';
  return next.replace(/[\r\n\\]/g, '');
}
