import { beforeAll } from 'vitest';
import {
  type BadRequest,
  boundlessMultipart,
  describeCorpus,
  expectRefused,
  type FormFields,
  form,
  get,
  HOSTILE_TEXT,
  hugeForm,
  raw,
  truncatedMultipart,
} from './corpus';
import { campaignFields, type MerchantFixtures, merchantFixtures } from './fixtures';

let fx: MerchantFixtures;

beforeAll(async () => {
  fx = await merchantFixtures();
});

const owner = () => fx.mine.owner.cookie;
const post = (path: string, fields: FormFields) => form(path, fields, owner());

const HOST_REFUSED = /https address of your endpoint/;

const NEW_STORE: BadRequest[] = [
  {
    name: 'a store of a kind that does not exist',
    send: () => post('/console/stores/new/magento', { name: 'Shop' }),
    status: 404,
    says: /There is no such kind of store/,
  },
  {
    name: 'the page of a store kind that is a script',
    send: () => get(`/console/stores/new/${encodeURIComponent(HOSTILE_TEXT.script)}`, owner()),
    status: 404,
    says: /There is no such kind of store/,
  },
  ...(
    [
      ['no name', { name: '' }, /Enter the store’s name/],
      ['a name of 5,000 characters', { name: HOSTILE_TEXT.overlong }, /at most 120/],
      ['a domain that is localhost', { domain: 'localhost' }, /domain only/],
      ['a domain that is a script', { domain: HOSTILE_TEXT.script }, /domain only/],
      ['a domain that is SQL', { domain: HOSTILE_TEXT.sql }, /domain only/],
      ['a domain in emoji', { domain: '☕.example.com' }, /domain only/],
      ['a currency of words', { currency: 'dollars' }, /three-letter code/],
      ['a currency with a NUL byte', { currency: 'U\u0000D' }, /three-letter code/],
    ] as const
  ).map(([what, fields, says]) => ({
    name: `a test-mode store with ${what}`,
    send: () =>
      post('/console/stores/new/sandbox', {
        name: 'Test shop',
        domain: 'test.example.com',
        currency: 'USD',
        ...fields,
      }),
    status: 422,
    says,
  })),
  ...[
    ['plain http', 'http://shop.example.com/hook'],
    ['localhost', 'https://localhost/hook'],
    ['a loopback IPv4 literal', 'https://127.0.0.1/hook'],
    ['a private IPv4 literal', 'https://10.0.0.7/hook'],
    ['the metadata address', 'https://169.254.169.254/latest/meta-data/'],
    ['a public IPv4 literal', 'https://93.184.216.34/hook'],
    ['an IPv6 loopback', 'https://[::1]/hook'],
    ['an IPv4-mapped IPv6 literal', 'https://[::ffff:127.0.0.1]/hook'],
    ['an internal name', 'https://billing.internal/hook'],
    ['a .local name', 'https://printer.local/hook'],
    ['a single-label name', 'https://intranet/hook'],
    ['another port', 'https://shop.example.com:8443/hook'],
    ['credentials in the address', 'https://user:pass@shop.example.com/hook'],
    ['a javascript: address', 'javascript:alert(1)'],
  ].map(([what, url]) => ({
    name: `a webhook store whose endpoint is ${what}`,
    send: () =>
      post('/console/stores/new/webhook', {
        name: 'Own system',
        domain: 'own.example.com',
        url: url as string,
        currency: 'EUR',
      }),
    status: 422,
    says: HOST_REFUSED,
  })),
  {
    name: 'a WooCommerce store at the metadata address',
    send: () =>
      post('/console/stores/new/woocommerce', {
        siteUrl: 'https://169.254.169.254',
        consumerKey: 'ck_abc',
        consumerSecret: 'cs_abc',
        currency: 'EUR',
      }),
    status: 422,
    says: /Enter the site’s https address/,
  },
  {
    name: 'a Shopify store outside myshopify.com',
    send: () =>
      post('/console/stores/new/shopify', {
        shopDomain: 'evil.example.com',
        accessToken: 'shpat_0123456789abcdef',
        clientSecret: 'a'.repeat(20),
        currency: 'USD',
      }),
    status: 422,
    says: /myshopify.com address/,
  },
  {
    name: 'a Shopify store with a token that is a script',
    send: () =>
      post('/console/stores/new/shopify', {
        shopDomain: 'shop.myshopify.com',
        accessToken: HOSTILE_TEXT.script,
        clientSecret: 'a'.repeat(20),
        currency: 'USD',
      }),
    status: 422,
    says: /starts with shpat_/,
  },
];

