import { fail, ok, type Result } from '../lib/result';

const encoder = new TextEncoder();

// How far the signed time of one of our own deliveries may be from our clock. Five minutes
// covers clock skew and a slow sender; an older signature is treated as a replay.
export const FAROUT_TOLERANCE_MS = 5 * 60_000;

function importHmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  );
}

/**
 * Whether `signature` is the HMAC-SHA256 of `data` under `secret`. `subtle.verify` compares in
 * constant time (workerd checks HMACs with BoringSSL's CRYPTO_memcmp), so the time taken says
 * nothing about how many leading bytes of a forged signature were right.
 */
export async function verifyHmac(
  secret: string,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  const key = await importHmacKey(secret);
  return crypto.subtle.verify('HMAC', key, signature, data);
}

/** The bytes of a base64 string, or null when it is not base64. */
export function decodeBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const binary = atob(text);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** The bytes of a hex string, or null when it is not hex. */
export function decodeHex(text: string): Uint8Array | null {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(text)) return null;
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * Checks a header holding base64(HMAC-SHA256(secret, raw body)), the scheme of both Shopify
 * (`X-Shopify-Hmac-Sha256`) and WooCommerce (`X-WC-Webhook-Signature`).
 */
export async function verifyBase64Signature(
  secret: string,
  body: Uint8Array,
  header: string | undefined,
): Promise<boolean> {
  const signature = header ? decodeBase64(header.trim()) : null;
  if (!signature) return false;

  return verifyHmac(secret, body, signature);
}

/** The parts of a `FarOut-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>]` header. */
export function parseFarOutSignature(
  header: string,
): { timestamp: number; signatures: Uint8Array[] } | null {
  let timestamp: number | null = null;
  const signatures: Uint8Array[] = [];
  for (const part of header.split(',')) {
    const [name, value = ''] = part.trim().split('=', 2);
    if (name === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    const bytes = name === 'v1' ? decodeHex(value) : null;
    if (bytes) signatures.push(bytes);
  }

  return timestamp === null || signatures.length === 0 ? null : { timestamp, signatures };
}

/**
 * Checks our own order format's signature: hex HMAC-SHA256 over `<t>.<raw body>`. The time is
 * inside the signed bytes, so unlike the stores' headers it cannot be moved by a replayer. More
 * than one `v1` is accepted so a sender can sign with the old and the new secret while rotating.
 */
export async function verifyFarOutSignature(
  secret: string,
  body: Uint8Array,
  header: string | undefined,
  now: number,
): Promise<Result<true, 'bad_signature' | 'replay'>> {
  const parsed = header ? parseFarOutSignature(header) : null;
  if (!parsed) return fail('bad_signature', 'The FarOut-Signature header is missing or malformed.');

  const prefix = encoder.encode(`${parsed.timestamp}.`);
  const signed = new Uint8Array(prefix.length + body.length);
  signed.set(prefix);
  signed.set(body, prefix.length);
  const checks = await Promise.all(parsed.signatures.map((sig) => verifyHmac(secret, signed, sig)));
  if (!checks.includes(true))
    return fail('bad_signature', 'The signature does not match the body.');

  if (Math.abs(now - parsed.timestamp * 1000) > FAROUT_TOLERANCE_MS) {
    return fail('replay', 'The signature time is more than five minutes from ours.');
  }
  return ok(true);
}
