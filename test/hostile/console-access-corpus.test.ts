import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BadRequest,
  call,
  changedParts,
  describeCorpus,
  expectRefused,
  form,
  get,
  HOSTILE_TEXT,
  hugeForm,
  invalidUtf8,
  raw,
  storedState,
  truncatedMultipart,
} from './corpus';
import { type MerchantFixtures, merchantFixtures } from './fixtures';

let fx: MerchantFixtures;

beforeAll(async () => {
  fx = await merchantFixtures();
});

// Each sign-in, sign-up and reset case comes from an address of its own, so the rate limit
// (five a minute per address) never answers for the case under test.
let client = 0;
const fromNewClient = () => ({ 'CF-Connecting-IP': `198.51.100.${++client}` });

const ENDED = /Your session has ended. Sign in again/;
const OWNERS_ONLY = /Only an owner of this account can do this/;
const CROSS_SITE = /reload the page and send it again/;
const EMAIL = /Enter an email address like name@example.com/;
const LINK_GONE = /It has expired or was already used/;
const NOT_HERE = /mistyped, or the page has moved/;

const signIn = (fields: Record<string, string>) =>
  form('/console/sign-in', fields, undefined, fromNewClient());
const signUp = (fields: Record<string, string>) =>
  form(
    '/console/sign-up',
    {
      merchantName: 'Hostile Roasters',
      name: 'Ada',
      email: `ada-${++client}@example.com`,
      password: 'correct horse battery',
      ...fields,
    },
    undefined,
    fromNewClient(),
  );

const SIGN_IN: BadRequest[] = [
  ...[
    ['no email', {}, EMAIL],
    ['an email that is not one', { email: 'not-an-email' }, EMAIL],
    ['an email that is a script', { email: HOSTILE_TEXT.script }, EMAIL],
    ['an email that is SQL', { email: `${HOSTILE_TEXT.sql}@example.com` }, EMAIL],
    ['an email with a NUL byte', { email: 'a\u0000b@example.com' }, EMAIL],
    ['an email of 5,000 characters', { email: `${HOSTILE_TEXT.overlong}@example.com` }, EMAIL],
    ['an email in right-to-left override', { email: HOSTILE_TEXT.rtl }, EMAIL],
    ['no password', { email: 'ada@example.com' }, /Enter your password/],
    ['a wrong password', { email: 'ada@example.com', password: 'nope' }, /do not match an account/],
    [
      "another member's email with a SQL password",
      { email: 'owner@example.com', password: HOSTILE_TEXT.sql },
      /do not match an account/,
    ],
    [
      'a next address of 5,000 characters',
      { email: 'ada@example.com', password: 'nope', next: `/console/${HOSTILE_TEXT.overlong}` },
      /do not match an account/,
    ],
    [
      'a next address on another site',
      { email: 'ada@example.com', password: 'nope', next: 'https://evil.example/' },
      /do not match an account/,
    ],
  ].map(([what, fields, says]) => ({
    name: `sign-in with ${what}`,
    send: () => signIn(fields as Record<string, string>),
    status: 422,
    says: says as RegExp,
  })),
  {
    name: 'sign-in with an email in bytes that are not UTF-8',
    send: () => invalidUtf8('/console/sign-in', 'email', undefined, 'password=x&'),
    status: 422,
    says: EMAIL,
  },
  {
    name: 'sign-in as JSON',
    send: () => raw('/console/sign-in', '{"email":"a@example.com"}', 'application/json'),
    status: 422,
    says: EMAIL,
  },
  {
    name: 'sign-in from another site',
    send: () =>
      form('/console/sign-in', { email: 'a@example.com', password: 'x' }, undefined, {
        Origin: 'https://evil.example',
      }),
    status: 403,
    says: CROSS_SITE,
  },
  {
    name: 'sign-in cut off mid-field',
    send: () => truncatedMultipart('/console/sign-in', 'email'),
    status: 400,
    says: /arrived incomplete/,
  },
  {
    name: 'sign-in with a body of 1 MiB',
    send: () => hugeForm('/console/sign-in', 'password', 1024 * 1024),
    status: 413,
    says: /far larger than anything it asks for/,
  },
];

