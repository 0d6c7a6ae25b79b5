import { describe, expect, it } from 'vitest';
import {
  type CodeActiveEmailInput,
  codeActiveDedupeKey,
  codeActiveEmail,
} from '../../src/notify/code-active-email';

const STATUS_URL = 'https://farout.example.com/s/sub_abc123';

const input = (overrides: Partial<CodeActiveEmailInput> = {}): CodeActiveEmailInput => ({
  storeName: 'Acme Outdoors',
  offerText: '15% off your next order',
  promoCode: 'SHARE-7KQ2M9',
  store: { platform: 'shopify', domain: 'acme-outdoors.myshopify.com' },
  usageLimit: 5,
  expiresAt: new Date('2026-03-14T10:00:00Z'),
  statusUrl: STATUS_URL,
  ...overrides,
});

const urlsIn = (text: string) => [...text.matchAll(/https?:\/\/[^\s"'<>]+/g)].map(([url]) => url);

describe('codeActiveEmail', () => {
  it('gives the code, the Shopify link that applies it, the expiry and the status page', () => {
    const email = codeActiveEmail(input());

    const link = 'https://acme-outdoors.myshopify.com/discount/SHARE-7KQ2M9';
    for (const part of [email.html, email.text]) {
      expect(part).toContain('SHARE-7KQ2M9');
      expect(part).toContain(link);
      expect(part).toContain('March 14, 2026');
      expect(part).toContain('UTC');
      expect(part).toContain(STATUS_URL);
      expect(part).toContain('15% off your next order');
      expect(part).toContain('up to 5 orders');
      expect(part).toContain('at checkout');
    }
    expect(email.subject).toContain('Acme Outdoors');
  });

  it('loads nothing remote: no images, no stylesheets, no links but its own two', () => {
    const { html } = codeActiveEmail(input());

    expect(html).not.toMatch(/<img|<link|<script|<style|<iframe|url\(|src=/i);
    expect(new Set(urlsIn(html))).toEqual(
      new Set([STATUS_URL, 'https://acme-outdoors.myshopify.com/discount/SHARE-7KQ2M9']),
    );
  });

  it('escapes store names, offers and codes in the HTML part', () => {
    const hostile = input({
      storeName: '<script>alert("x")</script> & Sons',
      offerText: '<b onmouseover="steal()">20%</b>',
      promoCode: 'A"B<C',
    });

    const { html, text } = codeActiveEmail(hostile);

    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b onmouseover');
    expect(html).not.toContain('A"B<C');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons');
    expect(html).toContain('A&quot;B&lt;C');
    expect(html).toContain('/discount/A%22B%3CC');
    expect(text).toContain('<script>alert("x")</script> & Sons');
  });

  it('keeps the subject on one line whatever the store name holds', () => {
    const { subject } = codeActiveEmail(input({ storeName: 'Acme\r\nBcc: victim@example.com' }));

    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toContain('Acme Bcc: victim@example.com');
  });

  it('leaves the apply link out for stores that are not on Shopify', () => {
    const store = { platform: 'woocommerce', domain: 'shop.acme.example' };

    const email = codeActiveEmail(input({ store }));

    expect(email.html).not.toContain('/discount/');
    expect(email.text).not.toContain('/discount/');
    expect(email.text).toContain('at checkout on Acme Outdoors');
  });

  it('leaves the apply link out when the shop domain is not a plain host name', () => {
    const store = { platform: 'shopify', domain: 'evil.example/"><x' };

    const email = codeActiveEmail(input({ store }));

    expect(email.html).not.toContain('/discount/');
  });

  it('says nothing about expiry or limits when the campaign sets none', () => {
    const email = codeActiveEmail(input({ expiresAt: null, usageLimit: null }));

    expect(email.html).not.toContain('Valid until');
    expect(email.text).not.toContain('Valid until');
    expect(email.text).toContain('Friends can use it too');
    expect(email.text).not.toContain('orders in total');
  });

  it('does not invite friends to a code that works for one order', () => {
    const email = codeActiveEmail(input({ usageLimit: 1 }));

    expect(email.text).toContain('one order');
    expect(email.text).not.toContain('Friends can use it');
  });

  it('drops a status link that is not a web address', () => {
    const email = codeActiveEmail(input({ statusUrl: 'javascript:alert(1)' }));

    expect(email.html).not.toContain('javascript:');
    expect(email.text).not.toContain('javascript:');
  });

  it('has a plain-text part with the same links and no markup', () => {
    const { html, text } = codeActiveEmail(input());

    expect(text).not.toMatch(/<[a-z/]/i);
    expect(new Set(urlsIn(text))).toEqual(new Set(urlsIn(html)));
  });

  it('names the outbox key after the submission, so the email exists once', () => {
    expect(codeActiveDedupeKey('sub_1')).toBe(codeActiveDedupeKey('sub_1'));
    expect(codeActiveDedupeKey('sub_1')).not.toBe(codeActiveDedupeKey('sub_2'));
  });
});
