import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../../src/accounts/form-errors';
import type { Campaign } from '../../src/db/campaigns';
import {
  type CampaignForm,
  campaignToForm,
  contrastRatio,
  newCampaignForm,
  normaliseHex,
  parseCampaignForm,
  type StoreChoice,
} from '../../src/domain/campaign-form';

const STORES: StoreChoice[] = [
  { id: 'sto_usd', name: 'Dollar Shop', currency: 'USD' },
  { id: 'sto_jpy', name: 'Yen Shop', currency: 'JPY' },
  { id: 'sto_kwd', name: 'Dinar Shop', currency: 'KWD' },
];

function form(overrides: Partial<CampaignForm> = {}): CampaignForm {
  return {
    ...newCampaignForm(STORES),
    name: 'Spring sharing',
    storeId: 'sto_usd',
    discountValue: '20',
    offerText: '20% off your next order',
    ...overrides,
  };
}

function errorsOf(typed: CampaignForm) {
  const parsed = parseCampaignForm(typed, STORES);
  return parsed.success ? {} : fieldErrors(parsed.error);
}

function fieldsOf(typed: CampaignForm) {
  const parsed = parseCampaignForm(typed, STORES);
  if (!parsed.success) throw new Error(JSON.stringify(fieldErrors(parsed.error)));
  return parsed.data;
}

describe('contrastRatio', () => {
  it('gives 21 for black on white and 1 for a colour on itself', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#1f1235', '#1f1235')).toBe(1);
  });

  it('puts #767676 on white just above 4.5 and #777777 just below', () => {
    expect(contrastRatio('#767676', '#ffffff')).toBeGreaterThan(4.5);
    expect(contrastRatio('#777777', '#ffffff')).toBeLessThan(4.5);
  });
});

describe('normaliseHex', () => {
  it('writes short and upper-case hex codes as #rrggbb', () => {
    expect(normaliseHex(' #ABC ')).toBe('#aabbcc');
    expect(normaliseHex('#1F1235')).toBe('#1f1235');
  });

  it('refuses colour names, missing hashes and CSS tricks', () => {
    expect(normaliseHex('red')).toBeNull();
    expect(normaliseHex('1f1235')).toBeNull();
    expect(normaliseHex('#fff;}body{display:none')).toBeNull();
  });
});

