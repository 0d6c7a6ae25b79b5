import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DISCOUNT_TYPES, SOCIAL_PLATFORMS, STORE_PLATFORMS } from '../../src/db/schema';
import { type CampaignForm, parseCampaignForm } from '../../src/domain/campaign-form';
import { embedParams } from '../../src/domain/embed-params';
import { parsePostLink } from '../../src/domain/post-link';
import { parseHandle } from '../../src/domain/social-handle';
import { rejectionReason } from '../../src/review/decide';
import { bulkInput, listQuery, queueQuery } from '../../src/review/review-query';
import { CONNECTION_FORMS, INSTAGRAM_FORM, parseForm, X_FORM } from '../../src/routes/store-forms';
import { HOSTILE_TEXT } from './corpus';
import { CAMPAIGN_TEXT } from './fixtures';

const RUNS = 300;

/** Any text a form field may carry: every code point, hostile strings, and plausible values. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(...Object.values(HOSTILE_TEXT), '', ' ', '#', '@', 'https://', '0', '-1'),
);

// zod's own English ("Invalid input", "Too big: expected string…") is not a message a merchant
// or a shopper can act on; every refusal these schemas give must be one of ours.
const ZOD_DEFAULT = /^(Invalid|Too (big|small)|Expected|Required)/;

function expectOwnMessages(error: z.ZodError) {
  expect(error.issues.length).toBeGreaterThan(0);
  for (const issue of error.issues) {
    expect(issue.message.trim().length).toBeGreaterThan(0);
    expect(issue.message).not.toMatch(ZOD_DEFAULT);
  }
}

describe('shopper input, for any text', () => {
  it('reads a handle on every platform or refuses it with a message, never throwing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SOCIAL_PLATFORMS), anyText, (platform, input) => {
        const parsed = parseHandle(platform, input);

        if (parsed.ok) {
          expect(parsed.value.handle).not.toMatch(/[\s<>"']/);
          expect(parsed.value.handle).not.toContain(String.fromCharCode(0));
          expect(parsed.value.handle.length).toBeLessThanOrEqual(253);
        } else {
          expect(parsed.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('takes a post link only on the platform of the post, over https, or refuses it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SOCIAL_PLATFORMS),
        fc.oneof(anyText, fc.webUrl({ withQueryParameters: true, withFragments: true })),
        (platform, link) => {
          const parsed = parsePostLink(
            platform,
            'ada@mastodon.social',
            link,
            'https://farout.test',
          );

          if (parsed.ok) expect(parsed.value.url).toMatch(/^https:\/\//);
          else expect(parsed.message).toMatch(/link|post/);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("drops what a store's embed passes malformed rather than refusing the widget", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('order', 'email', 'x'), anyText), (query) => {
        const parsed = embedParams.safeParse(query);

        expect(parsed.success).toBe(true);
        const order = parsed.data?.order;
        if (order !== undefined) expect(order.length).toBeGreaterThan(0);
        if (order !== undefined) expect(order.length).toBeLessThanOrEqual(64);
      }),
      { numRuns: RUNS },
    );
  });
});

const STORES = [{ id: 'sto_mine', name: 'Mine', currency: 'EUR' }];

const VALID_CAMPAIGN: CampaignForm = {
  ...CAMPAIGN_TEXT,
  storeId: 'sto_mine',
  platforms: ['instagram'],
  testMode: false,
};

/** A campaign form where each field is either a sensible value or anything at all. */
const campaignForm: fc.Arbitrary<CampaignForm> = fc
  .record({
    name: fc.oneof(fc.constant('Spring'), anyText),
    storeId: fc.oneof(fc.constant('sto_mine'), anyText),
    discountType: fc.oneof(fc.constantFrom(...DISCOUNT_TYPES), anyText),
    discountValue: fc.oneof(fc.constantFrom('20', '5.50'), anyText),
    codePrefix: fc.oneof(fc.constant('SHARE'), anyText),
    codeUsageLimit: fc.oneof(fc.constant(''), anyText),
    codeValidDays: fc.oneof(fc.constant('30'), anyText),
    minOrder: fc.oneof(fc.constant(''), anyText),
    hashtags: fc.oneof(fc.constant('#spring coffee'), anyText),
    pages_instagram: fc.oneof(fc.constant('@mine'), anyText),
    pages_mastodon: fc.oneof(fc.constant(''), anyText),
    background: fc.oneof(fc.constant('#1f1235'), anyText),
    accent: fc.oneof(fc.constant('#ff8e3c'), anyText),
    text: fc.oneof(fc.constant('#ffffff'), anyText),
    offerText: fc.oneof(fc.constant('20% off'), anyText),
    adDisclosure: fc.oneof(fc.constant('#ad'), anyText),
    blockedWords: fc.oneof(fc.constant(''), anyText),
    holdHours: fc.oneof(fc.constant('24'), anyText),
    searchHours: fc.oneof(fc.constant('72'), anyText),
    frameOrigins: fc.oneof(fc.constant('https://shop.example.com'), anyText),
    platforms: fc.array(fc.oneof(fc.constantFrom(...SOCIAL_PLATFORMS), anyText), { maxLength: 4 }),
    testMode: fc.boolean(),
  })
  .map((form) => form as CampaignForm);

