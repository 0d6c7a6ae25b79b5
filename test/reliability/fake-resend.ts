import resend429 from '../fixtures/notify/resend-429.json';
import resendSent from '../fixtures/notify/resend-send.response.json';
import type { FakeSystem } from '../helpers/fault-fetch';

/**
 * Resend's `POST /emails`, honouring `Idempotency-Key` as Resend documents it: a second request
 * with the same key and body within 24 hours gets the first answer and sends nothing; the same
 * key with another body is refused. What it delivered is the truth about emails sent twice.
 */

type Delivered = { id: string; to: string; subject: string; idempotencyKey: string | null };
type Sent = { id: string; body: string; at: number };

const KEY_LIFETIME_MS = 24 * 60 * 60_000;

export type FakeResend = ReturnType<typeof fakeResend>;

/** Resend for the account of `apiKey`. */
export function fakeResend(apiKey: string) {
  const delivered: Delivered[] = [];
  const byKey = new Map<string, Sent>();
  /** Requests answered from an earlier one with the same key, sending nothing. */
  let replays = 0;

  function deliver(body: string, key: string | null): Response {
    const email = JSON.parse(body) as { to: string[]; subject: string };
    const id = crypto.randomUUID();
    for (const to of email.to) {
      delivered.push({ id, to, subject: email.subject, idempotencyKey: key });
    }
    if (key) byKey.set(key, { id, body, at: Date.now() });
    return Response.json({ ...resendSent.body, id });
  }

  const system: FakeSystem = {
    name: 'resend',
    hosts: ['api.resend.com'],
    rateLimited: () => Response.json(resend429.body, { status: 429, headers: resend429.headers }),
    async answer(request) {
      if (request.method !== 'POST' || new URL(request.url).pathname !== '/emails') {
        return Response.json({ name: 'not_found', statusCode: 404 }, { status: 404 });
      }
      if (request.headers.get('Authorization') !== `Bearer ${apiKey}`) {
        const refusal = { statusCode: 403, name: 'invalid_api_key', message: 'API key is invalid' };
        return Response.json(refusal, { status: 403 });
      }

      const body = await request.text();
      const key = request.headers.get('Idempotency-Key');
      const earlier = key ? byKey.get(key) : undefined;
      if (!earlier || Date.now() - earlier.at > KEY_LIFETIME_MS) return deliver(body, key);
      if (earlier.body !== body) {
        const refusal = {
          statusCode: 409,
          name: 'invalid_idempotent_request',
          message: 'Same idempotency key used with a different request payload.',
        };
        return Response.json(refusal, { status: 409 });
      }
      replays++;
      return Response.json({ ...resendSent.body, id: earlier.id });
    },
  };

  return {
    system,
    delivered,
    get replays() {
      return replays;
    },
  };
}
