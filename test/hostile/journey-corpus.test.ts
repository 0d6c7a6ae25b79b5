import { beforeAll, describe, expect, it } from 'vitest';
import { encodePhoto, latin1 } from '../fixtures/media/photo-fixtures';
import {
  type BadRequest,
  boundlessMultipart,
  call,
  describeCorpus,
  expectRefused,
  form,
  get,
  HOSTILE_TEXT,
  type HostileKind,
  hugeForm,
  invalidUtf8,
  raw,
  truncatedMultipart,
} from './corpus';
import { type ShopperFixtures, shopperFixtures } from './fixtures';

let fx: ShopperFixtures;

beforeAll(async () => {
  fx = await shopperFixtures();
});

const NO_CAMPAIGN = /There is no such campaign/;
const NO_JOURNEY = /does not lead to a post in progress/;
const NO_POST = /We have no post at this address/;
const NOT_HERE = /mistyped, or the page has moved/;
const CROSS_SITE = /reload the page and send it again/;
const GARBLED = /arrived incomplete/;

const journey = (step: keyof ShopperFixtures['journeys'], path = '') =>
  `/j/${fx.journeys[step]}${path}`;
const status = (which: keyof ShopperFixtures['submissions'], path = '') =>
  `/s/${fx.submissions[which].id}${path}`;

const file = (bytes: Uint8Array | string, name = 'photo.jpg', type = 'image/jpeg') =>
  new File([bytes], name, { type });

/** Cases for one form route that every form must refuse the same way. */
function formFrame(name: string, path: () => string, field: string): BadRequest[] {
  return [
    {
      name: `${name} from another site`,
      send: () => form(path(), { [field]: 'x' }, undefined, { Origin: 'https://evil.example' }),
      status: 403,
      says: CROSS_SITE,
    },
    {
      name: `${name} without an Origin header`,
      send: () => form(path(), { [field]: 'x' }, undefined, { Origin: '' }),
      status: 403,
      says: CROSS_SITE,
    },
    {
      name: `${name} with Origin: null (a sandboxed frame)`,
      send: () => form(path(), { [field]: 'x' }, undefined, { Origin: 'null' }),
      status: 403,
      says: CROSS_SITE,
    },
    {
      name: `${name} with a multipart body cut off mid-field`,
      send: () => truncatedMultipart(path(), field),
      status: 400,
      says: GARBLED,
    },
    {
      name: `${name} with a multipart type and no boundary`,
      send: () => boundlessMultipart(path()),
      status: 400,
      says: GARBLED,
    },
  ];
}

const START: BadRequest[] = [
  {
    name: 'start of an unknown campaign',
    send: () => get('/c/cmp_nope/start'),
    status: 404,
    says: NO_CAMPAIGN,
  },
  {
    name: 'start of a campaign id that is SQL',
    send: () => get(`/c/${encodeURIComponent(HOSTILE_TEXT.sql)}/start`),
    status: 404,
    says: NO_CAMPAIGN,
  },
  {
    name: 'start of a campaign id 5,000 characters long',
    send: () => get(`/c/${'c'.repeat(5000)}/start`),
    status: 404,
    says: NO_CAMPAIGN,
  },
  {
    name: 'start posted to an unknown campaign',
    send: () => form('/c/cmp_nope/start', { order: 'A-1' }),
    status: 404,
    says: NO_CAMPAIGN,
  },
  {
    name: 'start with PUT',
    send: () => call('PUT', `/c/${fx.campaign.id}/start`),
    status: 404,
    says: NOT_HERE,
  },
  ...formFrame('start', () => `/c/${fx.campaign.id}/start`, 'order'),
];

const ACCOUNT_TEXT: [HostileKind, RegExp][] = [
  ['script', /not a profile on Sandbox/],
  ['sql', /Sandbox usernames have up to 30/],
  ['nul', /Sandbox usernames have up to 30/],
  ['emoji', /Sandbox usernames have up to 30/],
  ['rtl', /Sandbox usernames have up to 30/],
  ['overlong', /Sandbox usernames have up to 30/],
];