describe('console forms, for any text', () => {
  it('accepts a campaign form or refuses each field with a message of ours', () => {
    fc.assert(
      fc.property(campaignForm, (form) => {
        const parsed = parseCampaignForm(form, STORES);

        if (!parsed.success) expectOwnMessages(parsed.error);
        else expect(parsed.data.storeId).toBe('sto_mine');
      }),
      { numRuns: RUNS },
    );
  });

  it('lets only hex colours and bare https origins through to an accepted campaign', () => {
    const colour = fc.oneof(fc.stringMatching(/^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/), anyText);
    const origins = fc.array(
      fc.oneof(
        fc.webUrl(),
        fc.webUrl().map((url) => new URL(url).origin),
        anyText,
      ),
      { maxLength: 3 },
    );

    fc.assert(
      fc.property(colour, colour, colour, origins, (background, accent, text, listed) => {
        const form = {
          ...VALID_CAMPAIGN,
          background,
          accent,
          text,
          frameOrigins: listed.join('\n'),
        };

        const parsed = parseCampaignForm(form, STORES);

        if (!parsed.success) return expectOwnMessages(parsed.error);
        for (const value of Object.values(parsed.data.colors))
          expect(value).toMatch(/^#[0-9a-f]{6}$/);
        for (const origin of parsed.data.frameOrigins) {
          expect(origin).toMatch(/^https:\/\/[^\s/'";,]+$/);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('reads every store form or names each field it refuses, never throwing', () => {
    const specs = [
      ...STORE_PLATFORMS.map((kind) => CONNECTION_FORMS[kind]),
      INSTAGRAM_FORM,
      X_FORM,
    ];
    const fieldNames = [...new Set(specs.flatMap((spec) => spec.fields))];

    fc.assert(
      fc.property(
        fc.constantFrom(...specs),
        fc.dictionary(fc.constantFrom(...fieldNames), anyText),
        (spec, form) => {
          const parsed = parseForm(spec, form, {});

          if (!parsed.ok) {
            for (const [field, message] of Object.entries(parsed.errors)) {
              expect(spec.fields as string[]).toContain(field);
              expect(message).not.toMatch(ZOD_DEFAULT);
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('reads the review filters, the queue page and a bulk decision, never throwing', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('campaign', 'state', 'platform', 'after', 'moved'), anyText),
        fc.array(anyText, { maxLength: 60 }),
        anyText,
        (query, ids, reason) => {
          const results = [
            listQuery.safeParse(query),
            queueQuery.safeParse(query),
            bulkInput.safeParse({ ids, action: query.state, reason }),
            rejectionReason.safeParse(reason),
          ];

          for (const result of results) {
            if (!result.success) {
              for (const issue of result.error.issues)
                expect(issue.message.length).toBeGreaterThan(0);
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('refuses a rejection reason only with one of its own messages', () => {
    fc.assert(
      fc.property(anyText, (reason) => {
        const parsed = rejectionReason.safeParse(reason);

        if (!parsed.success) expectOwnMessages(parsed.error);
        else expect(parsed.data.length).toBeGreaterThanOrEqual(5);
      }),
      { numRuns: RUNS },
    );
  });
});
