import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  currentKeyId,
  keyIdOf,
  maskSecret,
  open,
  type SealedCredentials,
  seal,
} from '../../src/lib/credentials';

afterEach(() => {
  vi.restoreAllMocks();
});

const SECRETS = { accessToken: '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' };
const STORE_ID = 'sto_alice';

function randomKey(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
}

const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
const base64Of = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

function captureConsole() {
  const lines: string[] = [];
  const capture = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation(capture);
  }
  return lines;
}

describe('seal and open', () => {
  it('opens what it sealed, under the id of the key', async () => {
    const key = randomKey();

    const sealed = await seal({ CREDENTIALS_KEY: key }, SECRETS, STORE_ID);
    const opened = await open({ CREDENTIALS_KEY: key }, sealed, STORE_ID);

    expect(opened).toEqual({ ok: true, value: SECRETS });
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytesOf(key)));
    const hex = Array.from(digest.slice(0, 4), (byte) => byte.toString(16).padStart(2, '0'));
    expect(sealed.keyId).toBe(hex.join(''));
    expect(await keyIdOf(key)).toBe(sealed.keyId);
  });

  it('works with the Worker’s own CREDENTIALS_KEY binding', async () => {
    const sealed = await seal(env, SECRETS, STORE_ID);

    expect(await open(env, sealed, STORE_ID)).toEqual({ ok: true, value: SECRETS });
  });

  it('uses a fresh 96-bit IV for every seal, ahead of the ciphertext and its tag', async () => {
    const keys = { CREDENTIALS_KEY: randomKey() };

    const first = bytesOf((await seal(keys, SECRETS, STORE_ID)).ciphertext);
    const second = bytesOf((await seal(keys, SECRETS, STORE_ID)).ciphertext);

    expect(first.slice(0, 12)).not.toEqual(second.slice(0, 12));
    const plaintextLength = new TextEncoder().encode(JSON.stringify(SECRETS)).byteLength;
    expect(first.byteLength).toBe(12 + plaintextLength + 16);
  });

  it('refuses to open a ciphertext in another store’s row', async () => {
    const keys = { CREDENTIALS_KEY: randomKey() };
    const sealed = await seal(keys, SECRETS, STORE_ID);

    const opened = await open(keys, sealed, 'sto_mallory');

    expect(opened).toMatchObject({ ok: false, reason: 'corrupt' });
  });

  it('opens rows sealed with a key that was rotated out', async () => {
    const oldKey = randomKey();
    const sealed = await seal({ CREDENTIALS_KEY: oldKey }, SECRETS, STORE_ID);
    const rotated = {
      CREDENTIALS_KEY: randomKey(),
      CREDENTIALS_OLD_KEYS: ` ${randomKey()}, ${oldKey} ,`,
    };

    const opened = await open(rotated, sealed, STORE_ID);
    const forgotten = await open({ CREDENTIALS_KEY: rotated.CREDENTIALS_KEY }, sealed, STORE_ID);

    expect(opened).toEqual({ ok: true, value: SECRETS });
    expect(await currentKeyId(rotated)).not.toBe(sealed.keyId);
    expect(forgotten).toMatchObject({ ok: false, reason: 'unknown_key' });
  });

  it('refuses a tampered, truncated or garbled ciphertext', async () => {
    const keys = { CREDENTIALS_KEY: randomKey() };
    const sealed = await seal(keys, SECRETS, STORE_ID);
    const bytes = bytesOf(sealed.ciphertext);
    const flipped = bytes.slice();
    flipped[20] = (flipped[20] ?? 0) ^ 0x01;
    const variants: SealedCredentials[] = [
      { ...sealed, ciphertext: base64Of(flipped) },
      { ...sealed, ciphertext: base64Of(bytes.slice(0, 20)) },
      { ...sealed, ciphertext: 'not base64 at all!' },
    ];

    const results = await Promise.all(variants.map((variant) => open(keys, variant, STORE_ID)));

    expect(results.map((result) => !result.ok && result.reason)).toEqual([
      'corrupt',
      'corrupt',
      'corrupt',
    ]);
  });

  it('treats a key that is not 32 bytes as a deployment fault, without echoing it', async () => {
    const short = btoa('sixteen byte key');

    const sealing = seal({ CREDENTIALS_KEY: short }, SECRETS, STORE_ID);

    await expect(sealing).rejects.toThrow(/32 bytes/);
    await expect(sealing).rejects.not.toThrow(short);
  });

  it('writes nothing secret to the logs, whatever happens', async () => {
    const lines = captureConsole();
    const key = randomKey();
    const keys = { CREDENTIALS_KEY: key };

    const sealed = await seal(keys, SECRETS, STORE_ID);
    const results = [
      await open(keys, sealed, STORE_ID),
      await open(keys, sealed, 'sto_other'),
      await open({ CREDENTIALS_KEY: randomKey() }, sealed, STORE_ID),
    ];

    const failures = results.filter((result) => !result.ok);
    const written = [...lines, ...failures.map((failure) => JSON.stringify(failure))].join('\n');
    expect(failures).toHaveLength(2);
    expect(written).not.toContain(SECRETS.accessToken);
    expect(written).not.toContain(key);
  });
});

describe('maskSecret', () => {
  it('shows the vendor prefix and the last four characters of a long secret', () => {
    const token = SECRETS.accessToken;

    expect(maskSecret(token)).toBe(`shpat_…${token.slice(-4)}`);
    expect(maskSecret('0123456789abcdefghij')).toBe('…ghij');
  });

  it('shows no tail of a short secret', () => {
    expect(maskSecret('cs_12345678')).toBe('cs_…');
    expect(maskSecret('hunter2')).toBe('…');
  });
});
