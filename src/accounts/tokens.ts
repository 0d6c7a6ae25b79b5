import { randomUrlSafe } from '../lib/ids';

/**
 * Secrets handed to a browser or an inbox (session cookies, reset and invitation links) are 256
 * random bits; only their SHA-256 is stored, so a leaked database copy opens no session and
 * resets no password.
 */

/** A new random token, URL-safe. */
export const newToken = (): string => randomUrlSafe(32);

/** The stored id of a token: its SHA-256, hex. */
export async function tokenId(token: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