const ACCOUNT: BadRequest[] = [
  {
    name: 'account step of an unknown journey',
    send: () => form('/j/jny_nope/account', { platform: 'sandbox', username: 'a' }),
    status: 404,
    says: NO_JOURNEY,
  },
  {
    name: 'account step of a journey id that is a script',
    send: () => get(`/j/${encodeURIComponent(HOSTILE_TEXT.script)}`),
    status: 404,
    says: NO_JOURNEY,
  },
  {
    name: 'account step without a platform',
    send: () => form(journey('fresh', '/account'), { username: 'shopper' }),
    status: 422,
    says: /Choose where you will post/,
  },
  {
    name: 'account step with a platform the campaign does not offer',
    send: () => form(journey('fresh', '/account'), { platform: 'x', username: 'shopper' }),
    status: 422,
    says: /Choose where you will post/,
  },
  {
    name: 'account step with a platform that is a script',
    send: () =>
      form(journey('fresh', '/account'), { platform: HOSTILE_TEXT.script, username: 'a' }),
    status: 422,
    says: /Choose where you will post/,
  },
  {
    name: 'account step with a platform 5,000 characters long',
    send: () =>
      form(journey('fresh', '/account'), { platform: HOSTILE_TEXT.overlong, username: 'a' }),
    status: 422,
    says: /Choose where you will post/,
  },
  {
    name: 'account step with an empty username',
    send: () => form(journey('fresh', '/account'), { platform: 'sandbox', username: '  ' }),
    status: 422,
    says: /Please enter your Sandbox username/,
  },
  {
    name: 'account step with a file as the username',
    send: () =>
      form(journey('fresh', '/account'), { platform: 'sandbox', username: file('shopper') }),
    status: 422,
    says: /Please enter your Sandbox username/,
  },
  {
    name: 'account step with a file as the platform',
    send: () =>
      form(journey('fresh', '/account'), { platform: file('sandbox'), username: 'shopper' }),
    status: 422,
    says: /Choose where you will post/,
  },
  {
    name: 'account step with a username in bytes that are not UTF-8',
    send: () =>
      invalidUtf8(journey('fresh', '/account'), 'username', undefined, 'platform=sandbox&'),
    status: 422,
    says: /Sandbox usernames have up to 30/,
  },
  {
    name: 'account step as JSON',
    send: () =>
      raw(
        journey('fresh', '/account'),
        '{"platform":"sandbox","username":"a"}',
        'application/json',
      ),
    status: 422,
    says: /Choose where you will post/,
  },
  {
    name: 'account step as plain text',
    send: () => raw(journey('fresh', '/account'), 'platform=sandbox', 'text/plain'),
    status: 422,
    says: /Choose where you will post/,
  },
  {
    name: 'account step with a Bluesky handle on a reserved name',
    send: () =>
      form(journey('fresh', '/account'), { platform: 'bluesky', username: 'me.localhost' }),
    status: 422,
    says: /Bluesky usernames look like/,
  },
  {
    name: 'account step with a link that is not a profile',
    send: () =>
      form(journey('fresh', '/account'), {
        platform: 'instagram',
        username: 'https://www.instagram.com/p/abc/',
      }),
    status: 422,
    says: /not a profile on Instagram/,
  },
  {
    name: 'account step with a javascript: link as the username',
    send: () =>
      form(journey('fresh', '/account'), {
        platform: 'instagram',
        username: 'javascript:alert(document.cookie)//x',
      }),
    status: 422,
    says: /not a profile on Instagram/,
  },
  ...ACCOUNT_TEXT.map(([kind, says]) => ({
    name: `account step with a username that is ${kind}`,
    send: () =>
      form(journey('fresh', '/account'), { platform: 'sandbox', username: HOSTILE_TEXT[kind] }),
    status: 422,
    says,
  })),
  {
    name: 'account step with DELETE',
    send: () => call('DELETE', journey('fresh', '/account')),
    status: 404,
    says: NOT_HERE,
  },
  ...formFrame('account step', () => journey('fresh', '/account'), 'username'),
];

const RATING = /Choose a rating from 1 to 5 stars/;
const photoStep = () => journey('draft', '/photo');