const SIGN_UP: BadRequest[] = [
  ...[
    ['no business name', { merchantName: '' }, /Enter your business name/],
    ['a business name of spaces', { merchantName: '   ' }, /Enter your business name/],
    ['a business name of 121 characters', { merchantName: 'b'.repeat(121) }, /at most 120/],
    ['no name', { name: '' }, /Enter your name/],
    ['a name of 5,000 characters', { name: HOSTILE_TEXT.overlong }, /at most 120/],
    ['an email that is a script', { email: HOSTILE_TEXT.script }, EMAIL],
    ['a password of 5 characters', { password: 'short' }, /Use at least/],
    ['a password of 201 characters', { password: 'p'.repeat(201) }, /at most 200/],
  ].map(([what, fields, says]) => ({
    name: `sign-up with ${what}`,
    send: () => signUp(fields as Record<string, string>),
    status: 422,
    says: says as RegExp,
  })),
  {
    name: 'sign-up with the email of an existing account',
    send: () => signUp({ email: fx.mine.owner.member.email }),
    status: 422,
    says: /already exists/,
  },
  {
    name: 'sign-up from another site',
    send: () =>
      form('/console/sign-up', { merchantName: 'X' }, undefined, {
        Origin: 'https://evil.example',
      }),
    status: 403,
    says: CROSS_SITE,
  },
];

const RESET: BadRequest[] = [
  {
    name: 'a reset asked for an address that is not one',
    send: () => form('/console/reset', { email: 'nope' }, undefined, fromNewClient()),
    status: 422,
    says: EMAIL,
  },
  {
    name: 'a reset asked for a script',
    send: () => form('/console/reset', { email: HOSTILE_TEXT.script }, undefined, fromNewClient()),
    status: 422,
    says: EMAIL,
  },
  {
    name: 'a reset link that was never sent',
    send: () => get('/console/reset/not-a-token'),
    status: 410,
    says: LINK_GONE,
  },
  {
    name: 'a new password through a reset link that was never sent',
    send: () => form('/console/reset/not-a-token', { password: 'correct horse battery' }),
    status: 410,
    says: LINK_GONE,
  },
  {
    name: 'an invitation link that is a script',
    send: () => get(`/console/invite/${encodeURIComponent(HOSTILE_TEXT.script)}`),
    status: 410,
    says: LINK_GONE,
  },
  {
    name: 'a password set through an invitation that was never sent',
    send: () => form('/console/invite/not-a-token', { password: 'correct horse battery' }),
    status: 410,
    says: LINK_GONE,
  },
  {
    name: 'a reset link used with a password too short, which leaves the link unused',
    send: () => form(`/console/reset/${fx.resetToken}`, { password: 'short' }),
    status: 422,
    says: /Use at least/,
  },
  {
    name: 'a reset link used from another site',
    send: () =>
      form(`/console/reset/${fx.resetToken}`, { password: 'correct horse battery' }, undefined, {
        Origin: 'https://evil.example',
      }),
    status: 403,
    says: CROSS_SITE,
  },
  {
    name: 'signing out from another site',
    send: () =>
      form('/console/sign-out', {}, fx.mine.owner.cookie, { Origin: 'https://evil.example' }),
    status: 403,
    says: CROSS_SITE,
  },
];

// Every console form, as a signed-out visitor or one whose session ran out would post it.
const CONSOLE_FORMS = [
  '/console/team',
  '/console/settings',
  '/console/campaigns/new',
  '/console/stores/new/sandbox',
  '/console/review/queue',
  '/console/campaigns/preview',
];
const sessions: [string, () => string | undefined][] = [
  ['an expired session', () => fx.expiredCookie],
  ['no session', () => undefined],
  ['a made-up session', () => '__Host-farout_session=bm90LWEtc2Vzc2lvbg'],
  ['a session cookie without its __Host- prefix', () => fx.mine.owner.cookie.slice(7)],
];

const SESSIONS: BadRequest[] = [
  ...sessions.flatMap(([what, cookie]) =>
    CONSOLE_FORMS.map((path) => ({
      name: `${path} posted with ${what}`,
      send: () => form(path, { name: 'x' }, cookie()),
      status: 401,
      says: ENDED,
    })),
  ),
  {
    name: 'approving a submission with an expired session',
    send: () => form(`/console/submissions/${fx.mine.review.id}/approve`, {}, fx.expiredCookie),
    status: 401,
    says: ENDED,
  },
  {
    name: "changing a campaign's status with an expired session",
    send: () =>
      form(
        `/console/campaigns/${fx.mine.campaign.id}/status`,
        { status: 'ended' },
        fx.expiredCookie,
      ),
    status: 401,
    says: ENDED,
  },
];

