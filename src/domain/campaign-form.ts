import { z } from 'zod';
import type { Campaign } from '../db/campaigns';
import { DISCOUNT_TYPES, SOCIAL_PLATFORMS, type SocialPlatform } from '../db/schema';
import { currencyDigits, minorToDecimal } from '../stores/money';
import { DEFAULT_COLORS } from './campaign';
import {
  colour,
  HEX_MESSAGE,
  listOf,
  optionallyParsedBy,
  parsedBy,
  readBlockedWord,
  readHashtag,
  readMoney,
  readOrigin,
  readPage,
  readWhole,
  requiredText,
} from './campaign-fields';
import { BUTTON_LABEL_COLOR, normaliseHex } from './colour-contrast';
import { PROMO_CODE_PREFIX_MAX } from './promo-code';

export {
  BUTTON_LABEL_COLOR,
  contrastRatio,
  MIN_TEXT_CONTRAST,
  normaliseHex,
} from './colour-contrast';

/** The form field holding a platform's @pages, one field per platform. */
export type PageField = `pages_${SocialPlatform}`;
export const pageField = (platform: SocialPlatform): PageField => `pages_${platform}`;

const TEXT_FIELDS = [
  'name',
  'storeId',
  'discountType',
  'discountValue',
  'codePrefix',
  'codeUsageLimit',
  'codeValidDays',
  'minOrder',
  'hashtags',
  'background',
  'accent',
  'text',
  'offerText',
  'adDisclosure',
  'blockedWords',
  'holdHours',
  'searchHours',
  'frameOrigins',
] as const;

export type CampaignTextField = (typeof TEXT_FIELDS)[number] | PageField;

/** A campaign form as typed: text stays text, so a re-rendered form shows exactly what was sent. */
export type CampaignForm = Partial<Record<CampaignTextField, string>> & {
  platforms: string[];
  testMode: boolean;
};

/** A store the merchant may run the campaign in. */
export type StoreChoice = { id: string; name: string; currency: string };

/** What the form sets on a campaign row; status, photo and ids are handled apart. */
export type CampaignFields = Pick<
  Campaign,
  | 'storeId'
  | 'name'
  | 'discountType'
  | 'discountValue'
  | 'minOrderMinor'
  | 'codePrefix'
  | 'codeUsageLimit'
  | 'codeValidDays'
  | 'hashtags'
  | 'pages'
  | 'platforms'
  | 'colors'
  | 'offerText'
  | 'adDisclosure'
  | 'blockedWords'
  | 'holdHours'
  | 'searchHours'
  | 'frameOrigins'
  | 'testMode'
>;

type Body = Record<string, string | File | (string | File)[]>;

const texts = (value: Body[string] | undefined): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (item): item is string => typeof item === 'string',
  );

/** The campaign form out of a parsed body (`parseBody({ all: true })`); files are left out. */
export function campaignFormFrom(body: Body): CampaignForm {
  const form: CampaignForm = { platforms: texts(body.platforms), testMode: false };
  const names: CampaignTextField[] = [...TEXT_FIELDS, ...SOCIAL_PLATFORMS.map(pageField)];
  for (const name of names) form[name] = texts(body[name])[0];

  form.testMode = texts(body.testMode).length > 0;
  return form;
}

/** The form of a campaign being edited, written the way a merchant would type it. */
export function campaignToForm(campaign: Campaign, currency: string): CampaignForm {
  const form: CampaignForm = {
    name: campaign.name,
    storeId: campaign.storeId,
    discountType: campaign.discountType,
    discountValue:
      campaign.discountType === 'fixed_amount'
        ? minorToDecimal(campaign.discountValue, currency)
        : String(campaign.discountValue),
    codePrefix: campaign.codePrefix,
    codeUsageLimit: campaign.codeUsageLimit?.toString() ?? '',
    codeValidDays: campaign.codeValidDays?.toString() ?? '',
    minOrder:
      campaign.minOrderMinor === null ? '' : minorToDecimal(campaign.minOrderMinor, currency),
    hashtags: campaign.hashtags.join(' '),
    ...campaign.colors,
    offerText: campaign.offerText,
    adDisclosure: campaign.adDisclosure,
    blockedWords: campaign.blockedWords.join('\n'),
    holdHours: String(campaign.holdHours),
    searchHours: String(campaign.searchHours),
    frameOrigins: campaign.frameOrigins.join('\n'),
    platforms: campaign.platforms,
    testMode: campaign.testMode,
  };
  for (const platform of SOCIAL_PLATFORMS) {
    form[pageField(platform)] = campaign.pages[platform]?.join(' ') ?? '';
  }
  return form;
}

/** The form of a new campaign: test mode on, so the merchant can try the whole loop first. */
export function newCampaignForm(stores: StoreChoice[]): CampaignForm {
  return {
    storeId: stores.length === 1 ? stores[0]?.id : undefined,
    discountType: 'percentage',
    codePrefix: 'SHARE',
    ...DEFAULT_COLORS,
    adDisclosure: '#ad',
    holdHours: '24',
    searchHours: '72',
    platforms: SOCIAL_PLATFORMS.filter((platform) => platform !== 'sandbox'),
    testMode: true,
  };
}

/**
 * The schema of the campaign form. It depends on what else was typed: the amount is read in
 * the chosen store's currency, the hold may be shorter in test mode, and the text colour is
 * checked against the background. Every check belongs to one field, so all errors show at once.
 */