const PHOTO: BadRequest[] = [
  {
    name: 'photo step of an unknown journey',
    send: () => form('/j/jny_nope/photo', { rating: '5' }),
    status: 404,
    says: NO_JOURNEY,
  },
  ...['', '0', '6', '3.5', '-1', '1e9', 'five', HOSTILE_TEXT.script, HOSTILE_TEXT.sql].map(
    (rating) => ({
      name: `photo step with the rating ${JSON.stringify(rating.slice(0, 20))}`,
      send: () => form(photoStep(), { rating, comment: 'Lovely' }),
      status: 422,
      says: RATING,
    }),
  ),
  {
    name: 'photo step with a file as the rating',
    send: () => form(photoStep(), { rating: file('5'), comment: 'Lovely' }),
    status: 422,
    says: RATING,
  },
  {
    name: 'photo step with a file as the comment and no rating',
    send: () => form(photoStep(), { comment: file('Lovely') }),
    status: 422,
    says: RATING,
  },
  {
    name: 'photo step with a comment of 281 characters',
    send: () => form(photoStep(), { rating: '5', comment: 'a'.repeat(281) }),
    status: 422,
    says: /Keep your comment under 280 characters/,
  },
  {
    name: 'photo step with a comment of 5,000 characters',
    send: () => form(photoStep(), { rating: '5', comment: HOSTILE_TEXT.overlong }),
    status: 422,
    says: /Keep your comment under 280 characters/,
  },
  {
    name: 'photo step with an offensive comment',
    send: () => form(photoStep(), { rating: '5', comment: 'what a shithole of a shop' }),
    status: 422,
    says: /comment/i,
  },
  {
    name: 'photo step with no photo where the campaign has no default',
    send: () => form(photoStep(), { rating: '5', comment: 'Lovely' }),
    status: 422,
    says: /Choose a photo for your post/,
  },
  {
    name: 'photo step with a photo of zero bytes and no default',
    send: () => form(photoStep(), { rating: '5', photo: file(new Uint8Array()) }),
    status: 422,
    says: /Choose a photo for your post/,
  },
  {
    name: 'photo step with a text file as the photo',
    send: () => form(photoStep(), { rating: '5', photo: file('hello', 'a.txt', 'text/plain') }),
    status: 422,
    says: /not a JPEG, PNG or WebP photo/,
  },
  {
    name: 'photo step with an HTML page named .jpg',
    send: () =>
      form(photoStep(), { rating: '5', photo: file('<html><script>alert(1)</script></html>') }),
    status: 422,
    says: /not a JPEG, PNG or WebP photo/,
  },
  {
    name: 'photo step with a PNG cut in half',
    send: () => {
      const png = encodePhoto('png', 200, 100);
      return form(photoStep(), { rating: '5', photo: file(png.subarray(0, png.length / 2)) });
    },
    status: 422,
    says: /seems incomplete/,
  },
  {
    name: 'photo step with a GIF',
    send: () => form(photoStep(), { rating: '5', photo: file(latin1('GIF89a\u0001\u0000')) }),
    status: 422,
    says: /not a JPEG, PNG or WebP photo/,
  },
  {
    name: 'photo step with PUT',
    send: () => call('PUT', photoStep()),
    status: 404,
    says: NOT_HERE,
  },
  ...formFrame('photo step', photoStep, 'rating'),
];

const GO: BadRequest[] = [
  {
    name: 'leaving for the platform from an unknown journey',
    send: () => form('/j/jny_nope/go', {}),
    status: 404,
    says: NO_JOURNEY,
  },
  {
    name: 'preview of an unknown journey',
    send: () => get('/j/jny_nope/preview'),
    status: 404,
    says: NO_JOURNEY,
  },
  ...formFrame('leaving for the platform', () => journey('generated', '/go'), 'x').slice(0, 3),
];

const EMAIL = /Enter an email address like name@example.com/;
const CONSENT = /Tick the box to agree/;

