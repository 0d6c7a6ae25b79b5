// Written apart from the app's own signing on purpose: a test that signed with the code under test
// would accept any recipe that code got wrong.

/** HMAC-SHA256 of `data` under `secret`: the recipe every webhook signature here builds on. */
export async function hmacSha256(secret: string, data: string | Uint8Array): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, bytes));
}

export const toHex = (bytes: Uint8Array): string =>
  [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
