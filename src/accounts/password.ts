/**
 * Console passwords, hashed with PBKDF2-SHA256 through WebCrypto. A memory-hard hash (scrypt,
 * Argon2) would resist GPU guessing better, but in a Worker it runs as JavaScript or wasm and
 * costs far more CPU per sign-in than the native PBKDF2; 100,000 iterations is the most the
 * Workers runtime accepts (a larger count throws NotSupportedError). Raising the count later
 * needs no migration: the count is stored in each hash and a sign-in can re-hash.
 */

export const PBKDF2_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;
const SCHEME = 'pbkdf2-sha256';

/** The shortest password accepted (NIST SP 800-63B 5.1.1.2 asks for at least 8). */
export const MIN_PASSWORD_LENGTH = 10;

async function derive(password: string, salt: Uint8Array, iterations: number) {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password.normalize('NFKC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

const toHex = (bytes: Uint8Array) =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

function fromHex(hex: string): Uint8Array | null {
  if (!/^(?:[0-9a-f]{2})+$/.test(hex)) return null;
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}

/** `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>` for a new password. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, PBKDF2_ITERATIONS);
  return [SCHEME, PBKDF2_ITERATIONS, toHex(salt), toHex(hash)].join('$');
}

/** Whether `password` matches `stored`, compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterationsText, saltHex, hashHex] = stored.split('$');
  const iterations = Number(iterationsText);
  const salt = fromHex(saltHex ?? '');
  const expected = fromHex(hashHex ?? '');
  if (scheme !== SCHEME || !Number.isInteger(iterations) || !salt || !expected) return false;
  if (iterations < 1 || iterations > PBKDF2_ITERATIONS) return false;

  const actual = await derive(password, salt, iterations);
  return (
    actual.byteLength === expected.byteLength && crypto.subtle.timingSafeEqual(actual, expected)
  );
}

/** Spends the same time as a real check, so a sign-in for an unknown address is not faster. */
export async function verifyNothing(password: string): Promise<false> {
  await derive(password, new Uint8Array(SALT_BYTES), PBKDF2_ITERATIONS);
  return false;
}