const STATUS: BadRequest[] = [
  {
    name: 'status page of an unknown submission',
    send: () => get('/s/sub_nope'),
    status: 404,
    says: NO_POST,
  },
  {
    name: 'status page of a submission id that is SQL',
    send: () => get(`/s/${encodeURIComponent(HOSTILE_TEXT.sql)}`),
    status: 404,
    says: NO_POST,
  },
  {
    name: 'email for an unknown submission',
    send: () => form('/s/sub_nope/email', { email: 'a@example.com', consent: 'yes' }),
    status: 404,
    says: NO_POST,
  },
  ...[
    '',
    'not-an-email',
    'a@',
    HOSTILE_TEXT.script,
    `${HOSTILE_TEXT.sql}@example.com`,
    'ab\u0000@example.com',
    `${'a'.repeat(320)}@example.com`,
    '\u202Emoc.elpmaxe@a',
  ].map((email) => ({
    name: `email ${JSON.stringify(email.slice(0, 24))} with consent`,
    send: () => form(status('awaiting', '/email'), { email, consent: 'yes' }),
    status: 422,
    says: EMAIL,
  })),
  {
    name: 'email without consent',
    send: () => form(status('awaiting', '/email'), { email: 'a@example.com' }),
    status: 422,
    says: CONSENT,
  },
  {
    name: 'email with a consent of 5,000 characters',
    send: () =>
      form(status('awaiting', '/email'), {
        email: 'a@example.com',
        consent: HOSTILE_TEXT.overlong,
      }),
    status: 422,
    says: CONSENT,
  },
  {
    name: 'email with a file as the address',
    send: () =>
      form(status('awaiting', '/email'), { email: file('a@example.com'), consent: 'yes' }),
    status: 422,
    says: EMAIL,
  },
  {
    name: 'email in bytes that are not UTF-8',
    send: () => invalidUtf8(status('awaiting', '/email'), 'email', undefined, 'consent=yes&'),
    status: 422,
    says: EMAIL,
  },
  {
    name: 'email for a post not yet shared, whose page asks for none',
    send: () => form(status('generated', '/email'), { email: 'a@example.com', consent: 'yes' }),
    status: 409,
    says: /This post needs no address/,
  },
  {
    name: 'email for a rejected post, whose page asks for none',
    send: () => form(status('rejected', '/email'), { email: HOSTILE_TEXT.script, consent: 'yes' }),
    status: 409,
    says: /This post needs no address/,
  },
  ...formFrame('email', () => status('awaiting', '/email'), 'email'),
];

const NOT_THE_PLATFORM = /not a post on the platform you chose/;
const WHOLE_LINK = /Paste the whole link to your post/;

const LINK: BadRequest[] = [
  {
    name: 'link for an unknown submission',
    send: () => form('/s/sub_nope/link', { link: 'https://mastodon.social/@a/1' }),
    status: 404,
    says: NO_POST,
  },
  ...[
    ['an empty link', '', WHOLE_LINK],
    ['words, not a link', 'my post is up', WHOLE_LINK],
    ['a javascript: link', 'javascript:alert(1)', NOT_THE_PLATFORM],
    ['a data: link', 'data:text/html,<script>alert(1)</script>', NOT_THE_PLATFORM],
    ['plain http on the right server', 'http://mastodon.social/@shopper/1', NOT_THE_PLATFORM],
    ['another server', 'https://mastodon.online/@shopper/1', NOT_THE_PLATFORM],
    [
      'the right server on another port',
      'https://mastodon.social:8443/@shopper/1',
      NOT_THE_PLATFORM,
    ],
    ['a script in the path', `https://evil.example/${HOSTILE_TEXT.script}`, NOT_THE_PLATFORM],
    [
      'a link of 3,000 characters',
      `https://mastodon.social/@shopper/${'1'.repeat(3000)}`,
      /longer than any post link/,
    ],
  ].map(([what, link, says]) => ({
    name: `link that is ${what}`,
    send: () => form(status('awaiting', '/link'), { link: link as string }),
    status: 422,
    says: says as RegExp,
  })),
  {
    name: 'link once the post is verified',
    send: () => form(status('verified', '/link'), { link: 'https://bsky.app/profile/a/post/1' }),
    status: 409,
    says: /already been found/,
  },
  ...formFrame('link', () => status('awaiting', '/link'), 'link'),
];

const SCREENSHOT_NOT_NEEDED = /We do not need a screenshot of your post at this stage/;
const screenshot = () => status('manual', '/screenshot');

const SCREENSHOT: BadRequest[] = [
  {
    name: 'screenshot for an unknown submission',
    send: () => form('/s/sub_nope/screenshot', { screenshot: file(encodePhoto('png', 8, 8)) }),
    status: 404,
    says: NO_POST,
  },
  {
    name: 'screenshot of a submission on a searchable platform',
    send: () =>
      form(status('generated', '/screenshot'), { screenshot: file(encodePhoto('png', 8, 8)) }),
    status: 409,
    says: SCREENSHOT_NOT_NEEDED,
  },
  {
    name: 'screenshot once the post is verified',
    send: () =>
      form(status('verified', '/screenshot'), { screenshot: file(encodePhoto('png', 8, 8)) }),
    status: 409,
    says: SCREENSHOT_NOT_NEEDED,
  },
  {
    name: 'screenshot with no file',
    send: () => form(screenshot(), {}),
    status: 422,
    says: /Choose a screenshot of your post/,
  },
  {
    name: 'screenshot as a text field',
    send: () => form(screenshot(), { screenshot: 'a picture' }),
    status: 422,
    says: /Choose a screenshot of your post/,
  },
  {
    name: 'screenshot of zero bytes',
    send: () => form(screenshot(), { screenshot: file(new Uint8Array()) }),
    status: 422,
    says: /Choose a screenshot of your post/,
  },
  {
    name: 'screenshot that is a PDF',
    send: () => form(screenshot(), { screenshot: file(latin1('%PDF-1.7\n'), 'a.pdf') }),
    status: 422,
    says: /not a JPEG, PNG or WebP photo/,
  },
  ...formFrame('screenshot', screenshot, 'screenshot'),
];

