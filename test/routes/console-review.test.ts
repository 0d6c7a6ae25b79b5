import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { submissions } from '../../src/db/schema';
import { recordChecks } from '../../src/db/submissions';
import { consoleGet, consolePost, seedMember, signedInMerchant } from '../helpers/console';
import { postForm } from '../helpers/journey';
import { db } from '../helpers/seed';
import { generated, insertSubmission, moveTo, secondCampaign } from '../review/review-fixtures';

const MINUTE = 60_000;

async function html(response: Response) {
  expect(response.headers.get('Content-Type')).toMatch(/text\/html/);
  return response.text();
}

/** The handles in the order the list shows them. */
const listedHandles = (page: string) =>
  [...page.matchAll(/href="\/console\/submissions\/[\w-]+">@([^<]+)</g)].map((m) => m[1]);

describe('the submissions list', () => {
  it('shows every submission of the merchant newest first, and none of another merchant', async () => {
    const { campaign, owner } = await signedInMerchant();
    const other = await signedInMerchant();
    const now = Date.now();
    await insertSubmission(campaign, {
      handle: 'older',
      createdAt: new Date(now - 2 * MINUTE),
      imageScore: 0.934,
      code: 'SHARE-OLDER1',
    });
    await insertSubmission(campaign, { handle: 'newer', createdAt: new Date(now - MINUTE) });
    await insertSubmission(other.campaign, { handle: 'theirs' });

    const response = await consoleGet('/console/review', owner.cookie);

    expect(response.status).toBe(200);
    const page = await html(response);
    expect(listedHandles(page)).toEqual(['newer', 'older']);
    expect(page).toContain('93%');
    expect(page).toContain('<code>SHARE-OLDER1</code>');
    expect(page).toContain('Spring sharing');
    expect(page).toContain('badge badge-awaiting_post');
    expect(page).not.toContain('theirs');
  });

  it('filters by campaign, by state and by platform', async () => {
    const { campaign, owner } = await signedInMerchant();
    const autumn = await secondCampaign(campaign);
    await insertSubmission(campaign, { handle: 'spring', platform: 'bluesky' });
    await insertSubmission(autumn, { handle: 'autumn', state: 'manual_review' });

    const byCampaign = await html(
      await consoleGet(`/console/review?campaign=${autumn.id}`, owner.cookie),
    );
    const byState = await html(
      await consoleGet('/console/review?state=manual_review', owner.cookie),
    );
    const byPlatform = await html(
      await consoleGet('/console/review?platform=bluesky', owner.cookie),
    );
    const all = await html(
      await consoleGet('/console/review?campaign=&state=&platform=', owner.cookie),
    );

    expect(listedHandles(byCampaign)).toEqual(['autumn']);
    expect(byCampaign).toContain(`<option value="${autumn.id}" selected="">Autumn sharing`);
    expect(listedHandles(byState)).toEqual(['autumn']);
    expect(listedHandles(byPlatform)).toEqual(['spring']);
    expect(listedHandles(all).sort()).toEqual(['autumn', 'spring']);
  });

  it('says what is empty for the filters chosen', async () => {
    const { campaign, owner } = await signedInMerchant();
    const fresh = await signedInMerchant();
    await insertSubmission(campaign, { handle: 'waiting' });

    const filtered = await html(
      await consoleGet('/console/review?state=rejected&platform=x', owner.cookie),
    );
    const none = await html(await consoleGet('/console/review', fresh.owner.cookie));

    expect(filtered).toContain('No submissions in state “rejected” on X.');
    expect(filtered).toContain('Clear the filters');
    expect(none).toContain('No submissions yet.');
  });

  it('answers 422 with a reason for a state or platform not in the lists', async () => {
    const { campaign, owner } = await signedInMerchant();
    await insertSubmission(campaign, { handle: 'hidden' });

    const response = await consoleGet('/console/review?state=lost&platform=myspace', owner.cookie);

    expect(response.status).toBe(422);
    const page = await html(response);
    expect(page).toContain('Choose a state from the list.');
    expect(page).toContain('Choose a platform from the list.');
    expect(page).toContain('aria-invalid="true"');
    expect(listedHandles(page)).toEqual([]);
  });

  it("answers 422 for another merchant's campaign and shows none of its submissions", async () => {
    const { owner } = await signedInMerchant();
    const other = await signedInMerchant();
    await insertSubmission(other.campaign, { handle: 'notyours' });

    const response = await consoleGet(
      `/console/review?campaign=${other.campaign.id}`,
      owner.cookie,
    );

    expect(response.status).toBe(422);
    const page = await html(response);
    expect(page).toContain('There is no such campaign in your account.');
    expect(page).not.toContain('notyours');
    expect(page).not.toContain(other.campaign.id);
  });

  it('pages 50 at a time, the next page starting where the first ended', async () => {
    const { campaign, owner } = await signedInMerchant();
    const now = Date.now();
    for (let i = 0; i < 53; i++) {
      await insertSubmission(campaign, {
        handle: `s${String(i).padStart(2, '0')}`,
        createdAt: new Date(now - i * MINUTE),
        code: '',
      });
    }

    const first = await html(await consoleGet('/console/review?platform=sandbox', owner.cookie));
    const next = first.match(/href="([^"]+)">Next page/)?.[1]?.replaceAll('&amp;', '&') ?? '';
    const second = await html(await consoleGet(next, owner.cookie));

    expect(listedHandles(first)).toHaveLength(50);
    expect(listedHandles(first)[0]).toBe('s00');
    expect(next).toMatch(/^\/console\/review\?platform=sandbox&after=/);
    expect(listedHandles(second)).toEqual(['s50', 's51', 's52']);
    expect(second).toContain('First page');
    expect(second).not.toContain('Next page');
  });

  it('answers 422 for a page link that is not one of ours', async () => {
    const { owner } = await signedInMerchant();

    const response = await consoleGet('/console/review?after=<script>', owner.cookie);

    expect(response.status).toBe(422);
    const page = await html(response);
    expect(page).toContain('This page link is out of date.');
    expect(page).not.toContain('<script>');
  });

  it('sends a signed-out visitor to sign in', async () => {
    const response = await consoleGet('/console/review?state=manual_review');

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe(
      `/console/sign-in?next=${encodeURIComponent('/console/review?state=manual_review')}`,
    );
  });
});

