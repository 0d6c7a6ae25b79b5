import { z } from 'zod';
import { createLogger, type Logger } from '../../lib/logger';
import { fail, ok, type Result } from '../../lib/result';
import { cloudflareSender, type SendEmailBinding } from './cloudflare';
import { localSender } from './local';
import { postmarkSender } from './postmark';
import { resendSender } from './resend';
import type { EmailSender } from './types';

export type { EmailSender, OutgoingEmail, SendOutcome } from './types';

export const EMAIL_PROVIDERS = ['local', 'resend', 'postmark', 'cloudflare'] as const;
export type EmailProvider = (typeof EMAIL_PROVIDERS)[number];

/** How email leaves, read from the Worker's vars, secrets and the optional `EMAIL` binding. */
export type EmailConfig =
  | { provider: 'local'; logLevel?: string }
  | { provider: 'resend'; from: string; apiKey: string }
  | { provider: 'postmark'; from: string; serverToken: string }
  | { provider: 'cloudflare'; from: string; binding: SendEmailBinding };

// Vars and secrets set to "" (the placeholders in wrangler.toml and .dev.vars) count as unset.
const setting = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);

const EMAIL_ENV = z.object({
  EMAIL_PROVIDER: setting,
  EMAIL_FROM: setting,
  RESEND_API_KEY: setting,
  POSTMARK_SERVER_TOKEN: setting,
  LOG_LEVEL: setting,
  EMAIL: z.unknown().optional(),
});

/**
 * The email settings of `env`. Takes any object rather than the generated `Env`, whose email
 * fields do not exist until wrangler.toml has them; an interface such as `Env` would also be
 * refused by an index-signature parameter type.
 */
export function emailConfig(env: object): Result<EmailConfig, 'email_not_configured'> {
  const parsed = EMAIL_ENV.safeParse(env);
  if (!parsed.success) {
    return notConfigured(`${String(parsed.error.issues[0]?.path[0])} is not text`);
  }
  const vars = parsed.data;

  const provider = vars.EMAIL_PROVIDER ?? 'local';
  if (provider === 'local') return ok({ provider, logLevel: vars.LOG_LEVEL });
  if (!vars.EMAIL_FROM?.includes('@')) return notConfigured('EMAIL_FROM needs an address');
  const from = vars.EMAIL_FROM;

  if (provider === 'resend') {
    if (!vars.RESEND_API_KEY) return notConfigured('RESEND_API_KEY is not set');
    return ok({ provider, from, apiKey: vars.RESEND_API_KEY });
  }
  if (provider === 'postmark') {
    if (!vars.POSTMARK_SERVER_TOKEN) return notConfigured('POSTMARK_SERVER_TOKEN is not set');
    return ok({ provider, from, serverToken: vars.POSTMARK_SERVER_TOKEN });
  }
  if (provider === 'cloudflare') {
    if (!isSendEmailBinding(vars.EMAIL)) return notConfigured('there is no EMAIL binding');
    return ok({ provider, from, binding: vars.EMAIL });
  }
  return notConfigured(`EMAIL_PROVIDER "${provider}" is not one of ${EMAIL_PROVIDERS.join(', ')}`);
}

/** The sender `env` asks for; `local` when EMAIL_PROVIDER is unset. */
export function emailSenderFor(
  env: object,
  logger?: Logger,
): Result<EmailSender, 'email_not_configured'> {
  const config = emailConfig(env);
  if (!config.ok) return config;

  const settings = config.value;
  switch (settings.provider) {
    case 'local':
      return ok(localSender(logger ?? createLogger(settings.logLevel)));
    case 'resend':
      return ok(resendSender({ apiKey: settings.apiKey, from: settings.from }));
    case 'postmark':
      return ok(postmarkSender({ serverToken: settings.serverToken, from: settings.from }));
    case 'cloudflare':
      return ok(cloudflareSender({ binding: settings.binding, from: settings.from }));
  }
}

function isSendEmailBinding(value: unknown): value is SendEmailBinding {
  return (
    typeof value === 'object' &&
    value !== null &&
    'send' in value &&
    typeof value.send === 'function'
  );
}

function notConfigured(problem: string) {
  return fail('email_not_configured', `Email cannot be sent: ${problem}.`);
}
