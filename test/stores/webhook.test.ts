import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DiscountTerms } from '../../src/stores/types';
import { WebhookStoreAdapter, webhookVerificationGuide } from '../../src/stores/webhook';
import { hmacSha256, toHex } from '../helpers/hmac';
import { jsonResponse, mockNetwork } from '../social/fetch-mock';

afterEach(() => {
  vi.restoreAllMocks();
});

const SECRET = 'whsec_test_0123456789abcdef';
const URL_OF_MERCHANT = 'https://hooks.alice-shops.com/farout';
const NOW = Date.parse('2025-03-05T09:30:00.400Z');
const TERMS: DiscountTerms = {
  code: 'SHARE-7KQ2M9',
  title: 'Share reward @alice-shops.bsky.social',
  type: 'fixed_amount',
  value: 500,
  currency: 'EUR',
  usageLimit: null,
  oncePerCustomer: true,
  startsAt: new Date('2025-03-05T09:30:00Z'),
  endsAt: null,
  minOrderMinor: 2500,
};

function adapter(waits: number[] = []) {
  return new WebhookStoreAdapter({
    url: URL_OF_MERCHANT,
    secret: SECRET,
    shopName: 'Alice Shops',
    now: () => NOW,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
}

/** The merchant's side of the recipe: hex HMAC-SHA256 of "<t>.<raw body>". */
async function expectedSignature(timestamp: string, rawBody: string) {
  return toHex(await hmacSha256(SECRET, `${timestamp}.${rawBody}`));
}

async function readDelivery(request: Request | undefined) {
  const raw = (await request?.clone().text()) ?? '';
  const header = request?.headers.get('farout-signature') ?? '';
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=')));
  return { raw, body: JSON.parse(raw), t: parts.t ?? '', v1: parts.v1 ?? '' };
}

describe('WebhookStoreAdapter.activateCode', () => {
  it('posts a signed event whose signature the merchant can recompute', async () => {
    const { requests } = mockNetwork(() => new Response(null, { status: 204 }));

    const result = await adapter().activateCode(TERMS, 'evt_sub_1');

    expect(result).toEqual({ ok: true, value: { externalId: TERMS.code, alreadyExisted: false } });
    expect(requests.map((request) => [request.method, request.url])).toEqual([
      ['POST', URL_OF_MERCHANT],
    ]);
    expect(requests[0]?.headers.get('farout-event-id')).toBe('evt_sub_1');
    const { raw, body, t, v1 } = await readDelivery(requests[0]);
    expect(Number(t)).toBe(Math.floor(NOW / 1000));
    expect(v1).toBe(await expectedSignature(t, raw));
    expect(body).toEqual({
      id: 'evt_sub_1',
      type: 'promo_code.activate',
      created_at: '2025-03-05T09:30:00Z',
      data: {
        terms: {
          code: TERMS.code,
          type: TERMS.type,
          value: TERMS.value,
          currency: TERMS.currency,
          usage_limit: null,
          once_per_customer: true,
          starts_at: '2025-03-05T09:30:00Z',
          ends_at: null,
          min_order_minor: TERMS.minOrderMinor,
          title: TERMS.title,
        },
      },
    });
  });

  it('keeps the id the merchant answers with', async () => {
    mockNetwork(() => jsonResponse({ external_id: 'disc_42' }, 201));

    const result = await adapter().activateCode(TERMS, 'evt_sub_1');

    expect(result).toEqual({ ok: true, value: { externalId: 'disc_42', alreadyExisted: false } });
  });

  it.each([400, 302, 404, 500])('retries later on HTTP %i', async (status) => {
    mockNetwork(() => new Response('no', { status }));

    const result = await adapter().activateCode(TERMS, 'evt_sub_1');

    expect(result).toEqual({ ok: false, failure: { kind: 'retry', reason: expect.any(String) } });
  });

  it('sends the same event again with a fresh signature after a short Retry-After', async () => {
    const answers = [
      new Response(null, { status: 503, headers: { 'retry-after': '1' } }),
      new Response(null, { status: 200 }),
    ];
    const { requests } = mockNetwork(() => answers.shift());
    const waits: number[] = [];

    const result = await adapter(waits).activateCode(TERMS, 'evt_sub_1');

    expect(result.ok).toBe(true);
    expect(waits).toEqual([1000]);
    const ids = requests.map((request) => request.headers.get('farout-event-id'));
    expect(ids).toEqual(['evt_sub_1', 'evt_sub_1']);
    const second = await readDelivery(requests[1]);
    expect(second.v1).toBe(await expectedSignature(second.t, second.raw));
  });

  it('refuses an address that is not public https, without calling it', async () => {
    const { requests } = mockNetwork(() => new Response(null, { status: 200 }));
    const local = new WebhookStoreAdapter({
      url: 'http://localhost:8080/hook',
      secret: SECRET,
      shopName: 'Alice Shops',
    });

    const result = await local.activateCode(TERMS, 'evt_sub_1');

    expect(result).toMatchObject({ ok: false, failure: { kind: 'auth' } });
    expect(requests).toEqual([]);
  });
});

describe('WebhookStoreAdapter deactivate, reactivate and test', () => {
  it('sends deactivation and reactivation events under the given ids', async () => {
    const { requests } = mockNetwork(() => new Response(null, { status: 200 }));

    await adapter().deactivateCode(TERMS.code, 'disc_42', 'evt_off_1');
    await adapter().reactivateCode(TERMS.code, null, 'evt_on_1');

    const bodies = await Promise.all(requests.map((request) => request.json()));
    expect(bodies).toEqual([
      expect.objectContaining({
        id: 'evt_off_1',
        type: 'promo_code.deactivate',
        data: { code: TERMS.code, external_id: 'disc_42' },
      }),
      expect.objectContaining({
        id: 'evt_on_1',
        type: 'promo_code.reactivate',
        data: { code: TERMS.code, external_id: null },
      }),
    ]);
  });

  it('tests the connection with a signed ping', async () => {
    const { requests } = mockNetwork(() => new Response(null, { status: 200 }));

    const result = await adapter().testConnection();

    expect(result).toEqual({ ok: true, value: { shopName: 'Alice Shops' } });
    const { raw, body, t, v1 } = await readDelivery(requests[0]);
    expect(body.type).toBe('ping');
    expect(v1).toBe(await expectedSignature(t, raw));
  });
});

describe('webhookVerificationGuide', () => {
  it('names the headers and the exact string that is signed', () => {
    const guide = webhookVerificationGuide();

    expect(guide).toContain('FarOut-Signature: t=<unix seconds>,v1=');
    expect(guide).toContain('FarOut-Event-Id');
    expect(guide).toContain('"<t>.<raw body>"');
    for (const type of ['promo_code.activate', 'promo_code.deactivate', 'promo_code.reactivate']) {
      expect(guide).toContain(type);
    }
  });
});
