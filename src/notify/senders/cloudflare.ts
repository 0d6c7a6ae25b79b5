import { type EmailSender, type SendFailureReason, type SendOutcome, sendFailure } from './types';

/** The structured form of a Cloudflare Email Service message (the binding's builder call). */
export type CloudflareEmailBuilder = {
  from: string | { email: string; name: string };
  to: string;
  subject: string;
  html: string;
  text: string;
  replyTo?: string;
  headers?: Record<string, string>;
};

/**
 * The part of a `send_email` binding this sender uses. Typed here rather than taken from the
 * generated `Env`, because wrangler.toml has no such binding yet; the runtime's `SendEmail`
 * satisfies it.
 */
export type SendEmailBinding = {
  send(builder: CloudflareEmailBuilder): Promise<{ messageId: string }>;
};

export type CloudflareOptions = { binding: SendEmailBinding; from: string; replyTo?: string };

// Error codes of the binding (developers.cloudflare.com/email-service/api/send-emails/
// workers-api/#error-codes) that say "later", or "fix the account", rather than "not this email".
const RETRYABLE = new Map<string, SendFailureReason>([
  ['E_RATE_LIMIT_EXCEEDED', 'rate_limited'],
  ['E_DAILY_LIMIT_EXCEEDED', 'rate_limited'],
  ['E_INTERNAL_SERVER_ERROR', 'provider_unavailable'],
  ['E_SENDER_NOT_VERIFIED', 'not_authorized'],
  ['E_SENDER_DOMAIN_NOT_AVAILABLE', 'not_authorized'],
]);

const MAILBOX = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/;

/**
 * Sends through a Cloudflare `send_email` binding in its builder form. The binding has no
 * idempotency key; the outbox id travels as the `X-FarOut-Outbox-Id` header so a duplicate can
 * at least be traced. Shortcoming: an attempt whose answer is lost after Cloudflare accepted it
 * is sent again on retry; lifting that needs an idempotency feature from the Email Service.
 */
export function cloudflareSender(options: CloudflareOptions): EmailSender {
  return {
    provider: 'cloudflare',
    async send(message, idempotencyKey) {
      const builder: CloudflareEmailBuilder = {
        from: mailbox(options.from),
        to: message.to,
        subject: message.subject,
        html: message.html,
        text: message.text,
        ...(options.replyTo ? { replyTo: options.replyTo } : {}),
        headers: { 'X-FarOut-Outbox-Id': idempotencyKey },
      };

      try {
        const result = await options.binding.send(builder);
        return { ok: true, providerMessageId: result.messageId };
      } catch (error) {
        return cloudflareFailure(error);
      }
    },
  };
}

/** `Name <address>` as the builder's `{ name, email }`; a bare address stays a string. */
function mailbox(from: string): CloudflareEmailBuilder['from'] {
  const match = MAILBOX.exec(from);
  if (!match?.[2]) return from.trim();
  const name = (match[1] ?? '').replace(/^"(.*)"$/, '$1');
  return name ? { name, email: match[2] } : match[2];
}

// The binding throws an Error carrying a `code`; anything else thrown is a fault of the runtime
// or the network, worth another attempt.
function cloudflareFailure(error: unknown): SendOutcome {
  const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  const text = `Cloudflare Email Service refused (${code ?? 'no code'}): ${detail}`;

  if (code === undefined) return sendFailure('provider_unavailable', true, text);
  const reason = RETRYABLE.get(code);
  return reason ? sendFailure(reason, true, text) : sendFailure('rejected', false, text);
}
