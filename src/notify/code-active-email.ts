/**
 * The email a shopper gets once, when their promo code goes live. Written for mail clients:
 * tables and inline styles (most clients drop <style> blocks), no images and nothing remote, so
 * nothing is fetched when it is opened and nothing reports back. Every value is escaped: store
 * names and offers are the merchant's text and codes reach us through the shopper's journey.
 *
 * Shortcoming: English only, and the expiry is given in UTC because we do not know the shopper's
 * time zone. A campaign language and the shopper's zone (taken in the widget) would lift both.
 */

export const CODE_ACTIVE_KIND = 'code-active';

/** The outbox key that makes the code-active email exist once per submission. */
export const codeActiveDedupeKey = (submissionId: string) => `${CODE_ACTIVE_KIND}:${submissionId}`;

export type CodeActiveEmailInput = {
  storeName: string;
  // The merchant's words for the offer: "20% off on all products".
  offerText: string;
  promoCode: string;
  // With a Shopify store's domain the email also carries the link that applies the code.
  store: { platform: string; domain: string };
  // How many orders the code may discount in total; null means no limit.
  usageLimit: number | null;
  expiresAt: Date | null;
  statusUrl: string;
};

export type EmailContent = { subject: string; html: string; text: string };

// RFC 1035 labels, as in a shop domain such as `acme.myshopify.com`.
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const STYLE = {
  page: 'margin:0;padding:0;background-color:#f4f4f5',
  outer: 'background-color:#f4f4f5',
  card: `max-width:560px;background-color:#ffffff;border-radius:8px;${FONT};color:#18181b`,
  cell: 'padding:32px 28px',
  heading: 'margin:0 0 16px;font-size:22px;line-height:1.3;font-weight:700',
  paragraph: 'margin:0 0 16px;font-size:16px;line-height:1.5',
  code: [
    'margin:0 0 16px;padding:14px 16px;border:2px dashed #a1a1aa;border-radius:6px',
    'font-family:Menlo,Consolas,monospace;font-size:24px;font-weight:700;letter-spacing:2px',
    'text-align:center',
  ].join(';'),
  link: 'color:#1d4ed8;text-decoration:underline',
  footer: `margin:16px 0 0;font-size:13px;line-height:1.5;color:#71717a;${FONT}`,
} as const;

/** The subject, HTML and plain-text parts of the "your code is live" email. */
export function codeActiveEmail(input: CodeActiveEmailInput): EmailContent {
  const storeName = oneLine(input.storeName);
  const subject = oneLine(`Your code for ${storeName} is ready to use`).slice(0, 150);
  const facts = emailFacts(input, storeName);

  return { subject, html: renderHtml(subject, facts), text: renderText(facts) };
}

/** The message as plain sentences and links, before either format is applied. */
type EmailFacts = {
  storeName: string;
  offer: string;
  code: string;
  applyLink: string | null;
  sharing: string;
  expiry: string | null;
  statusUrl: string | null;
};

function emailFacts(input: CodeActiveEmailInput, storeName: string): EmailFacts {
  return {
    storeName,
    offer: oneLine(input.offerText),
    code: oneLine(input.promoCode),
    applyLink: shopifyApplyLink(input.store, oneLine(input.promoCode)),
    sharing: sharingSentence(input.usageLimit),
    expiry: input.expiresAt ? formatExpiry(input.expiresAt) : null,
    statusUrl: webLink(input.statusUrl),
  };
}

/**
 * Shopify's shareable discount link, `https://<shop>/discount/<code>`, which stores the code in
 * the cart session so it is applied at checkout. Only for a domain that is a plain host name.
 */
export function shopifyApplyLink(store: CodeActiveEmailInput['store'], code: string) {
  if (store.platform !== 'shopify' || !isHostName(store.domain) || code === '') return null;
  return `https://${store.domain.toLowerCase()}/discount/${encodeURIComponent(code)}`;
}

function isHostName(domain: string): boolean {
  const labels = domain.split('.');
  return domain.length <= 253 && labels.length >= 2 && labels.every((label) => LABEL.test(label));
}

function sharingSentence(usageLimit: number | null): string {
  if (usageLimit === 1) return 'The code works for one order.';
  if (usageLimit && usageLimit > 1) {
    return `Friends can use it too: it works for up to ${usageLimit} orders in total.`;
  }
  return 'Friends can use it too: pass it on to anyone who would like the same offer.';
}

/** The expiry as people read it, in UTC since the shopper's zone is unknown. */
export function formatExpiry(expiresAt: Date): string {
  const when = new Intl.DateTimeFormat('en-US', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(expiresAt);
  return `${when} UTC`;
}

// Sentences both parts share, so the plain-text part says what the HTML part says.
const INTRO = 'Your post is confirmed, so your personal code for';
const APPLY = 'Or open this link and the code is applied for you:';
const STATUS = 'See your code and its status';
const FOOTER = 'We send this email once, when your code goes live.';
const TABLE = 'role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"';

function renderHtml(subject: string, facts: EmailFacts): string {
  const p = (content: string) => `<p style="${STYLE.paragraph}">${content}</p>`;
  const a = (href: string, label: string) =>
    `<a href="${escapeHtml(href)}" style="${STYLE.link}">${escapeHtml(label)}</a>`;
  const store = escapeHtml(facts.storeName);
  const offer = `<strong>${escapeHtml(facts.offer)}</strong>`;

  const body = [
    `<h1 style="${STYLE.heading}">Thanks for sharing!</h1>`,
    p(`${INTRO} ${store} is now live: ${offer}.`),
    `<p style="${STYLE.code}">${escapeHtml(facts.code)}</p>`,
    p(`To use it, enter the code at checkout on ${store}.`),
    facts.applyLink ? p(`${APPLY} ${a(facts.applyLink, facts.applyLink)}`) : '',
    p(escapeHtml(facts.sharing)),
    facts.expiry ? p(`Valid until <strong>${escapeHtml(facts.expiry)}</strong>.`) : '',
    facts.statusUrl ? p(a(facts.statusUrl, STATUS)) : '',
  ].filter(Boolean);

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="${STYLE.page}">
<table ${TABLE} style="${STYLE.outer}">
<tr><td align="center" style="padding:24px 12px">
<table ${TABLE} style="${STYLE.card}">
<tr><td style="${STYLE.cell}">
${body.join('\n')}
</td></tr>
</table>
<p style="${STYLE.footer}">${FOOTER}</p>
</td></tr>
</table>
</body>
</html>
`;
}

function renderText(facts: EmailFacts): string {
  const paragraphs = [
    'Thanks for sharing!',
    `${INTRO} ${facts.storeName} is now live: ${facts.offer}.`,
    `Your code: ${facts.code}`,
    [
      `To use it, enter the code at checkout on ${facts.storeName}.`,
      facts.applyLink ? `${APPLY} ${facts.applyLink}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
    facts.sharing,
    facts.expiry ? `Valid until ${facts.expiry}.` : '',
    facts.statusUrl ? `${STATUS}: ${facts.statusUrl}` : '',
    `-- \n${FOOTER}`,
  ];
  return `${paragraphs.filter(Boolean).join('\n\n')}\n`;
}

/** Text with control characters and line breaks folded to single spaces (subjects are headers). */
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029\s]+/g, ' ').trim();
}

/** Only http(s) links reach an href; anything else (javascript:, data:) is left out. */
function webLink(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}