const myStore = (path: string) => `/console/stores/${fx.mine.store.id}${path}`;

const STORE_PARTS: BadRequest[] = [
  {
    name: 'Instagram credentials with a user id that is SQL',
    send: () =>
      post(myStore('/instagram'), {
        igUserId: HOSTILE_TEXT.sql,
        igAccessToken: 'a'.repeat(30),
        igAppSecret: '0'.repeat(32),
        igVerifyToken: 'verify-me-now',
      }),
    status: 422,
    says: /numeric user id/,
  },
  {
    name: 'Instagram credentials with an app secret in emoji',
    send: () =>
      post(myStore('/instagram'), {
        igUserId: '17841400000000',
        igAccessToken: 'a'.repeat(30),
        igAppSecret: HOSTILE_TEXT.emoji,
        igVerifyToken: 'verify-me-now',
      }),
    status: 422,
    says: /Meta app secret/,
  },
  {
    name: 'an X bearer token with spaces',
    send: () => post(myStore('/x'), { xBearerToken: 'a token with spaces in it, 30+' }),
    status: 422,
    says: /bearer token of your X app/,
  },
  {
    name: 'a connection with a domain that is a script',
    send: () =>
      post(myStore('/connection'), { name: 'Shop', domain: HOSTILE_TEXT.script, currency: 'USD' }),
    status: 422,
    says: /domain only/,
  },
  {
    name: 'a secret that is not one to remake',
    send: () => post(myStore('/secrets/accessToken'), {}),
    status: 404,
    says: /no such secret to remake/,
  },
  {
    name: 'a store id that is SQL',
    send: () => get(`/console/stores/${encodeURIComponent(HOSTILE_TEXT.sql)}`, owner()),
    status: 404,
    says: /There is no such store in your account/,
  },
];

const campaignForm = (overrides: FormFields) =>
  campaignFields(fx.mine.store.id, { pages_instagram: '@roasters', ...overrides });

const NOT_AN_ORIGIN = /is not a store address like https:\/\/shop.example.com/;
const CONTRAST = /contrast of/;