export function campaignSchema(stores: StoreChoice[], form: CampaignForm) {
  const currency = stores.find((store) => store.id === form.storeId)?.currency ?? 'USD';
  const example = minorToDecimal(5 * 10 ** currencyDigits(currency), currency);
  const background = normaliseHex(form.background);
  const minHold = form.testMode ? 1 : 24;
  const money = (value: string) => readMoney(value, currency);
  const holdMessage = form.testMode
    ? 'Enter a whole number of hours from 1 to 720.'
    : 'Hold posts for 24 to 720 hours: a post must stay up a full day before its code works. ' +
      'Shorter holds are for test mode only.';

  const pages = Object.fromEntries(
    SOCIAL_PLATFORMS.map((platform) => [
      pageField(platform),
      listOf(/[\s,]+/, 10, 'pages per platform', readPage(platform)),
    ]),
  ) as Record<PageField, ReturnType<typeof listOf>>;

  return z
    .object({
      name: requiredText('Enter a name for the campaign.', 120),
      storeId: z
        .string({ error: 'Choose one of your stores.' })
        .refine((id) => stores.some((store) => store.id === id), 'Choose one of your stores.'),
      discountType: z.enum(DISCOUNT_TYPES, { error: 'Choose a percentage or a fixed amount.' }),
      discountValue:
        form.discountType === 'fixed_amount'
          ? parsedBy(
              (value) => ((money(value) ?? 0) > 0 ? money(value) : null),
              `Enter an amount above zero in ${currency}, like ${example}.`,
            )
          : parsedBy(
              (value) => readWhole(value, 1, 100),
              'Enter a whole percentage from 1 to 100.',
            ),
      codePrefix: z
        .string({ error: 'Enter a code prefix.' })
        .trim()
        .toUpperCase()
        .regex(new RegExp(`^[A-Z0-9]{2,${PROMO_CODE_PREFIX_MAX}}$`), {
          error: `Use 2 to ${PROMO_CODE_PREFIX_MAX} letters A-Z and digits 0-9, like SHARE.`,
        }),
      codeUsageLimit: optionallyParsedBy(
        (value) => readWhole(value, 1, 100_000),
        'Enter how many orders one code may discount (1 to 100000), or leave it empty.',
      ),
      codeValidDays: optionallyParsedBy(
        (value) => readWhole(value, 1, 3650),
        'Enter a number of days from 1 to 3650, or leave it empty for no expiry.',
      ),
      minOrder: optionallyParsedBy(
        money,
        `Enter an amount in ${currency} like ${example}, or leave it empty.`,
      ),
      hashtags: listOf(/[\s,]+/, 30, 'hashtags', readHashtag),
      ...pages,
      platforms: z
        .array(z.enum(SOCIAL_PLATFORMS, { error: 'Choose platforms from the list.' }))
        .min(1, { error: 'Choose at least one platform.' })
        .refine(
          (chosen) => form.testMode || chosen.some((platform) => platform !== 'sandbox'),
          'The sandbox network is offered only in test mode: choose a real platform too.',
        ),
      background: colour(null, () => HEX_MESSAGE),
      accent: colour(
        BUTTON_LABEL_COLOR,
        (ratio) =>
          `The widget's button writes dark text on the accent, at a contrast of ${ratio}; ` +
          'shoppers need at least 4.5:1 (WCAG AA). Choose a lighter accent colour.',
      ),
      text: colour(
        background,
        (ratio) =>
          `Text on this background has a contrast of ${ratio}; shoppers need at least 4.5:1 ` +
          'to read it (WCAG AA). Choose a lighter or darker text colour.',
      ),
      offerText: requiredText(
        'Write the offer shoppers see in the widget, like "20% off your next order".',
        80,
      ),
      adDisclosure: requiredText('Enter the word that marks a post as an ad, like #ad.', 30),
      blockedWords: listOf(/[\n,]+/, 200, 'blocked words', readBlockedWord),
      holdHours: parsedBy((value) => readWhole(value, minHold, 720), holdMessage),
      searchHours: parsedBy(
        (value) => readWhole(value, 1, 720),
        'Enter a whole number of hours from 1 to 720.',
      ),
      frameOrigins: listOf(/\s+/, 20, 'store addresses', readOrigin),
      testMode: z.boolean(),
    })
    .transform((data): CampaignFields => {
      const chosenPages: CampaignFields['pages'] = {};
      for (const platform of SOCIAL_PLATFORMS) {
        const handles = data[pageField(platform)];
        if (handles.length > 0) chosenPages[platform] = handles;
      }

      return {
        storeId: data.storeId,
        name: data.name,
        discountType: data.discountType,
        discountValue: data.discountValue,
        minOrderMinor: data.minOrder,
        codePrefix: data.codePrefix,
        codeUsageLimit: data.codeUsageLimit,
        codeValidDays: data.codeValidDays,
        hashtags: data.hashtags,
        pages: chosenPages,
        platforms: SOCIAL_PLATFORMS.filter((platform) => data.platforms.includes(platform)),
        colors: { background: data.background, accent: data.accent, text: data.text },
        offerText: data.offerText,
        adDisclosure: data.adDisclosure,
        blockedWords: data.blockedWords,
        holdHours: data.holdHours,
        searchHours: data.searchHours,
        frameOrigins: data.frameOrigins,
        testMode: data.testMode,
      };
    });
}

/** Checks and converts a typed campaign form; zod's error maps to fields with `fieldErrors`. */
export function parseCampaignForm(form: CampaignForm, stores: StoreChoice[]) {
  return campaignSchema(stores, form).safeParse(form);
}