describe('the manual review queue', () => {
  it('shows the posts waiting for review, oldest first, with both images or the link', async () => {
    const { campaign, owner } = await signedInMerchant();
    const now = Date.now();
    const linked = await insertSubmission(campaign, {
      handle: 'linked',
      state: 'manual_review',
      postImageKey: 'posts/a.png',
      postUrl: 'https://www.facebook.com/share/p/1AbCdEf/',
      createdAt: new Date(now - 2 * MINUTE),
    });
    const shot = await insertSubmission(campaign, {
      handle: 'shot',
      state: 'manual_review',
      postImageKey: 'posts/b.png',
      screenshotKey: 'photos/b.jpg',
      createdAt: new Date(now - MINUTE),
    });
    await recordChecks(db(), shot.id, [{ kind: 'screenshot', data: { score: 0.42 } }]);
    await insertSubmission(campaign, { handle: 'decided', state: 'rejected' });

    const page = await html(await consoleGet('/console/review/queue', owner.cookie));

    expect(listedHandles(page)).toEqual(['linked', 'shot']);
    expect(page).toContain(`name="ids" value="${linked.id}"`);
    expect(page).toContain(`src="/console/submissions/${linked.id}/post-image"`);
    expect(page).toContain('href="https://www.facebook.com/share/p/1AbCdEf/"');
    expect(page).toContain(`src="/console/submissions/${shot.id}/screenshot"`);
    expect(page).toContain('scored 42%');
    expect(page).toContain('value="approve"');
    expect(page).toContain('value="reject"');
    expect(page).not.toContain('photos/b.jpg');
    expect(page).not.toContain('posts/a.png');
  });

  it('says so when nothing waits', async () => {
    const { owner } = await signedInMerchant();

    const page = await html(await consoleGet('/console/review/queue', owner.cookie));

    expect(page).toContain('Nothing waits for your review.');
  });

  it('sends a signed-out visitor to sign in', async () => {
    const response = await consoleGet('/console/review/queue');

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toMatch(/^\/console\/sign-in\?next=/);
  });
});