const CAMPAIGN_FIELDS: [string, FormFields, RegExp][] = [
  ['no name', { name: '' }, /Enter a name for the campaign/],
  ['a name of 5,000 characters', { name: HOSTILE_TEXT.overlong }, /at most 120/],
  ["another merchant's store", { storeId: 'STORE_OF_THEIRS' }, /Choose one of your stores/],
  ['a store id that is SQL', { storeId: HOSTILE_TEXT.sql }, /Choose one of your stores/],
  ['a discount kind that does not exist', { discountType: 'free' }, /percentage or a fixed/],
  ['a discount of words', { discountValue: 'twenty' }, /whole percentage from 1 to 100/],
  ['a discount of 101%', { discountValue: '101' }, /whole percentage from 1 to 100/],
  ['a discount that is SQL', { discountValue: HOSTILE_TEXT.sql }, /whole percentage/],
  [
    'a fixed discount of zero',
    { discountType: 'fixed_amount', discountValue: '0.00' },
    /amount above zero/,
  ],
  ['a code prefix that is a script', { codePrefix: HOSTILE_TEXT.script }, /Use 2 to 12 letters/],
  ['a code prefix in emoji', { codePrefix: HOSTILE_TEXT.emoji }, /Use 2 to 12 letters/],
  ['a code prefix of 13 letters', { codePrefix: 'ABCDEFGHIJKLM' }, /Use 2 to 12 letters/],
  ['a usage limit below one', { codeUsageLimit: '-1' }, /how many orders one code/],
  ['a validity of 99,999 days', { codeValidDays: '99999' }, /from 1 to 3650/],
  ['a minimum order of words', { minOrder: 'ten' }, /leave it empty/],
  ['a hashtag that is a script', { hashtags: HOSTILE_TEXT.script }, /cannot be a hashtag/],
  ['a hashtag of digits only', { hashtags: '#2026' }, /cannot be a hashtag/],
  [
    '31 hashtags',
    { hashtags: Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ') },
    /at most 30 hashtags/,
  ],
  [
    'an Instagram page that is a script',
    { pages_instagram: '@<b>x</b>' },
    /not a profile on Instagram/,
  ],
  ['a Mastodon page on localhost', { pages_mastodon: '@shop@localhost' }, /Mastodon usernames/],
  ['no platform', { platforms: [] }, /Choose at least one platform/],
  ['a platform that does not exist', { platforms: ['myspace'] }, /Choose platforms from/],
  ['only the sandbox outside test mode', { platforms: ['sandbox'] }, /only in test mode/],
  [
    'a background that breaks out of the style',
    { background: 'red;}</style><script>alert(1)</script>' },
    /hex code like #1f1235/,
  ],
  ['an accent too dark for the button', { accent: '#000000' }, CONTRAST],
  ['text as dark as the background', { text: '#1f1235' }, CONTRAST],
  ['no offer', { offerText: ' ' }, /Write the offer shoppers see/],
  ['an offer of 81 characters', { offerText: 'o'.repeat(81) }, /at most 80/],
  ['no ad disclosure', { adDisclosure: '' }, /marks a post as an ad/],
  ['a blocked word of 61 characters', { blockedWords: 'w'.repeat(61) }, /under 60 characters/],
  ['a two-hour hold outside test mode', { holdHours: '2' }, /24 to 720 hours/],
  ['a hold of 9,999 hours', { holdHours: '9999' }, /24 to 720 hours/],
  ['a search of no hours', { searchHours: '0' }, /from 1 to 720/],
  ['a store address that is javascript:', { frameOrigins: 'javascript:alert(1)' }, NOT_AN_ORIGIN],
  ['a store address on plain http', { frameOrigins: 'http://shop.example.com' }, NOT_AN_ORIGIN],
  ['a store address with a path', { frameOrigins: 'https://shop.example.com/x' }, NOT_AN_ORIGIN],
  [
    'a store address carrying a CSP source',
    { frameOrigins: "https://shop.example.com 'unsafe-inline'" },
    NOT_AN_ORIGIN,
  ],
  ['a store address that is a wildcard', { frameOrigins: '*' }, NOT_AN_ORIGIN],
];

const CAMPAIGNS: BadRequest[] = [
  ...CAMPAIGN_FIELDS.map(([what, fields, says]) => ({
    name: `a new campaign with ${what}`,
    send: () => {
      const filled = campaignForm(fields);
      if (filled.storeId === 'STORE_OF_THEIRS') filled.storeId = fx.theirs.store.id;
      return post('/console/campaigns/new', filled);
    },
    status: 422,
    says,
  })),
  {
    name: 'a new campaign as JSON',
    send: () => raw('/console/campaigns/new', '{"name":"x"}', 'application/json', owner()),
    status: 422,
    says: /Enter a name for the campaign/,
  },
  {
    name: 'a new campaign cut off mid-field',
    send: () => truncatedMultipart('/console/campaigns/new', 'name', owner()),
    status: 400,
    says: /arrived incomplete/,
  },
  {
    name: 'a new campaign with a multipart type and no boundary',
    send: () => boundlessMultipart('/console/campaigns/new', owner()),
    status: 400,
    says: /arrived incomplete/,
  },
  {
    name: 'a new campaign whose default photo is an SVG',
    send: () =>
      post(
        '/console/campaigns/new',
        campaignForm({
          photo: new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'a.svg', {
            type: 'image/svg+xml',
          }),
        }),
      ),
    status: 422,
    says: /not a JPEG, PNG or WebP photo/,
  },
  {
    name: 'a status that does not exist',
    send: () => post(`/console/campaigns/${fx.mine.campaign.id}/status`, { status: 'deleted' }),
    status: 422,
    says: /Choose to go live, pause, resume or end/,
  },
  {
    name: 'a live campaign sent back to draft',
    send: () => post(`/console/campaigns/${fx.mine.campaign.id}/status`, { status: 'draft' }),
    status: 409,
    says: /./,
  },
  {
    name: 'a sample post with a colour of 30 characters',
    send: () => get(`/console/campaigns/preview.jpg?background=${'f'.repeat(30)}`, owner()),
    status: 400,
    says: /These preview settings are too long/,
  },
  {
    name: 'a campaign id that is a script',
    send: () => get(`/console/campaigns/${encodeURIComponent(HOSTILE_TEXT.script)}`, owner()),
    status: 404,
    says: /There is no such campaign in your account/,
  },
];

