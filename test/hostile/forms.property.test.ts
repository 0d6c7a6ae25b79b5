import { exports } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedInMerchant } from '../helpers/console';
import { journeyWithAccount, startJourney } from '../helpers/journey';
import { seedMerchant } from '../helpers/seed';
import { form, HOSTILE_TEXT } from './corpus';
import { submissionIn } from './fixtures';

// Each run is a real request through the Worker, so fewer runs than the pure properties.
const RUNS = 40;

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(...Object.values(HOSTILE_TEXT), '', 'sandbox', 'shopper', 'a@example.com'),
);

// A refusal shows its reason: in an element announced to screen readers next to the field, or
// as the message of an error page when the action is over (a 409).
const SHOWN_ERROR = /role="alert">[^<]*\p{L}[^<]*<|<h1>[^<]+<\/h1><p>[^<]*\p{L}[^<]*<\/p>/u;

/** Posts `fields` and checks the answer is a success or a refusal with its reason shown. */
async function expectAnswered(
  path: string,
  fields: Record<string, string>,
  cookie?: string,
  extra: Record<string, string> = {},
) {
  const response = await exports.default.fetch(form(path, fields, cookie, extra));
  const body = await response.text();

  expect([303, 409, 422]).toContain(response.status);
  if (response.status !== 303) expect(body).toMatch(SHOWN_ERROR);
  return response.status;
}

let shopper: { fresh: string; draft: string; awaiting: string };
let merchant: Awaited<ReturnType<typeof signedInMerchant>>;

beforeAll(async () => {
  const { campaign } = await seedMerchant();
  shopper = {
    fresh: await startJourney(campaign.id),
    draft: await journeyWithAccount(campaign.id),
    awaiting: (await submissionIn(campaign.id, 'awaiting_post')).id,
  };
  merchant = await signedInMerchant();
});

describe('journey forms, for any text in any field', () => {
  it('step 1 takes the account or says what is wrong with it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom('sandbox', 'instagram', 'mastodon', 'bluesky'), anyText),
        anyText,
        async (platform, username) => {
          await expectAnswered(`/j/${shopper.fresh}/account`, { platform, username });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('step 2 without a photo or a default says what is missing', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, anyText, async (rating, comment) => {
        const status = await expectAnswered(`/j/${shopper.draft}/photo`, { rating, comment });

        expect(status).toBe(422);
      }),
      { numRuns: RUNS },
    );
  });

  it('the status page takes a link and an address or says what is wrong with them', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, anyText, async (link, email) => {
        await expectAnswered(`/s/${shopper.awaiting}/link`, { link });
        await expectAnswered(`/s/${shopper.awaiting}/email`, { email, consent: 'yes' });
      }),
      { numRuns: RUNS },
    );
  });
});

let client = 0;

describe('console forms, for any text in any field', () => {
  it('sign-up creates an account or names the field to fix', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyText,
        anyText,
        anyText,
        anyText,
        async (merchantName, name, email, password) => {
          const ip = { 'CF-Connecting-IP': `192.0.2.${(++client % 250) + 1}` };

          await expectAnswered(
            '/console/sign-up',
            { merchantName, name, email, password },
            undefined,
            ip,
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('an invitation is sent or its form says what to fix', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyText,
        anyText,
        fc.oneof(fc.constantFrom('owner', 'staff'), anyText),
        async (email, name, role) => {
          await expectAnswered('/console/team', { email, name, role }, merchant.owner.cookie);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('the retention setting is saved or refused with its rule', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, async (retentionDays) => {
        await expectAnswered('/console/settings', { retentionDays }, merchant.owner.cookie);
      }),
      { numRuns: RUNS },
    );
  });

  it('a test-mode store is connected or its form says what to fix', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, anyText, anyText, async (name, domain, currency) => {
        const status = await exports.default.fetch(
          form('/console/stores/new/sandbox', { name, domain, currency }, merchant.owner.cookie),
        );
        const body = await status.text();

        // A connected test-mode store shows its new webhook secret once, with 200.
        expect([200, 422]).toContain(status.status);
        if (status.status === 422) expect(body).toMatch(SHOWN_ERROR);
      }),
      { numRuns: RUNS },
    );
  });
});