const SCRIPT = '<script>alert(1)</script>';

describe('the submission page', () => {
  it('shows the checks with scores, the timeline, the code and the caption', async () => {
    const { campaign, owner } = await signedInMerchant();
    const submission = await insertSubmission(campaign, {
      state: 'found',
      code: 'SHARE-DETAIL',
      caption: 'Loving it #testroasters SHARE-DETAIL',
      postUrl: 'https://bsky.app/profile/me.bsky.social/post/3k',
    });
    await recordChecks(db(), submission.id, [
      { kind: 'image', data: { passed: true, score: 0.97 } },
      { kind: 'caption', data: { passed: false, score: 0.5, missing: ['#testroasters'] } },
    ]);
    await moveTo(submission, 'holding');

    const page = await html(
      await consoleGet(`/console/submissions/${submission.id}`, owner.cookie),
    );

    expect(page).toContain('Image matches our post image');
    expect(page).toContain('(score 97%)');
    expect(page).toContain('Missing: #testroasters.');
    expect(page).toMatch(/Waiting<\/span> Post stayed up/);
    expect(page).toContain('found → holding');
    expect(page).toContain('<code>SHARE-DETAIL</code>');
    expect(page).toContain('badge badge-reserved');
    expect(page).toContain('Loving it #testroasters SHARE-DETAIL');
    expect(page).toContain('href="https://bsky.app/profile/me.bsky.social/post/3k"');
  });

  it("escapes the shopper's handle, comment and caption", async () => {
    const { campaign, owner } = await signedInMerchant();
    const submission = await insertSubmission(campaign, {
      state: 'manual_review',
      handle: SCRIPT,
      comment: `Nice ${SCRIPT}`,
      caption: `Caption ${SCRIPT}`,
      postUrl: 'javascript:alert(1)',
    });

    const detail = await html(
      await consoleGet(`/console/submissions/${submission.id}`, owner.cookie),
    );
    const queue = await html(await consoleGet('/console/review/queue', owner.cookie));
    const list = await html(await consoleGet('/console/review', owner.cookie));

    for (const page of [detail, queue, list]) {
      expect(page).not.toContain(SCRIPT);
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    expect(detail).toContain('Nice &lt;script&gt;');
    expect(detail).toContain('Caption &lt;script&gt;');
    expect(detail).not.toContain('href="javascript:');
  });

  it("offers the shopper's data rights to an owner and not to staff", async () => {
    const { merchant, campaign, owner } = await signedInMerchant();
    const staff = await seedMember(merchant.id, 'staff');
    const submission = await insertSubmission(campaign);

    const asOwner = await html(
      await consoleGet(`/console/submissions/${submission.id}`, owner.cookie),
    );
    const asStaff = await html(
      await consoleGet(`/console/submissions/${submission.id}`, staff.cookie),
    );

    expect(asOwner).toContain(`href="/console/submissions/${submission.id}/export"`);
    expect(asOwner).toContain(`action="/console/submissions/${submission.id}/erase"`);
    expect(asOwner).toContain('data-confirm="Erase');
    expect(asStaff).not.toContain('/export');
    expect(asStaff).not.toContain('/erase');
  });

  it('answers 404 for an id that is no submission', async () => {
    const { owner } = await signedInMerchant();

    const response = await consoleGet('/console/submissions/sub_nothing', owner.cookie);

    expect(response.status).toBe(404);
    expect(await response.text()).toContain('There is no such submission in your account.');
  });

  it('sends a signed-out visitor to sign in', async () => {
    const { campaign } = await signedInMerchant();
    const submission = await insertSubmission(campaign);

    const response = await consoleGet(`/console/submissions/${submission.id}`);

    expect(response.status).toBe(303);
  });
});

/** Our post image's bytes, sent back as the shopper's screenshot through the status page. */
async function screenshotOfOurImage(submission: { id: string; postImageKey: string | null }) {
  const object = await env.MEDIA.get(submission.postImageKey ?? '');
  const bytes = new Uint8Array((await object?.arrayBuffer()) ?? new ArrayBuffer(0));
  const file = new File([bytes], 'screenshot.png', { type: object?.httpMetadata?.contentType });
  const sent = await postForm(`/s/${submission.id}/screenshot`, { screenshot: file });
  expect(sent.status).toBe(303);
  return bytes;
}

describe("a submission's images", () => {
  it('serves our post image and their screenshot to the merchant, privately', async () => {
    const { campaign, owner } = await signedInMerchant();
    const submission = await generated(campaign.id, 'manual_review');
    const ours = await screenshotOfOurImage(submission);

    const post = await consoleGet(`/console/submissions/${submission.id}/post-image`, owner.cookie);
    const shot = await consoleGet(`/console/submissions/${submission.id}/screenshot`, owner.cookie);
    const again = await consoleGet(
      `/console/submissions/${submission.id}/post-image`,
      owner.cookie,
      {
        'If-None-Match': post.headers.get('ETag') ?? '',
      },
    );

    expect(post.status).toBe(200);
    expect(new Uint8Array(await post.arrayBuffer())).toEqual(ours);
    expect(post.headers.get('Cache-Control')).toBe('private, no-cache');
    expect(shot.status).toBe(200);
    expect(shot.headers.get('Content-Type')).toBe('image/jpeg');
    expect(again.status).toBe(304);
  });

  it('draws where their screenshot differs from our image', async () => {
    const { campaign, owner } = await signedInMerchant();
    const submission = await generated(campaign.id, 'manual_review');
    await screenshotOfOurImage(submission);
    const path = `/console/submissions/${submission.id}/difference.png`;

    const response = await consoleGet(path, owner.cookie);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const again = await consoleGet(path, owner.cookie, {
      'If-None-Match': response.headers.get('ETag') ?? '',
    });
    const detail = await html(
      await consoleGet(`/console/submissions/${submission.id}`, owner.cookie),
    );

    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/png');
    expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(Number(response.headers.get('X-Differing-Share'))).toBeLessThan(0.1);
    expect(again.status).toBe(304);
    expect(detail).toContain(`src="${path}"`);
    expect(detail).toMatch(/screenshot received, score (9\d|100)%/);
  });

  it('answers 404 for the difference of a post without a screenshot', async () => {
    const { campaign, owner } = await signedInMerchant();
    const submission = await insertSubmission(campaign, { postImageKey: 'posts/none.png' });

    const response = await consoleGet(
      `/console/submissions/${submission.id}/difference.png`,
      owner.cookie,
    );

    expect(response.status).toBe(404);
    expect(await response.text()).toContain('no screenshot to compare');
  });
});

describe("another merchant's submission", () => {
  it('answers 404 on every route and changes nothing', async () => {
    const { owner } = await signedInMerchant();
    const other = await signedInMerchant();
    const theirs = await generated(other.campaign.id, 'manual_review');
    await screenshotOfOurImage(theirs);
    const failed = await insertSubmission(other.campaign, { state: 'activation_failed' });
    const before = await db()
      .select()
      .from(submissions)
      .where(eq(submissions.campaignId, other.campaign.id));

    const responses = await Promise.all([
      consoleGet(`/console/submissions/${theirs.id}`, owner.cookie),
      consoleGet(`/console/submissions/${theirs.id}/post-image`, owner.cookie),
      consoleGet(`/console/submissions/${theirs.id}/screenshot`, owner.cookie),
      consoleGet(`/console/submissions/${theirs.id}/difference.png`, owner.cookie),
      consolePost(`/console/submissions/${theirs.id}/approve`, {}, owner.cookie),
      consolePost(
        `/console/submissions/${theirs.id}/reject`,
        { reason: 'Not our product' },
        owner.cookie,
      ),
      consolePost(`/console/submissions/${failed.id}/retry-activation`, {}, owner.cookie),
    ]);

    for (const response of responses) {
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('There is no such submission in your account.');
    }
    const after = await db()
      .select()
      .from(submissions)
      .where(eq(submissions.campaignId, other.campaign.id));
    expect(after).toEqual(before);
  });
});