const REVIEW: BadRequest[] = [
  ...[
    ['a state that does not exist', '?state=deleted', /Choose a state from the list/],
    ['a platform that does not exist', '?platform=myspace', /Choose a platform from the list/],
    ['a page cursor that is garbage', '?after=garbage', /This page link is out of date/],
    ['a page cursor that is SQL', `?after=${encodeURIComponent(HOSTILE_TEXT.sql)}`, /out of date/],
    [
      'a campaign that is a script',
      `?campaign=${encodeURIComponent('<b>x</b>')}`,
      /no such campaign/,
    ],
  ].map(([what, query, says]) => ({
    name: `the review list with ${what}`,
    send: () => get(`/console/review${query}`, owner()),
    status: 422,
    says: says as RegExp,
  })),
  {
    name: 'the queue with a page cursor that is garbage',
    send: () => get('/console/review/queue?after=nope', owner()),
    status: 422,
    says: /This page link is out of date/,
  },
  ...(
    [
      ['no submission ticked', { action: 'approve' }, /Select at least one submission/],
      [
        '51 submissions ticked',
        { action: 'approve', ids: Array.from({ length: 51 }, (_, i) => `sub_${i}`) },
        /Select at most 50 submissions/,
      ],
      ['an action that does not exist', { ids: ['sub_1'], action: 'delete' }, /Approve or Reject/],
      ['a rejection without a reason', { ids: ['sub_1'], action: 'reject' }, /Write the reason/],
      [
        'a rejection with a reason of 5,000 characters',
        { ids: ['sub_1'], action: 'reject', reason: HOSTILE_TEXT.overlong },
        /under 300 characters/,
      ],
      [
        'an id of 5,000 characters',
        { ids: [HOSTILE_TEXT.overlong], action: 'approve' },
        /Select submissions from the list/,
      ],
    ] as const
  ).map(([what, fields, says]) => ({
    name: `a bulk decision with ${what}`,
    send: () => post('/console/review/queue', fields as FormFields),
    status: 422,
    says,
  })),
  {
    name: 'a bulk rejection without a reason when nothing waits for review any more',
    send: () =>
      form('/console/review/queue', { ids: ['sub_1'], action: 'reject' }, fx.idle.owner.cookie),
    status: 422,
    says: /Write the reason/,
  },
  {
    name: 'a rejection with a reason of four characters',
    send: () => post(`/console/submissions/${fx.mine.review.id}/reject`, { reason: 'nope' }),
    status: 422,
    says: /at least 5 characters/,
  },
  {
    name: 'a rejection with a reason of 301 characters',
    send: () =>
      post(`/console/submissions/${fx.mine.review.id}/reject`, { reason: 'r'.repeat(301) }),
    status: 422,
    says: /300 characters or fewer/,
  },
  {
    name: 'approving a post that is still being looked for',
    send: () => post(`/console/submissions/${fx.mine.waiting.id}/approve`, {}),
    status: 409,
    says: /./,
  },
  {
    name: 'a submission id that is SQL',
    send: () => get(`/console/submissions/${encodeURIComponent(HOSTILE_TEXT.sql)}`, owner()),
    status: 404,
    says: /There is no such submission in your account/,
  },
  {
    name: 'a shopper file that does not exist',
    send: () => get(`/console/submissions/${fx.mine.review.id}/export/passport`, owner()),
    status: 404,
    says: /There is no such file of a shopper/,
  },
];

