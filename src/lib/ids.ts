/**
 * A random id with 128 bits of entropy, URL-safe. Ids of journeys and submissions appear in
 * links a shopper bookmarks, so they must be unguessable, not sequential.
 */
export function newId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const body = btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  return `${prefix}_${body}`;
}