const staffCookie = () => fx.mine.staff.cookie;

const STAFF: BadRequest[] = [
  ...[
    ['inviting a member', '/console/team', { email: 'new@example.com', role: 'owner' }],
    ['changing the retention', '/console/settings', { retentionDays: '30' }],
    ['connecting a store', '/console/stores/new/sandbox', { name: 'S', domain: 'a.example.com' }],
    ['saving a connection', () => `/console/stores/${fx.mine.store.id}/connection`, {}],
    ['remaking a secret', () => `/console/stores/${fx.mine.store.id}/secrets/webhookSecret`, {}],
    ['erasing a shopper', () => `/console/submissions/${fx.mine.review.id}/erase`, {}],
    ['removing a member', () => `/console/team/${fx.mine.owner.member.id}/remove`, {}],
  ].map(([what, path, fields]) => ({
    name: `staff ${what}`,
    send: () =>
      form(
        typeof path === 'function' ? path() : (path as string),
        fields as Record<string, string>,
        staffCookie(),
      ),
    status: 403,
    says: OWNERS_ONLY,
  })),
  {
    name: 'staff opening the new store page',
    send: () => get('/console/stores/new', staffCookie()),
    status: 403,
    says: OWNERS_ONLY,
  },
  {
    name: "staff exporting a shopper's data",
    send: () => get(`/console/submissions/${fx.mine.review.id}/export`, staffCookie()),
    status: 403,
    says: OWNERS_ONLY,
  },
];

const NO_STORE = /There is no such store in your account/;
const NO_CAMPAIGN = /There is no such campaign in your account/;
const NO_SUBMISSION = /There is no such submission in your account/;

const ownerCookie = () => fx.mine.owner.cookie;
const theirStore = (path = '') => `/console/stores/${fx.theirs.store.id}${path}`;
const theirCampaign = (path = '') => `/console/campaigns/${fx.theirs.campaign.id}${path}`;
const theirSubmission = (path = '') => `/console/submissions/${fx.theirs.submission.id}${path}`;

const pageOf = (path: () => string, says: RegExp) => ({
  send: () => get(path(), ownerCookie()),
  status: 404,
  says,
});
const postTo = (path: () => string, says: RegExp, fields: Record<string, string> = {}) => ({
  send: () => form(path(), fields, ownerCookie()),
  status: 404,
  says,
});