describe('parseCampaignForm', () => {
  it('turns the typed form into campaign fields', () => {
    const fields = fieldsOf(
      form({
        hashtags: 'spring, #Coffee  tea #coffee',
        pages_instagram: '@Test.Roasters',
        pages_bluesky: 'roasters',
        pages_mastodon: 'roasters@mastodon.social',
        blockedWords: 'cheap knockoff\nscam, scam',
        frameOrigins: 'https://Shop.Example.com/\nhttps://checkout.example.com:8443',
        codePrefix: ' beans ',
        codeUsageLimit: '10',
        codeValidDays: '',
        minOrder: '25',
        platforms: ['sandbox', 'bluesky', 'instagram'],
      }),
    );

    expect(fields).toMatchObject({
      storeId: 'sto_usd',
      discountType: 'percentage',
      discountValue: 20,
      minOrderMinor: 2500,
      codePrefix: 'BEANS',
      codeUsageLimit: 10,
      codeValidDays: null,
      hashtags: ['#spring', '#Coffee', '#tea'],
      pages: {
        instagram: ['@test.roasters'],
        bluesky: ['@roasters.bsky.social'],
        mastodon: ['@roasters@mastodon.social'],
      },
      platforms: ['instagram', 'bluesky', 'sandbox'],
      blockedWords: ['cheap knockoff', 'scam'],
      frameOrigins: ['https://shop.example.com', 'https://checkout.example.com:8443'],
      colors: { background: '#1f1235', accent: '#ff8e3c', text: '#ffffff' },
      holdHours: 24,
      searchHours: 72,
      testMode: true,
    });
  });

  it('reads a fixed amount in the minor units of the chosen store currency', () => {
    const fixed = { discountType: 'fixed_amount', discountValue: '5.5' };

    expect(fieldsOf(form({ ...fixed, storeId: 'sto_usd' })).discountValue).toBe(550);
    expect(fieldsOf(form({ ...fixed, storeId: 'sto_kwd' })).discountValue).toBe(5500);
    expect(
      fieldsOf(form({ ...fixed, discountValue: '500', storeId: 'sto_jpy' })).discountValue,
    ).toBe(500);
    expect(errorsOf(form({ ...fixed, storeId: 'sto_jpy' })).discountValue).toBe(
      'Enter an amount above zero in JPY, like 5.',
    );
  });

  it('refuses an amount with more decimals than the currency has, and a zero amount', () => {
    const fixed = { discountType: 'fixed_amount' };

    expect(errorsOf(form({ ...fixed, discountValue: '5.001' })).discountValue).toBe(
      'Enter an amount above zero in USD, like 5.00.',
    );
    expect(errorsOf(form({ ...fixed, discountValue: '0.00' })).discountValue).toContain(
      'above zero',
    );
  });

  it('lets test mode hold a post for an hour, and asks for a day otherwise', () => {
    expect(fieldsOf(form({ holdHours: '1', testMode: true })).holdHours).toBe(1);
    expect(errorsOf(form({ holdHours: '1', testMode: false })).holdHours).toContain(
      'Hold posts for 24 to 720 hours',
    );
  });

  it('checks the text colour against the typed background only when that is a colour', () => {
    expect(errorsOf(form({ background: '#ffffff', text: '#777777' })).text).toBe(
      'Text on this background has a contrast of 4.47:1; shoppers need at least 4.5:1 to read ' +
        'it (WCAG AA). Choose a lighter or darker text colour.',
    );
    expect(errorsOf(form({ background: 'white', text: '#777777' }))).toEqual({
      background: 'Enter a colour as a hex code like #1f1235.',
    });
  });

  it('refuses an accent too dark for the widget button label', () => {
    expect(errorsOf(form({ accent: '#1a237e' })).accent).toContain("The widget's button");
  });

  it('names the hashtag, page or address that is wrong', () => {
    const errors = errorsOf(
      form({
        hashtags: '#ok #summer-sale',
        pages_x: 'far_too_long_for_x_handles',
        frameOrigins: 'https://shop.example.com/thank-you',
      }),
    );

    expect(errors.hashtags).toContain('"#summer-sale" cannot be a hashtag');
    expect(errors.pages_x).toBe(
      'Check "far_too_long_for_x_handles". X usernames have up to 15 letters, numbers and ' +
        'underscores.',
    );
    expect(errors.frameOrigins).toContain('"https://shop.example.com/thank-you"');
  });

  it('counts a hashtag typed with and without # once, and caps the list', () => {
    const many = Array.from({ length: 31 }, (_, index) => `tag${index}`).join(' ');

    expect(fieldsOf(form({ hashtags: 'coffee #Coffee #COFFEE' })).hashtags).toEqual(['#coffee']);
    expect(errorsOf(form({ hashtags: many })).hashtags).toBe('Use at most 30 hashtags.');
  });

  it('takes an international store address in its ASCII form', () => {
    expect(fieldsOf(form({ frameOrigins: 'https://bücher.example' })).frameOrigins).toEqual([
      'https://xn--bcher-kva.example',
    ]);
  });

  it('offers the sandbox network alone only in test mode', () => {
    expect(errorsOf(form({ platforms: ['sandbox'], testMode: true }))).toEqual({});
    expect(errorsOf(form({ platforms: ['sandbox'], testMode: false })).platforms).toContain(
      'only in test mode',
    );
  });

  it('refuses a store that is not among the choices', () => {
    expect(errorsOf(form({ storeId: 'sto_elsewhere' })).storeId).toBe('Choose one of your stores.');
  });
});

describe('campaignToForm', () => {
  it('writes a saved campaign back into a form that parses to the same fields', () => {
    const typed = form({
      storeId: 'sto_kwd',
      discountType: 'fixed_amount',
      discountValue: '2.5',
      minOrder: '10.125',
      hashtags: '#one #two',
      pages_instagram: '@shop',
      blockedWords: 'bad word\nworse',
      frameOrigins: 'https://shop.example.com',
    });
    const fields = fieldsOf(typed);
    const campaign = { ...fields, id: 'cmp_1', defaultPhotoKey: null } as unknown as Campaign;

    const again = fieldsOf(campaignToForm(campaign, 'KWD'));

    expect(again).toEqual(fields);
    expect(campaignToForm(campaign, 'KWD').discountValue).toBe('2.500');
  });
});
