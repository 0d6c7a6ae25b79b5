import { fail, ok, type Result } from './result';

/**
 * A store's integration secrets (a Shopify access token, WooCommerce keys, a webhook signing
 * secret) are kept in D1 only as AES-256-GCM ciphertext. The key is the Worker secret
 * `CREDENTIALS_KEY`; keys it replaced stay readable through `CREDENTIALS_OLD_KEYS`, so a key is
 * rotated by moving the old value there, setting a new one, and resealing rows on their next
 * save (`currentKeyId` tells which rows still use an older key). Nothing here logs: the only
 * values it handles are secrets.
 */

/** The bindings this module reads; `Cloudflare.Env` satisfies it. */
export type CredentialsEnv = {
  /** 32 random bytes, base64. */
  CREDENTIALS_KEY: string;
  /** Keys that sealed older rows, comma-separated, each 32 bytes of base64. */
  CREDENTIALS_OLD_KEYS?: string;
};

/** What is stored in `stores.credentials_ciphertext` and `stores.credentials_key_id`. */
export type SealedCredentials = { ciphertext: string; keyId: string };

export type OpenFailure = 'unknown_key' | 'corrupt';

// NIST SP 800-38D 8.2: a random IV must be 96 bits; at most 2^32 seals per key keep the chance
// of a repeat negligible, far beyond how often merchants save their store settings.
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
// Additional data names the purpose as well as the store, so a ciphertext cannot be moved to
// another store's row, nor reused by some later feature that seals other things with this key.
const AAD_PREFIX = 'farout/store-credentials/v1:';

type RingKey = { id: string; key: CryptoKey };

// Importing a key costs a digest and an import; a Worker isolate serves many requests.
const imported = new Map<string, Promise<RingKey>>();

/** Seals `secrets` (any JSON object) for the store `storeId` with the current key. */
export async function seal(
  env: CredentialsEnv,
  secrets: Record<string, unknown>,
  storeId: string,
): Promise<SealedCredentials> {
  const { id, key } = await ringKey(env.CREDENTIALS_KEY);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plaintext = new TextEncoder().encode(JSON.stringify(secrets));

  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: additionalData(storeId) },
    key,
    plaintext,
  );

  const joined = new Uint8Array(IV_BYTES + sealed.byteLength);
  joined.set(iv);
  joined.set(new Uint8Array(sealed), IV_BYTES);
  return { ciphertext: toBase64(joined), keyId: id };
}

/** The secrets sealed for `storeId`, or why they cannot be read. */
export async function open(
  env: CredentialsEnv,
  sealed: SealedCredentials,
  storeId: string,
): Promise<Result<Record<string, unknown>, OpenFailure>> {
  const ring = await keyRing(env);
  const match = ring.find((entry) => entry.id === sealed.keyId);
  if (!match) {
    return fail(
      'unknown_key',
      'The store credentials were sealed with a key this deployment no longer has; ' +
        'the merchant has to enter them again.',
    );
  }

  const bytes = fromBase64(sealed.ciphertext);
  if (!bytes || bytes.byteLength < IV_BYTES + TAG_BYTES) return corrupt();
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: bytes.slice(0, IV_BYTES), additionalData: additionalData(storeId) },
      match.key,
      bytes.slice(IV_BYTES),
    );
    const value: unknown = JSON.parse(new TextDecoder().decode(plaintext));
    return isPlainObject(value) ? ok(value) : corrupt();
  } catch {
    // A failed tag check is the only error decrypt gives: altered bytes, or another store's row.
    return corrupt();
  }
}

/** The id of the key that `seal` uses now; rows with another id are due for resealing. */
export async function currentKeyId(env: CredentialsEnv): Promise<string> {
  return (await ringKey(env.CREDENTIALS_KEY)).id;
}

/** The id stored beside a ciphertext: the first 8 hex digits of SHA-256 of the raw key. */
export async function keyIdOf(base64Key: string): Promise<string> {
  return (await ringKey(base64Key)).id;
}

/**
 * A secret as it may be shown back to the merchant: a vendor prefix such as `shpat_` or `ck_`
 * and the last four characters. Secrets under 16 characters show no tail, so at most a quarter
 * of any secret is ever shown.
 */
export function maskSecret(secret: string): string {
  const prefix = /^[a-z]{2,8}_/i.exec(secret)?.[0] ?? '';
  const rest = secret.slice(prefix.length);
  const tail = rest.length >= 16 ? rest.slice(-4) : '';
  return `${prefix}…${tail}`;
}

const corrupt = () =>
  fail(
    'corrupt',
    'The stored store credentials cannot be read; the merchant has to enter them again.',
  );

function additionalData(storeId: string): Uint8Array {
  return new TextEncoder().encode(`${AAD_PREFIX}${storeId}`);
}

function keyRing(env: CredentialsEnv): Promise<RingKey[]> {
  const older = (env.CREDENTIALS_OLD_KEYS ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter((value) => value !== '');
  return Promise.all([env.CREDENTIALS_KEY, ...older].map(ringKey));
}

function ringKey(base64Key: string): Promise<RingKey> {
  const known = imported.get(base64Key);
  if (known) return known;

  const pending = importKey(base64Key);
  imported.set(base64Key, pending);
  // A bad key must not stay cached as a rejected promise once the operator has fixed it.
  pending.catch(() => imported.delete(base64Key));
  return pending;
}

async function importKey(base64Key: string): Promise<RingKey> {
  const raw = fromBase64(base64Key.trim());
  // A missing or malformed key is a deployment fault, not an expected failure; the message
  // names the variable and never the value.
  if (!raw || raw.byteLength !== KEY_BYTES) {
    throw new Error('CREDENTIALS_KEY and CREDENTIALS_OLD_KEYS must each be 32 bytes of base64.');
  }

  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw));
  const id = [...digest.slice(0, 4)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return { id, key };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | null {
  try {
    const binary = atob(text);
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

/** What a stored row holds of its sealed credentials (the `stores` table's columns). */
export type StoredCredentials = {
  id: string;
  credentialsCiphertext: string | null;
  credentialsKeyId: string | null;
};

/**
 * The opened credentials of a store row, or null when it has none or they cannot be opened
 * (a retired key, a damaged row): callers treat both as "not connected".
 */
export async function openStoreCredentials(
  env: CredentialsEnv,
  store: StoredCredentials,
): Promise<Record<string, unknown> | null> {
  if (!store.credentialsCiphertext || !store.credentialsKeyId) return null;

  const sealed = { ciphertext: store.credentialsCiphertext, keyId: store.credentialsKeyId };
  const opened = await open(env, sealed, store.id);
  return opened.ok ? opened.value : null;
}
