/** `byteCount` random bytes as URL-safe base64 without padding. */
export function randomUrlSafe(byteCount: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(byteCount));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * A random id with 128 bits of entropy, URL-safe. Ids of journeys and submissions appear in
 * links a shopper bookmarks, so they must be unguessable, not sequential.
 */
export function newId(prefix: string): string {
  return `${prefix}_${randomUrlSafe(16)}`;
}
