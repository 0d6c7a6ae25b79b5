import { escapeHtml } from '../notify/code-active-email';
import type { EmailToQueue } from '../notify/outbox';

type LinkEmail = { to: string; link: string; tokenId: string; merchantId: string };

function linkEmail(
  kind: string,
  { to, link, tokenId, merchantId }: LinkEmail,
  subject: string,
  lines: string[],
  action: string,
): EmailToQueue {
  const paragraphs = lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
  return {
    // One email per link: asking twice makes two links, each sent once.
    dedupeKey: `${kind}:${tokenId}`,
    kind,
    merchantId,
    to,
    subject,
    html: `${paragraphs}\n<p><a href="${escapeHtml(link)}">${escapeHtml(action)}</a></p>`,
    text: `${lines.join('\n\n')}\n\n${action}: ${link}\n`,
  };
}

/** The password-reset email, with its one-hour link. */
export function passwordResetEmail(input: LinkEmail): EmailToQueue {
  return linkEmail(
    'password-reset',
    input,
    'Choose a new FarOut password',
    [
      'Someone, hopefully you, asked to reset the password of your FarOut account.',
      'The link below works once, for one hour. If you did not ask, ignore this email: your ' +
        'password stays as it is.',
    ],
    'Choose a new password',
  );
}

/** The invitation to join a merchant's console, with its seven-day link. */
export function inviteEmail(input: LinkEmail & { merchantName: string; inviter: string }) {
  return linkEmail(
    'invite',
    input,
    `${input.inviter} invited you to ${input.merchantName} on FarOut`,
    [
      `${input.inviter} added you to the FarOut console of ${input.merchantName}, where its ` +
        'share-for-discount campaigns are run.',
      'Choose a password with the link below to sign in. It works once, for seven days.',
    ],
    'Choose your password',
  );
}
