import { z } from 'zod';
import { type PostOptions, type ProviderAnswer, postJson } from './http';
import { type EmailSender, type OutgoingEmail, type SendOutcome, sendFailure } from './types';

export const POSTMARK_URL = 'https://api.postmarkapp.com/email';

export type PostmarkOptions = PostOptions & {
  serverToken: string;
  from: string;
  // Postmark's default transactional stream is `outbound`; broadcasts must use another one.
  messageStream?: string;
  replyTo?: string;
};

const ANSWER = z.object({
  ErrorCode: z.number().optional(),
  Message: z.string().optional(),
  MessageID: z.string().optional(),
});

// Postmark API error codes (postmarkapp.com/developer/api/overview#error-codes) that describe
// the account or the service rather than the email: 100 maintenance, 405 not allowed to send
// (out of credits), 429 rate limit. Every other code in a 422 is about the email itself.
const RETRYABLE_CODES = new Set([100, 405, 429]);

/**
 * Sends through Postmark's `POST /email`, PascalCase fields, `X-Postmark-Server-Token`.
 *
 * Shortcoming: Postmark has no idempotency key. An attempt that times out after Postmark took
 * the email is retried and can reach the shopper twice. The outbox id travels as metadata
 * (`outbox_id`), so lifting this takes a search of sent messages by that metadata
 * (`GET /messages/outbound?metadata_outbox_id=`) before a retry that follows a timeout.
 */
export function postmarkSender(options: PostmarkOptions): EmailSender {
  return {
    provider: 'postmark',
    async send(message, idempotencyKey) {
      const answer = await postJson(
        POSTMARK_URL,
        { 'X-Postmark-Server-Token': options.serverToken },
        postmarkBody(message, idempotencyKey, options),
        options,
      );
      if (!answer.ok) return sendFailure(answer.reason, true, answer.message);
      return postmarkOutcome(answer.value, options.serverToken);
    },
  };
}

function postmarkBody(message: OutgoingEmail, outboxId: string, options: PostmarkOptions) {
  return {
    From: options.from,
    To: message.to,
    Subject: message.subject,
    HtmlBody: message.html,
    TextBody: message.text,
    MessageStream: options.messageStream ?? 'outbound',
    ...(options.replyTo ? { ReplyTo: options.replyTo } : {}),
    ...(message.kind ? { Tag: message.kind } : {}),
    Metadata: { outbox_id: outboxId },
  };
}

/** What Postmark's answer means for the outbox (HTTP status first, then `ErrorCode`). */
function postmarkOutcome(answer: ProviderAnswer, serverToken: string): SendOutcome {
  const parsed = ANSWER.safeParse(answer.body);
  const body = parsed.success ? parsed.data : {};
  if (answer.status === 200 && body.ErrorCode === 0 && body.MessageID) {
    return { ok: true, providerMessageId: body.MessageID };
  }

  const code = body.ErrorCode ?? 'none';
  const text = `Postmark answered ${answer.status} (ErrorCode ${code}): ${body.Message ?? ''}`;
  const fail = (reason: Parameters<typeof sendFailure>[0], retry: boolean) =>
    sendFailure(reason, retry, text.trim(), [serverToken]);

  if (answer.status === 200) return fail('unexpected_answer', true);
  if (answer.status === 429) return fail('rate_limited', true);
  if (answer.status >= 500) return fail('provider_unavailable', true);
  // A wrong token is fixed in the configuration, not in the email; keep retrying with backoff.
  if (answer.status === 401) return fail('not_authorized', true);
  if (answer.status === 422 && RETRYABLE_CODES.has(body.ErrorCode ?? -1)) {
    return fail(body.ErrorCode === 429 ? 'rate_limited' : 'provider_unavailable', true);
  }
  return fail('rejected', false);
}
