import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { findSubmissionPromoCode } from '../../src/db/promo-codes';
import { findSubmission, listSubmissionEvents } from '../../src/db/submissions';
import { monitorFor } from '../../src/monitor/post-monitor';
import lookup from '../fixtures/social/mastodon/accounts-lookup.json';
import status from '../fixtures/social/mastodon/status.json';
import { journeyWithAccount, postForm, startJourney } from '../helpers/journey';
import { generatedJourney } from '../helpers/journey-generated';
import { db, seedMerchant } from '../helpers/seed';
import { type FakeServer, jsonResponse, mockNetwork } from '../social/fetch-mock';
import { type BadRequest, describeCorpus, expectRefused, form } from './corpus';
import { submissionIn } from './fixtures';

afterEach(() => {
  vi.restoreAllMocks();
});

let fresh: string;
let mastodonSubmission: string;
let sandboxSubmission: string;

beforeAll(async () => {
  const { campaign } = await seedMerchant({ platforms: ['mastodon', 'sandbox'] });
  fresh = await startJourney(campaign.id);
  mastodonSubmission = (await submissionIn(campaign.id, 'awaiting_post', 'mastodon')).id;
  sandboxSubmission = (await submissionIn(campaign.id, 'awaiting_post', 'sandbox')).id;
});

// Every way of naming a machine that is not a public server: loopback, private and link-local
// ranges, IP literals of both families and their other spellings, names that never leave a
// network, and a port.
const HOSTS = [
  'localhost',
  'box.localhost',
  '127.0.0.1',
  '2130706433',
  '0x7f.1',
  '10.0.0.1',
  '192.168.1.1',
  '169.254.169.254',
  '93.184.216.34',
  '[::1]',
  '[::ffff:10.0.0.1]',
  '[2001:db8::1]',
  'metadata.google.internal',
  'printer.local',
  'db.corp',
  'router.lan',
  'nas.home',
  'smtp.mail',
  'intranet',
  'mastodon.social:8443',
];

const HANDLES: BadRequest[] = HOSTS.map((host) => ({
  name: `a Mastodon handle on ${host}`,
  send: () => form(`/j/${fresh}/account`, { platform: 'mastodon', username: `shopper@${host}` }),
  status: 422,
  says: /Mastodon usernames look like name@mastodon.social/,
}));

const NOT_THE_PLATFORM = /This link is not a post on the platform you chose/;

const LINKS: BadRequest[] = [
  ...HOSTS.map((host) => `https://${host}/@shopper/114118563011234567`),
  'https://mastodon.social.evil.example/@shopper/1',
  'https://mastodon.social@169.254.169.254/@shopper/1',
  'https://shopper:secret@mastodon.social/@shopper/1',
  'http://mastodon.social/@shopper/1',
].map((link) => ({
  name: `a pasted Mastodon link to ${link}`,
  send: () => form(`/s/${mastodonSubmission}/link`, { link }),
  status: 422,
  says: NOT_THE_PLATFORM,
}));

const SANDBOX_LINKS: BadRequest[] = [
  'http://localhost:8787/sandbox/posts/sbx_1',
  'http://127.0.0.1/sandbox/posts/sbx_1',
  'https://farout.test.evil.example/sandbox/posts/sbx_1',
  'http://farout.test:8080/sandbox/posts/sbx_1',
].map((link) => ({
  name: `a pasted Sandbox link to ${link}`,
  send: () => form(`/s/${sandboxSubmission}/link`, { link }),
  status: 422,
  says: NOT_THE_PLATFORM,
}));

describeCorpus(
  'shopper-chosen hosts refused at %s',
  [
    ['the account step', HANDLES],
    ['the status page, for a Mastodon post', LINKS],
    ['the status page, for a Sandbox post', SANDBOX_LINKS],
  ],
  expectRefused,
);

const SERVER = 'https://mastodon.social';
const HANDLE = 'shopper@mastodon.social';

/** A Mastodon submission whose shopper pressed "go": armed, and looked for on the next alarm. */
async function lookedFor() {
  const { campaign } = await seedMerchant({ platforms: ['mastodon'] });
  const { journeyId, submission } = await generatedJourney(campaign.id, 'mastodon', HANDLE);
  await postForm(`/j/${journeyId}/go`, {});
  const stored = await findSubmission(db(), submission.id);
  const code = (await findSubmissionPromoCode(db(), submission.id))?.code ?? '';
  return { id: submission.id, caption: stored?.caption ?? '', code };
}

let statuses = 0;

/**
 * The shopper's server: the real answers' shapes, with `override` for the hostile part. Each
 * server's post has an id of its own: one post backs one submission only.
 */
