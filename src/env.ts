import type { Database } from './db/client';
import type { ConsoleMember } from './db/members';
import type { Logger } from './lib/logger';

/** Hono's environment for this app: Worker bindings plus what middleware puts on a request. */
export type AppEnv = {
  Bindings: Cloudflare.Env;
  Variables: {
    requestId: string;
    logger: Logger;
    db: Database;
    // Origins allowed to frame the current response; unset means no one may frame it.
    frameAncestors?: string[];
    // Origins besides our own that a form on the page may lead to (CSP `form-action` also
    // governs where a form's redirect may go).
    formTargets?: string[];
    // Nonce that lets a page's own <style> element through the Content Security Policy.
    styleNonce: string;
    // The signed-in console member, set on console routes.
    member?: ConsoleMember;
  };
};
