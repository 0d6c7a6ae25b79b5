/** One email as a sender hands it to a provider; the sender adds the From address. */
export type OutgoingEmail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  // What the email is about (`code-active`), passed on as the provider's tag for its logs.
  kind?: string;
};

/** Why a provider did not take an email; `retry` says whether sending it again may work. */
export type SendFailureReason =
  | 'rate_limited'
  | 'provider_unavailable'
  | 'not_authorized'
  | 'rejected'
  | 'timeout'
  | 'network'
  | 'unexpected_answer';

export type SendOutcome =
  | { ok: true; providerMessageId: string }
  | { ok: false; retry: boolean; reason: SendFailureReason; message: string };

/**
 * A way out for email. `idempotencyKey` is the same on every attempt at one email (the outbox
 * row id), so a provider that honours it sends the email once however often it is retried.
 */
export interface EmailSender {
  readonly provider: string;
  send(message: OutgoingEmail, idempotencyKey: string): Promise<SendOutcome>;
}

/** A failed outcome with the message cut short and stripped of the given secrets. */
export function sendFailure(
  reason: SendFailureReason,
  retry: boolean,
  message: string,
  secrets: readonly string[] = [],
): SendOutcome {
  let safe = message;
  for (const secret of secrets) if (secret) safe = safe.replaceAll(secret, '[redacted]');
  return { ok: false, retry, reason, message: safe.slice(0, MAX_MESSAGE_LENGTH) };
}

// Enough for a provider's explanation; the outbox row keeps it, so it must stay small.
const MAX_MESSAGE_LENGTH = 300;
