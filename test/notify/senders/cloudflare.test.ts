import { describe, expect, it } from 'vitest';
import {
  type CloudflareEmailBuilder,
  cloudflareSender,
  type SendEmailBinding,
} from '../../../src/notify/senders/cloudflare';
import builderSample from '../../fixtures/notify/cloudflare-send_email.builder.json';
import sample from '../../fixtures/notify/cloudflare-send_email.json';

const OUTBOX_ID = 'eml_7Hq2';

/** A stand-in for the `send_email` binding that keeps what it was given. */
function fakeBinding(answer: () => Promise<{ messageId: string }>) {
  const calls: CloudflareEmailBuilder[] = [];
  const binding: SendEmailBinding = {
    send: (builder) => {
      calls.push(builder);
      return answer();
    },
  };
  return { binding, calls };
}

const codedError = (code: string) => Object.assign(new Error(`failed: ${code}`), { code });

const message = {
  to: builderSample.to,
  subject: builderSample.subject,
  html: builderSample.html,
  text: builderSample.text,
};

const sender = (binding: SendEmailBinding) =>
  cloudflareSender({
    binding,
    from: `${builderSample.from.name} <${builderSample.from.email}>`,
    replyTo: builderSample.replyTo,
  });

describe('cloudflareSender', () => {
  it('calls the binding in its builder form and keeps the message id', async () => {
    const { binding, calls } = fakeBinding(async () => sample.result);

    const outcome = await sender(binding).send(message, OUTBOX_ID);

    expect(outcome).toEqual({ ok: true, providerMessageId: sample.result.messageId });
    expect(calls).toEqual([{ ...builderSample, headers: { 'X-FarOut-Outbox-Id': OUTBOX_ID } }]);
    expect(Object.keys(calls[0] ?? {}).sort()).toEqual(Object.keys(sample.builder_call).sort());
  });

  it('passes a bare From address as it is', async () => {
    const { binding, calls } = fakeBinding(async () => sample.result);

    await cloudflareSender({ binding, from: 'rewards@acme-outdoors.com' }).send(message, OUTBOX_ID);

    expect(calls[0]?.from).toBe('rewards@acme-outdoors.com');
    expect(calls[0]).not.toHaveProperty('replyTo');
  });

  it('retries when the service is busy or failing, or the sender is unverified', async () => {
    for (const code of [
      'E_RATE_LIMIT_EXCEEDED',
      'E_INTERNAL_SERVER_ERROR',
      'E_SENDER_NOT_VERIFIED',
    ]) {
      const { binding } = fakeBinding(() => Promise.reject(codedError(code)));

      const outcome = await sender(binding).send(message, OUTBOX_ID);

      expect(outcome, code).toMatchObject({ ok: false, retry: true });
    }
  });

  it('gives up on an email the service refuses, such as a suppressed recipient', async () => {
    const { binding } = fakeBinding(() => Promise.reject(codedError('E_RECIPIENT_SUPPRESSED')));

    const outcome = await sender(binding).send(message, OUTBOX_ID);

    expect(outcome).toMatchObject({ ok: false, retry: false, reason: 'rejected' });
    if (outcome.ok) throw new Error('expected a failure');
    expect(outcome.message).toContain('E_RECIPIENT_SUPPRESSED');
  });

  it('retries an error that carries no code', async () => {
    const { binding } = fakeBinding(() => Promise.reject(new Error('internal error')));

    const outcome = await sender(binding).send(message, OUTBOX_ID);

    expect(outcome).toMatchObject({ ok: false, retry: true });
  });
});
