import { afterEach, describe, expect, it, vi } from 'vitest';
import { RESEND_URL, resendSender } from '../../../src/notify/senders/resend';
import resend422 from '../../fixtures/notify/resend-422.json';
import resend429 from '../../fixtures/notify/resend-429.json';
import sample from '../../fixtures/notify/resend-send.request.json';
import sent from '../../fixtures/notify/resend-send.response.json';
import { jsonAnswer, spyOnFetch } from '../fetch-spy';

afterEach(() => {
  vi.restoreAllMocks();
});

const API_KEY = sample.headers.Authorization.replace('Bearer ', '');
const KEY = sample.headers['Idempotency-Key'];

/** The sample's own email, as the outbox would hand it over. */
const message = {
  to: sample.body.to[0] ?? '',
  subject: sample.body.subject,
  html: sample.body.html,
  text: sample.body.text,
  kind: 'share_reward',
};

const sender = () =>
  resendSender({ apiKey: API_KEY, from: sample.body.from, replyTo: sample.body.reply_to });

describe('resendSender', () => {
  it('posts the snake_case body with the bearer key and the idempotency key', async () => {
    const { requests } = spyOnFetch(() => jsonAnswer(sent.body, sent.status));

    const outcome = await sender().send(message, KEY);

    expect(outcome).toEqual({ ok: true, providerMessageId: sent.body.id });
    expect(requests).toHaveLength(1);
    const [{ request, body }] = requests as [(typeof requests)[number]];
    expect(request.method).toBe(sample.method);
    expect(request.url).toBe(sample.url);
    expect(request.url).toBe(RESEND_URL);
    for (const [name, value] of Object.entries(sample.headers)) {
      expect(request.headers.get(name)).toBe(value);
    }
    const { tags, ...fields } = sample.body;
    expect(body).toEqual({ ...fields, tags: [{ name: 'kind', value: 'share_reward' }] });
    expect(Object.keys(tags[0] ?? {})).toEqual(['name', 'value']);
  });

  it('leaves reply_to and tags out when there are none', async () => {
    const { requests } = spyOnFetch(() => jsonAnswer(sent.body));

    await resendSender({ apiKey: API_KEY, from: sample.body.from }).send(
      { ...message, kind: undefined },
      KEY,
    );

    expect(requests[0]?.body).not.toHaveProperty('reply_to');
    expect(requests[0]?.body).not.toHaveProperty('replyTo');
    expect(requests[0]?.body).not.toHaveProperty('tags');
  });

  it('turns characters Resend refuses in a tag into underscores', async () => {
    const { requests } = spyOnFetch(() => jsonAnswer(sent.body));

    await sender().send({ ...message, kind: 'code active:v2' }, KEY);

    expect(requests[0]?.body).toMatchObject({ tags: [{ name: 'kind', value: 'code_active_v2' }] });
  });

  it('asks for a retry on 429 and on 5xx', async () => {
    spyOnFetch((_request, index) =>
      index === 0
        ? jsonAnswer(resend429.body, resend429.status, resend429.headers)
        : jsonAnswer({ statusCode: 500, name: 'internal_server_error', message: 'oops' }, 500),
    );

    const limited = await sender().send(message, KEY);
    const broken = await sender().send(message, KEY);

    expect(limited).toMatchObject({ ok: false, retry: true, reason: 'rate_limited' });
    expect(broken).toMatchObject({ ok: false, retry: true, reason: 'provider_unavailable' });
  });

  it('gives up on a 422 and says what Resend objected to', async () => {
    spyOnFetch(() => jsonAnswer(resend422, 422));

    const outcome = await sender().send(message, KEY);

    expect(outcome).toMatchObject({ ok: false, retry: false, reason: 'rejected' });
    if (outcome.ok) throw new Error('expected a failure');
    expect(outcome.message).toContain('validation_error');
    expect(outcome.message).toContain('Invalid `from` field');
  });

  it('retries while the same key is in flight, not when another email used it', async () => {
    spyOnFetch((_request, index) =>
      jsonAnswer(
        {
          statusCode: 409,
          name: index === 0 ? 'concurrent_idempotent_requests' : 'invalid_idempotent_request',
          message: 'conflict',
        },
        409,
      ),
    );

    const inFlight = await sender().send(message, KEY);
    const reused = await sender().send(message, KEY);

    expect(inFlight).toMatchObject({ ok: false, retry: true });
    expect(reused).toMatchObject({ ok: false, retry: false, reason: 'rejected' });
  });

  it('retries when Resend cannot be reached', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('connection reset'));

    const outcome = await sender().send(message, KEY);

    expect(outcome).toMatchObject({ ok: false, retry: true, reason: 'network' });
  });
});