const FAST_FORWARD: BadRequest[] = [
  {
    name: 'skipping ahead outside test mode',
    send: () => form(status('live', '/fast-forward'), {}),
    status: 409,
    says: /Only test-mode campaigns can skip ahead/,
  },
  {
    name: 'skipping ahead for an unknown submission',
    send: () => form('/s/sub_nope/fast-forward', {}),
    status: 404,
    says: NO_POST,
  },
  ...formFrame('skipping ahead', () => status('awaiting', '/fast-forward'), 'x').slice(0, 2),
];

const WIDGET_AND_PAGES: BadRequest[] = [
  {
    name: 'widget of an unknown campaign',
    send: () => get('/w/cmp_nope'),
    status: 404,
    says: NO_CAMPAIGN,
  },
  {
    name: 'widget of a campaign id that is a script',
    send: () => get(`/w/${encodeURIComponent(HOSTILE_TEXT.script)}`),
    status: 404,
    says: NO_CAMPAIGN,
  },
  {
    name: 'widget posted to',
    send: () => form(`/w/${fx.campaign.id}`, {}),
    status: 404,
    says: NOT_HERE,
  },
  { name: 'an address that does not exist', send: () => get('/nope'), status: 404, says: NOT_HERE },
  { name: 'an address with a NUL byte', send: () => get('/%00'), status: 404, says: NOT_HERE },
  {
    name: 'the front page with DELETE',
    send: () => call('DELETE', '/'),
    status: 404,
    says: NOT_HERE,
  },
  { name: 'the demo page with PUT', send: () => call('PUT', '/demo'), status: 404, says: NOT_HERE },
];

const NO_IMAGE = /There is no such image/;

const MEDIA: BadRequest[] = [
  ...[
    ['a key outside the public prefixes', '/media/private/a.jpg'],
    ['a key that climbs out of its prefix', '/media/photos/..%2Fsecret.jpg'],
    ['a key with dot segments', '/media/photos/../../secret.jpg'],
    ['a photo that does not exist', '/media/photos/ph_nope.jpg'],
    ['a post image that does not exist', '/media/posts/nope.jpg'],
    ['a key with a NUL byte', '/media/photos/a%00.jpg'],
    ['a key that is a script', `/media/photos/${encodeURIComponent(HOSTILE_TEXT.script)}`],
  ].map(([what, path]) => ({
    name: `media: ${what}`,
    send: () => get(path as string),
    status: 404,
    says: path === '/media/photos/../../secret.jpg' ? NOT_HERE : NO_IMAGE,
  })),
  {
    name: 'media: a photo posted to',
    send: () => form('/media/photos/ph_nope.jpg', {}),
    status: 404,
    says: NOT_HERE,
  },
];

const NO_SANDBOX_POST = /There is no Sandbox post waiting at this link/;