const THEIRS: BadRequest[] = [
  { name: "another merchant's store page", ...pageOf(theirStore, NO_STORE) },
  { name: "testing another merchant's store", ...postTo(() => theirStore('/test'), NO_STORE) },
  {
    name: "saving another merchant's store connection",
    ...postTo(() => theirStore('/connection'), NO_STORE, { name: 'Mine now', domain: 'x.example' }),
  },
  {
    name: "saving another merchant's Instagram part",
    ...postTo(() => theirStore('/instagram'), NO_STORE, { igUserId: '12345' }),
  },
  {
    name: "removing another merchant's Instagram part",
    ...postTo(() => theirStore('/instagram/remove'), NO_STORE),
  },
  {
    name: "saving another merchant's X token",
    ...postTo(() => theirStore('/x'), NO_STORE, { xBearerToken: 'a'.repeat(30) }),
  },
  {
    name: "removing another merchant's X token",
    ...postTo(() => theirStore('/x/remove'), NO_STORE),
  },
  {
    name: "remaking another merchant's webhook secret",
    ...postTo(() => theirStore('/secrets/webhookSecret'), NO_STORE),
  },
  { name: "another merchant's campaign page", ...pageOf(theirCampaign, NO_CAMPAIGN) },
  {
    name: "editing another merchant's campaign",
    ...pageOf(() => theirCampaign('/edit'), NO_CAMPAIGN),
  },
  {
    name: "saving another merchant's campaign",
    ...postTo(() => theirCampaign('/edit'), NO_CAMPAIGN, { name: 'Mine now' }),
  },
  {
    name: "ending another merchant's campaign",
    ...postTo(() => theirCampaign('/status'), NO_CAMPAIGN, { status: 'ended' }),
  },
  {
    name: "another merchant's campaign results",
    ...pageOf(() => theirCampaign('/results'), NO_CAMPAIGN),
  },
  {
    name: "another merchant's submissions export",
    ...pageOf(() => theirCampaign('/submissions.csv'), NO_CAMPAIGN),
  },
  {
    name: "another merchant's orders export",
    ...pageOf(() => theirCampaign('/redemptions.csv'), NO_CAMPAIGN),
  },
  {
    name: "a sample post drawn with another merchant's campaign photo",
    ...pageOf(
      () => `/console/campaigns/preview.jpg?campaign=${fx.theirs.campaign.id}`,
      NO_CAMPAIGN,
    ),
  },
  { name: "another merchant's submission", ...pageOf(theirSubmission, NO_SUBMISSION) },
  {
    name: "another merchant's post image",
    ...pageOf(() => theirSubmission('/post-image'), NO_SUBMISSION),
  },
  {
    name: "another merchant's screenshot",
    ...pageOf(() => theirSubmission('/screenshot'), NO_SUBMISSION),
  },
  {
    name: "another merchant's difference picture",
    ...pageOf(() => theirSubmission('/difference.png'), NO_SUBMISSION),
  },
  {
    name: "approving another merchant's submission",
    ...postTo(() => theirSubmission('/approve'), NO_SUBMISSION),
  },
  {
    name: "rejecting another merchant's submission",
    ...postTo(() => theirSubmission('/reject'), NO_SUBMISSION, { reason: 'Not a real post.' }),
  },
  {
    name: "retrying another merchant's activation",
    ...postTo(() => theirSubmission('/retry-activation'), NO_SUBMISSION),
  },
  {
    name: "exporting another merchant's shopper",
    ...pageOf(() => theirSubmission('/export'), NO_SUBMISSION),
  },
  {
    name: "downloading another merchant's shopper photo",
    ...pageOf(() => theirSubmission('/export/screenshot'), NO_SUBMISSION),
  },
  {
    name: "erasing another merchant's shopper",
    ...postTo(() => theirSubmission('/erase'), NO_SUBMISSION),
  },
  {
    name: "removing another merchant's member",
    ...postTo(
      () => `/console/team/${fx.theirs.staff.member.id}/remove`,
      /There is no such member in your team/,
    ),
  },
  {
    name: "another merchant's email in the outbox",
    ...pageOf(
      () => `/console/outbox/${fx.theirs.email?.id}`,
      /There is no such email in your outbox/,
    ),
  },
  {
    name: "the review list filtered by another merchant's campaign",
    send: () => get(`/console/review?campaign=${fx.theirs.campaign.id}`, ownerCookie()),
    status: 422,
    says: NO_CAMPAIGN,
  },
];

const METHODS: BadRequest[] = [
  ['PUT', '/console/team'],
  ['DELETE', '/console/settings'],
  ['PATCH', '/console/campaigns/new'],
  ['DELETE', '/console/stores'],
  ['PUT', '/console/review/queue'],
].map(([method, path]) => ({
  name: `${method} ${path}`,
  send: () => call(method as string, path as string, fx.mine.owner.cookie),
  status: 404,
  says: NOT_HERE,
}));

describeCorpus(
  'hostile requests: %s',
  [
    ['sign-in', SIGN_IN],
    ['sign-up', SIGN_UP],
    ['password resets and invitations', RESET],
    ['console forms without a live session', SESSIONS],
    ['owner-only actions by staff', STAFF],
    ["another merchant's ids", THEIRS],
    ['console addresses with the wrong method', METHODS],
  ],
  expectRefused,
);

/** A visit with the expired session: it must change nothing, the session row included. */
async function visitWithExpiredSession(path: string, headers: Record<string, string> = {}) {
  const before = await storedState();

  const response = await exports.default.fetch(get(path, fx.expiredCookie, headers));

  expect(changedParts(before, await storedState())).toEqual([]);
  return response;
}

describe('a console page visited with an expired session', () => {
  it('sends the visitor to sign in again, keeping the address to come back to', async () => {
    const response = await visitWithExpiredSession('/console/campaigns');

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/console/sign-in?next=%2Fconsole%2Fcampaigns');
  });

  it('tells htmx to go to sign-in instead of swapping a page in', async () => {
    const response = await visitWithExpiredSession('/console/review', { 'HX-Request': 'true' });

    expect(response.status).toBe(204);
    expect(response.headers.get('HX-Redirect')).toMatch(/^\/console\/sign-in\?next=/);
  });
});