function shopperServer(caption: string, imageUrl: string, override: FakeServer): FakeServer {
  const id = `${BigInt(status.id) + BigInt(++statuses)}`;
  return (url, request) => {
    const hostile = override(url, request);
    if (hostile) return hostile;
    if (url.pathname === '/api/v1/accounts/lookup') {
      return jsonResponse({ ...lookup, username: 'shopper', acct: 'shopper' });
    }
    if (url.pathname.endsWith('/statuses')) {
      const post = {
        ...status,
        id,
        created_at: new Date().toISOString(),
        content: `<p>${caption.replaceAll('\n', '<br>')}</p>`,
        account: { ...status.account, acct: 'shopper' },
        media_attachments: [{ ...status.media_attachments[0], url: imageUrl }],
      };
      return jsonResponse([post]);
    }
    return undefined;
  };
}

const redirect = (location: string) => new Response(null, { status: 302, headers: { location } });

/** A body with no length that never ends: it counts what it was asked for and if it was cut. */
function endless(contentType: string) {
  const stats = { sent: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      stats.sent += 64 * 1024;
      controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  return {
    stats,
    response: () => new Response(body, { headers: { 'content-type': contentType } }),
  };
}

async function afterOneLook(id: string) {
  await runDurableObjectAlarm(monitorFor(env, id));
  const submission = await findSubmission(db(), id);
  const events = await listSubmissionEvents(db(), id);
  return { submission, events };
}

const INTERNAL = /169\.254|localhost|^10\.|\[|internal/;

describe("the monitor reading the shopper's own server", () => {
  it.each([
    ['the metadata address over http', 'http://169.254.169.254/latest/meta-data/'],
    ['localhost', 'https://localhost/api/v1/accounts/lookup?acct=shopper'],
    ['a private IPv4 literal', 'https://10.0.0.1/api/v1/accounts/lookup'],
    ['an IPv4-mapped IPv6 literal', 'https://[::ffff:7f00:1]/'],
    ['an internal name', 'https://metadata.google.internal/computeMetadata/v1/'],
  ])('does not follow a redirect to %s, and hands the post to a person', async (_, target) => {
    const { id, caption } = await lookedFor();
    const network = mockNetwork(
      shopperServer(caption, `${SERVER}/media/a.jpg`, (url) =>
        url.pathname === '/api/v1/accounts/lookup' ? redirect(target) : undefined,
      ),
    );

    const { submission } = await afterOneLook(id);

    const asked = network.requests.map((request) => new URL(request.url).hostname);
    expect(asked).toEqual(['mastodon.social']);
    expect(submission?.state).toBe('manual_review');
    expect(submission?.outcomeReason).toMatch(/not contacted/);
  });

  it('cuts off an account lookup that never ends, and hands the post to a person', async () => {
    const { id, caption } = await lookedFor();
    const { stats, response } = endless('application/json');
    mockNetwork(
      shopperServer(caption, `${SERVER}/media/a.jpg`, (url) =>
        url.pathname === '/api/v1/accounts/lookup' ? response() : undefined,
      ),
    );

    const { submission } = await afterOneLook(id);

    expect(stats.cancelled).toBe(true);
    expect(stats.sent).toBeLessThan(3 * 1024 * 1024);
    expect(submission?.state).toBe('manual_review');
    expect(submission?.outcomeReason).toMatch(/Too large to check automatically/);
  });

  it('never fetches a post picture the server places on an internal address', async () => {
    const { id, caption } = await lookedFor();
    const network = mockNetwork(
      shopperServer(caption, 'https://10.0.0.5/photo.jpg', () => undefined),
    );

    const { submission } = await afterOneLook(id);

    const asked = network.requests.map((request) => new URL(request.url).hostname);
    expect(asked.filter((host) => INTERNAL.test(host))).toEqual([]);
    expect(submission?.state).not.toBe('holding');
    expect(submission?.state).not.toBe('verified');
  });

  it('cuts off a post picture that never ends at the image limit', async () => {
    const { id, caption } = await lookedFor();
    const { stats, response } = endless('image/jpeg');
    mockNetwork(
      shopperServer(caption, 'https://files.mastodon.social/endless.jpg', (url) =>
        url.hostname === 'files.mastodon.social' ? response() : undefined,
      ),
    );

    const { submission } = await afterOneLook(id);

    expect(stats.cancelled).toBe(true);
    expect(stats.sent).toBeLessThan(16 * 1024 * 1024);
    expect(submission?.state).not.toBe('holding');
  });
});

describe('a shopper who names a public server', () => {
  it('is taken at the account step, so the refusals above are about the host alone', async () => {
    const { campaign } = await seedMerchant({ platforms: ['mastodon'] });

    const journeyId = await journeyWithAccount(campaign.id, 'mastodon', 'shopper@mastodon.social');

    expect(journeyId).toMatch(/^jny_/);
  });
});