const SANDBOX: BadRequest[] = [
  {
    name: 'sandbox compose without a submission',
    send: () => get('/sandbox/compose'),
    status: 404,
    says: NO_SANDBOX_POST,
  },
  {
    name: 'sandbox compose of an unknown submission',
    send: () => get('/sandbox/compose?submission=sub_nope'),
    status: 404,
    says: NO_SANDBOX_POST,
  },
  {
    name: 'sandbox compose of a Mastodon submission',
    send: () => get(`/sandbox/compose?submission=${fx.submissions.awaiting.id}`),
    status: 404,
    says: NO_SANDBOX_POST,
  },
  {
    name: 'sandbox compose image of an unknown submission',
    send: () => get('/sandbox/compose/sub_nope/image'),
    status: 404,
    says: NO_SANDBOX_POST,
  },
  {
    name: 'sandbox post without a submission',
    send: () => form('/sandbox/posts', { caption: 'Hello' }),
    status: 404,
    says: NO_SANDBOX_POST,
  },
  {
    name: 'sandbox post with an empty caption',
    send: () => form('/sandbox/posts', { submission: fx.submissions.generated.id, caption: ' ' }),
    status: 400,
    says: /Please write a caption/,
  },
  {
    name: 'sandbox post with a file as the caption',
    send: () =>
      form('/sandbox/posts', { submission: fx.submissions.generated.id, caption: file('Hi') }),
    status: 400,
    says: /Please write a caption/,
  },
  {
    name: 'sandbox post with a caption over 2,200 characters',
    send: () =>
      form('/sandbox/posts', {
        submission: fx.submissions.generated.id,
        caption: 'a'.repeat(2201),
      }),
    status: 400,
    says: /Sandbox allows up to 2,200/,
  },
  {
    name: 'sandbox post with a caption of 5,000 emoji',
    send: () =>
      form('/sandbox/posts', {
        submission: fx.submissions.generated.id,
        caption: '🔥'.repeat(5000),
      }),
    status: 400,
    says: /Sandbox allows up to 2,200/,
  },
  {
    name: 'sandbox profile that is a script',
    send: () => get(`/sandbox/@${encodeURIComponent(HOSTILE_TEXT.script)}`),
    status: 404,
    says: /There is no such user on Sandbox/,
  },
  {
    name: 'sandbox post that does not exist',
    send: () => get('/sandbox/posts/sbx_nope'),
    status: 404,
    says: /There is no such post on Sandbox/,
  },
  {
    name: 'deleting a sandbox post that does not exist',
    send: () => form('/sandbox/posts/sbx_nope/delete', {}),
    status: 404,
    says: /Sandbox/,
  },
  {
    name: 'sandbox image of a post that does not exist',
    send: () => get('/sandbox/images/sbx_nope'),
    status: 404,
    says: /There is no such image on Sandbox/,
  },
  ...formFrame('sandbox post', () => '/sandbox/posts', 'caption'),
];

const TOO_BIG = /far larger than anything it asks for/;
const MIB = 1024 * 1024;

const HUGE: BadRequest[] = [
  ...(
    [
      ['start', () => `/c/${fx.campaign.id}/start`],
      ['account step', () => journey('fresh', '/account')],
      ['leaving for the platform', () => journey('generated', '/go')],
      ['email', () => status('awaiting', '/email')],
      ['link', () => status('awaiting', '/link')],
      ['skipping ahead', () => status('awaiting', '/fast-forward')],
      ['sandbox post', () => '/sandbox/posts'],
      ['deleting a sandbox post', () => '/sandbox/posts/sbx_nope/delete'],
    ] as const
  ).map(([what, path]) => ({
    name: `${what} with a body of 1 MiB`,
    send: () => hugeForm(path(), 'x', MIB),
    status: 413,
    says: TOO_BIG,
  })),
  {
    name: 'photo step with a body of 11 MiB',
    send: () => hugeForm(photoStep(), 'comment', 11 * MIB),
    status: 413,
    says: /This photo is larger than 10 MB/,
  },
  {
    name: 'screenshot with a body of 11 MiB',
    send: () => hugeForm(screenshot(), 'screenshot', 11 * MIB),
    status: 413,
    says: /This screenshot is larger than 10 MB/,
  },
];

describeCorpus(
  'hostile requests to %s',
  [
    ['starting a journey', START],
    ['step 1, the account', ACCOUNT],
    ['step 2, the photo', PHOTO],
    ['the preview and the way out', GO],
    ['the status page', STATUS],
    ['the pasted link', LINK],
    ['the screenshot', SCREENSHOT],
    ['skipping ahead in test mode', FAST_FORWARD],
    ['the widget and plain pages', WIDGET_AND_PAGES],
    ['media', MEDIA],
    ['the sandbox network', SANDBOX],
    ['every form, with a huge body', HUGE],
  ],
  expectRefused,
);

describe('a refused username', () => {
  it('keeps a script typed as a username out of the page it re-renders', async () => {
    const body = await expectRefused({
      name: 'script username',
      send: () =>
        form(journey('fresh', '/account'), { platform: 'sandbox', username: HOSTILE_TEXT.script }),
      status: 422,
      says: /not a profile on Sandbox/,
    });

    expect(body).not.toContain('<script>alert(1)');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
