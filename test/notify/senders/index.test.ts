import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { emailConfig, emailSenderFor } from '../../../src/notify/senders';

const binding = { send: async () => ({ messageId: '<1@email.cloudflare.net>' }) };
const FROM = 'Acme Outdoors <rewards@acme-outdoors.com>';

describe('emailSenderFor', () => {
  it('keeps email local when no provider is set, as in the test Worker', () => {
    const sender = emailSenderFor(env);

    expect(sender).toMatchObject({ ok: true, value: { provider: 'local' } });
  });

  it.each([
    ['resend', { RESEND_API_KEY: 're_123' }],
    ['postmark', { POSTMARK_SERVER_TOKEN: 'server token' }],
    ['cloudflare', { EMAIL: binding }],
  ])('builds the %s sender from its settings', (provider, settings) => {
    const sender = emailSenderFor({ EMAIL_PROVIDER: provider, EMAIL_FROM: FROM, ...settings });

    expect(sender).toMatchObject({ ok: true, value: { provider } });
  });

  it.each([
    ['resend', { EMAIL_FROM: FROM }, 'RESEND_API_KEY'],
    ['resend', { EMAIL_FROM: FROM, RESEND_API_KEY: '  ' }, 'RESEND_API_KEY'],
    ['postmark', { EMAIL_FROM: FROM }, 'POSTMARK_SERVER_TOKEN'],
    ['cloudflare', { EMAIL_FROM: FROM, EMAIL: {} }, 'EMAIL binding'],
    ['resend', { RESEND_API_KEY: 're_123' }, 'EMAIL_FROM'],
    ['sendgrid', { EMAIL_FROM: FROM }, 'sendgrid'],
  ])('refuses %s with a missing or wrong setting (%j)', (provider, settings, named) => {
    const config = emailConfig({ EMAIL_PROVIDER: provider, ...settings });

    expect(config).toMatchObject({ ok: false, reason: 'email_not_configured' });
    if (config.ok) throw new Error('expected a refusal');
    expect(config.message).toContain(named);
  });

  it('treats an empty EMAIL_PROVIDER as unset', () => {
    const config = emailConfig({ EMAIL_PROVIDER: '', EMAIL_FROM: '' });

    expect(config).toMatchObject({ ok: true, value: { provider: 'local' } });
  });

  it('names a setting that is not text', () => {
    const config = emailConfig({ EMAIL_PROVIDER: 'resend', EMAIL_FROM: 42 });

    expect(config).toMatchObject({ ok: false, message: expect.stringContaining('EMAIL_FROM') });
  });

  it('never puts a secret into its refusal', () => {
    const config = emailConfig({ EMAIL_PROVIDER: 'resend', RESEND_API_KEY: 're_secret_1' });

    expect(JSON.stringify(config)).not.toContain('re_secret_1');
  });
});