const RETENTION = /Enter a whole number of days from/;

const SETTINGS_AND_TEAM: BadRequest[] = [
  ...['', 'thirty', '0', '99999999', '-5', '1e3', HOSTILE_TEXT.script, HOSTILE_TEXT.sql].map(
    (retentionDays) => ({
      name: `a retention of ${JSON.stringify(retentionDays.slice(0, 20))}`,
      send: () => post('/console/settings', { retentionDays }),
      status: 422,
      says: RETENTION,
    }),
  ),
  {
    name: 'results for a period that does not exist',
    send: () => get(`/console/campaigns/${fx.mine.campaign.id}/results?period=forever`, owner()),
    status: 400,
    says: /Choose a period/,
  },
  ...(
    [
      ['an email that is not one', { email: 'nope', role: 'staff' }, /Enter an email address/],
      [
        'an email that is a script',
        { email: HOSTILE_TEXT.script, role: 'staff' },
        /Enter an email/,
      ],
      ['a role that does not exist', { email: 'new@example.com', role: 'admin' }, /Choose a role/],
      ['no role', { email: 'new@example.com' }, /Choose a role/],
      [
        'a name of 5,000 characters',
        { email: 'new@example.com', role: 'staff', name: HOSTILE_TEXT.overlong },
        /at most 120/,
      ],
    ] as const
  ).map(([what, fields, says]) => ({
    name: `an invitation with ${what}`,
    send: () => post('/console/team', fields),
    status: 422,
    says,
  })),
  {
    name: "an invitation to a member's own address",
    send: () => post('/console/team', { email: fx.mine.staff.member.email, role: 'staff' }),
    status: 422,
    says: /already has a FarOut account/,
  },
  {
    name: 'an owner removing themselves',
    send: () => post(`/console/team/${fx.mine.owner.member.id}/remove`, {}),
    status: 409,
    says: /You cannot remove yourself/,
  },
  {
    name: 'removing a member that does not exist',
    send: () => post('/console/team/mem_nope/remove', {}),
    status: 404,
    says: /There is no such member in your team/,
  },
  {
    name: 'an email that is not in the outbox',
    send: () => get('/console/outbox/eml_nope', owner()),
    status: 404,
    says: /There is no such email in your outbox/,
  },
  ...['/console/team', '/console/settings', '/console/review/queue'].map((path) => ({
    name: `${path} with a body of 1 MiB`,
    send: () => hugeForm(path, 'x', 1024 * 1024, owner()),
    status: 413,
    says: /far larger than anything it asks for/,
  })),
  {
    name: 'a new campaign with a body of 25 MiB',
    send: () => hugeForm('/console/campaigns/new', 'name', 25 * 1024 * 1024, owner()),
    status: 413,
    says: /Nothing was saved: the photo is far over 10 MB/,
  },
];

describeCorpus(
  'hostile console forms: %s',
  [
    ['connecting a store', NEW_STORE],
    ["a store's credentials", STORE_PARTS],
    ['campaigns', CAMPAIGNS],
    ['review', REVIEW],
    ['settings, results and the team', SETTINGS_AND_TEAM],
  ],
  expectRefused,
);
