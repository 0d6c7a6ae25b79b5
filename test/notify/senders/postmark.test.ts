import { afterEach, describe, expect, it, vi } from 'vitest';
import { POSTMARK_URL, postmarkSender } from '../../../src/notify/senders/postmark';
import postmark422 from '../../fixtures/notify/postmark-422.json';
import sample from '../../fixtures/notify/postmark-send.request.json';
import sent from '../../fixtures/notify/postmark-send.response.json';
import { jsonAnswer, spyOnFetch } from '../fetch-spy';

afterEach(() => {
  vi.restoreAllMocks();
});

const TOKEN = sample.headers['X-Postmark-Server-Token'];
const OUTBOX_ID = 'eml_7Hq2';

const message = {
  to: sample.body.To,
  subject: sample.body.Subject,
  html: sample.body.HtmlBody,
  text: sample.body.TextBody,
  kind: sample.body.Tag,
};

const sender = () => postmarkSender({ serverToken: TOKEN, from: sample.body.From });

describe('postmarkSender', () => {
  it('posts the PascalCase body with the server token header', async () => {
    const { requests } = spyOnFetch(() => jsonAnswer(sent.body, sent.status));

    const outcome = await sender().send(message, OUTBOX_ID);

    expect(outcome).toEqual({ ok: true, providerMessageId: sent.body.MessageID });
    const [{ request, body }] = requests as [(typeof requests)[number]];
    expect(request.method).toBe(sample.method);
    expect(request.url).toBe(sample.url);
    expect(request.url).toBe(POSTMARK_URL);
    for (const [name, value] of Object.entries(sample.headers)) {
      expect(request.headers.get(name)).toBe(value);
    }
    expect(body).toEqual({ ...sample.body, Metadata: { outbox_id: OUTBOX_ID } });
  });

  it('gives up on a 422 about the email itself', async () => {
    spyOnFetch(() => jsonAnswer(postmark422.body, postmark422.status));

    const outcome = await sender().send(message, OUTBOX_ID);

    expect(outcome).toMatchObject({ ok: false, retry: false, reason: 'rejected' });
    if (outcome.ok) throw new Error('expected a failure');
    expect(outcome.message).toContain(`ErrorCode ${postmark422.body.ErrorCode}`);
  });

  it('retries a 422 that is about the account or the service, not the email', async () => {
    spyOnFetch((_request, index) =>
      jsonAnswer({ ...postmark422.body, ErrorCode: index === 0 ? 429 : 100 }, 422),
    );

    const limited = await sender().send(message, OUTBOX_ID);
    const maintenance = await sender().send(message, OUTBOX_ID);

    expect(limited).toMatchObject({ ok: false, retry: true, reason: 'rate_limited' });
    expect(maintenance).toMatchObject({ ok: false, retry: true });
  });

  it('retries on 5xx and on a rejected token, keeping the token out of the message', async () => {
    spyOnFetch((_request, index) =>
      index === 0
        ? jsonAnswer({ ErrorCode: 0, Message: 'Internal error' }, 500)
        : jsonAnswer({ ErrorCode: 10, Message: `Bad token ${TOKEN}` }, 401),
    );

    const broken = await sender().send(message, OUTBOX_ID);
    const refused = await sender().send(message, OUTBOX_ID);

    expect(broken).toMatchObject({ ok: false, retry: true, reason: 'provider_unavailable' });
    expect(refused).toMatchObject({ ok: false, retry: true, reason: 'not_authorized' });
    expect(JSON.stringify(refused)).not.toContain(TOKEN);
  });
});
