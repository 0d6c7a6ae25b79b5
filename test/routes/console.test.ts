import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emailOutbox, members } from '../../src/db/schema';
import { enqueueEmail } from '../../src/notify/outbox';
import { consoleGet, consolePost, seedMember, signedInMerchant } from '../helpers/console';
import { db } from '../helpers/seed';

function shopperEmail(merchantId: string, subject: string) {
  return {
    dedupeKey: `code-active:${crypto.randomUUID()}`,
    kind: 'code-active',
    merchantId,
    to: 'shopper@example.com',
    subject,
    html: '<p>html</p>',
    text: `Your code is live: ${subject}`,
  };
}

describe('the overview', () => {
  it('counts what needs the merchant and lists its campaigns', async () => {
    const { owner, campaign } = await signedInMerchant({ name: 'Spring <b>sale</b>' });

    const response = await consoleGet('/console', owner.cookie);

    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`/console/campaigns/${campaign.id}`);
    expect(html).toContain('Spring &lt;b&gt;sale&lt;/b&gt;');
    expect(html).not.toContain('Get started');
  });

  it('shows the first steps to a merchant with no store yet', async () => {
    const response = await consolePost(
      '/console/sign-up',
      {
        merchantName: 'Fresh',
        name: 'New',
        email: 'fresh@example.com',
        password: 'long enough pw',
      },
      undefined,
      { 'CF-Connecting-IP': '198.51.100.7' },
    );
    const cookie = (response.headers.get('Set-Cookie') ?? '').split(';')[0] ?? '';

    const html = await (await consoleGet('/console', cookie)).text();

    expect(html).toContain('Get started');
    expect(html).toContain('/console/stores/new');
  });
});

describe('the team', () => {
  it('lets an owner invite a member, who gets an email with a link to choose a password', async () => {
    const { owner, merchant } = await signedInMerchant();

    const response = await consolePost(
      '/console/team',
      { email: 'New.Person@example.com', name: 'New Person', role: 'staff' },
      owner.cookie,
    );

    expect(response.status).toBe(303);
    const invited = await db().query.members.findFirst({
      where: eq(members.email, 'new.person@example.com'),
    });
    expect(invited).toMatchObject({ merchantId: merchant.id, role: 'staff', passwordHash: null });
    const [email] = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, 'new.person@example.com'));
    const link = email?.text.match(/\/console\/invite\/[\w-]+/)?.[0] ?? '';
    const accepted = await consolePost(link, { password: 'my own password' });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.get('Set-Cookie')).toMatch(/__Host-farout_session=/);
  });

  it('re-renders the invitation form with errors and the typed values', async () => {
    const { owner } = await signedInMerchant();

    const response = await consolePost(
      '/console/team',
      { email: 'nope', name: 'Kept', role: 'king' },
      owner.cookie,
    );

    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Enter an email address like name@example.com.');
    expect(html).toContain('Choose a role.');
    expect(html).toContain('value="Kept"');
  });

  it('refuses to invite an address that already has an account', async () => {
    const { owner } = await signedInMerchant();
    const other = await signedInMerchant();

    const response = await consolePost(
      '/console/team',
      { email: other.owner.member.email, role: 'staff' },
      owner.cookie,
    );

    expect(response.status).toBe(422);
    expect(await response.text()).toContain('already has a FarOut account');
  });

  it('refuses invitations and removals by staff', async () => {
    const { merchant, owner } = await signedInMerchant();
    const staff = await seedMember(merchant.id, 'staff');

    const invite = await consolePost(
      '/console/team',
      { email: 'x@example.com', role: 'owner' },
      staff.cookie,
    );
    const remove = await consolePost(`/console/team/${owner.member.id}/remove`, {}, staff.cookie);

    expect(invite.status).toBe(403);
    expect(remove.status).toBe(403);
    expect(
      await db().query.members.findFirst({ where: eq(members.id, owner.member.id) }),
    ).toBeDefined();
  });

  it('removes a member of the team, whose session stops working', async () => {
    const { merchant, owner } = await signedInMerchant();
    const staff = await seedMember(merchant.id, 'staff');

    const response = await consolePost(`/console/team/${staff.member.id}/remove`, {}, owner.cookie);

    expect(response.status).toBe(303);
    expect((await consoleGet('/console', staff.cookie)).status).toBe(303);
  });

  it("answers 404 for another merchant's member and removes nobody", async () => {
    const { owner } = await signedInMerchant();
    const other = await signedInMerchant();

    const response = await consolePost(
      `/console/team/${other.owner.member.id}/remove`,
      {},
      owner.cookie,
    );

    expect(response.status).toBe(404);
    expect(
      await db().query.members.findFirst({ where: eq(members.id, other.owner.member.id) }),
    ).toBeDefined();
  });

  it("lists only the merchant's own members", async () => {
    const { owner } = await signedInMerchant();
    const other = await signedInMerchant();

    const html = await (await consoleGet('/console/team', owner.cookie)).text();

    expect(html).toContain(owner.member.email);
    expect(html).not.toContain(other.owner.member.email);
  });
});

describe('the email outbox', () => {
  it("lists the merchant's shopper emails and opens one as plain text", async () => {
    const { owner, merchant } = await signedInMerchant();
    await enqueueEmail(db(), shopperEmail(merchant.id, 'Your <20%> code'));
    const [row] = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.merchantId, merchant.id));

    const list = await (await consoleGet('/console/outbox', owner.cookie)).text();
    const one = await consoleGet(`/console/outbox/${row?.id}`, owner.cookie);

    expect(list).toContain('Your &lt;20%&gt; code');
    expect(list).toContain('EMAIL_PROVIDER=local');
    expect(one.status).toBe(200);
    expect(await one.text()).toContain('Your code is live: Your &lt;20%&gt; code');
  });

  it('hides invitation and reset emails, whose links would sign someone in', async () => {
    const { owner, merchant } = await signedInMerchant();
    await consolePost(
      '/console/team',
      { email: 'hidden@example.com', role: 'owner' },
      owner.cookie,
    );
    const [invite] = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.merchantId, merchant.id));

    const list = await (await consoleGet('/console/outbox', owner.cookie)).text();
    const opened = await consoleGet(`/console/outbox/${invite?.id}`, owner.cookie);

    expect(invite?.kind).toBe('invite');
    expect(list).not.toContain('hidden@example.com');
    expect(opened.status).toBe(404);
  });

  it("answers 404 for another merchant's email", async () => {
    const { owner } = await signedInMerchant();
    const other = await signedInMerchant();
    await enqueueEmail(db(), shopperEmail(other.merchant.id, 'Not yours'));
    const [row] = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.merchantId, other.merchant.id));

    const list = await (await consoleGet('/console/outbox', owner.cookie)).text();
    const opened = await consoleGet(`/console/outbox/${row?.id}`, owner.cookie);

    expect(list).not.toContain('Not yours');
    expect(opened.status).toBe(404);
  });
});
