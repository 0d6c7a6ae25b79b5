import { z } from 'zod';
import { type PostOptions, type ProviderAnswer, postJson } from './http';
import { type EmailSender, type OutgoingEmail, type SendOutcome, sendFailure } from './types';

export const RESEND_URL = 'https://api.resend.com/emails';

export type ResendOptions = PostOptions & { apiKey: string; from: string; replyTo?: string };

const SENT = z.object({ id: z.string().min(1) });
const ERROR = z.object({ name: z.string().optional(), message: z.string().optional() });

// Resend accepts tag names and values of ASCII letters, digits, underscores and dashes only.
const TAG_UNSAFE = /[^A-Za-z0-9_-]/g;

/**
 * Sends through Resend's `POST /emails`. Its wire format is snake_case (`reply_to`) even though
 * its SDK takes camelCase; the `Idempotency-Key` header makes a retry within 24 hours return the
 * first answer instead of sending again (resend.com/docs/dashboard/emails/idempotency-keys).
 */
export function resendSender(options: ResendOptions): EmailSender {
  return {
    provider: 'resend',
    async send(message, idempotencyKey) {
      const answer = await postJson(
        RESEND_URL,
        { Authorization: `Bearer ${options.apiKey}`, 'Idempotency-Key': idempotencyKey },
        resendBody(message, options),
        options,
      );
      if (!answer.ok) return sendFailure(answer.reason, true, answer.message);
      return resendOutcome(answer.value, options.apiKey);
    },
  };
}

function resendBody(message: OutgoingEmail, options: ResendOptions) {
  return {
    from: options.from,
    to: [message.to],
    subject: message.subject,
    html: message.html,
    text: message.text,
    ...(options.replyTo ? { reply_to: options.replyTo } : {}),
    ...(message.kind
      ? { tags: [{ name: 'kind', value: message.kind.replace(TAG_UNSAFE, '_') }] }
      : {}),
  };
}

/** What Resend's answer means for the outbox (resend.com/docs/api-reference/errors). */
function resendOutcome(answer: ProviderAnswer, apiKey: string): SendOutcome {
  const sent = SENT.safeParse(answer.body);
  if (answer.status === 200 && sent.success) return { ok: true, providerMessageId: sent.data.id };

  const error = ERROR.safeParse(answer.body);
  const name = (error.success && error.data.name) || 'unknown';
  const detail = (error.success && error.data.message) || '';
  const text = `Resend answered ${answer.status} ${name}: ${detail}`;
  const fail = (reason: Parameters<typeof sendFailure>[0], retry: boolean) =>
    sendFailure(reason, retry, text.trim(), [apiKey]);

  if (answer.status === 200) return fail('unexpected_answer', true);
  if (answer.status === 429) return fail('rate_limited', true);
  if (answer.status >= 500) return fail('provider_unavailable', true);
  // The first request with this key is still being handled; a later attempt gets its answer.
  // `invalid_idempotent_request` (the key already used for another body) is final.
  if (name === 'concurrent_idempotent_requests') return fail('provider_unavailable', true);
  // A missing or revoked key, or an unverified sending domain, is fixed in the configuration,
  // not in the email; retrying with backoff lets queued emails leave once it is fixed.
  if (answer.status === 401 || answer.status === 403) return fail('not_authorized', true);
  return fail('rejected', false);
}
