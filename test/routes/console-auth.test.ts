import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emailOutbox, memberSessions, members, merchants } from '../../src/db/schema';
import { consoleGet, consolePost, seedMember, signedInMerchant } from '../helpers/console';
import { db, seedMerchant } from '../helpers/seed';

const PASSWORD = 'correct horse battery';

function sessionCookie(response: Response): string {
  const header = response.headers.get('Set-Cookie') ?? '';
  const match = header.match(/__Host-farout_session=([^;]*)/);
  if (!match?.[1]) throw new Error(`no session cookie in: ${header}`);
  return `__Host-farout_session=${match[1]}`;
}

let clients = 0;

// Each sign-up from its own client address: sign-ups are rate-limited per address.
async function signUp(email: string) {
  clients += 1;
  return consolePost(
    '/console/sign-up',
    { merchantName: 'Lamp & <Co>', name: 'Ada', email, password: PASSWORD },
    undefined,
    { 'CF-Connecting-IP': `192.0.2.${clients}` },
  );
}

describe('sign-up', () => {
  it('creates the merchant and its owner, and signs the owner in', async () => {
    const response = await signUp('Ada@Example.com');

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/console');
    const cookie = response.headers.get('Set-Cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const member = await db().query.members.findFirst({
      where: eq(members.email, 'ada@example.com'),
    });
    expect(member?.role).toBe('owner');
    expect(member?.passwordHash).toMatch(/^pbkdf2-sha256\$100000\$/);
    const overview = await consoleGet('/console', sessionCookie(response));
    expect(overview.status).toBe(200);
    expect(await overview.text()).toContain('Lamp &amp; &lt;Co&gt;');
  });

  it('re-renders the form with an error next to each invalid field, keeping the values', async () => {
    const response = await consolePost('/console/sign-up', {
      merchantName: 'Keep me',
      name: '',
      email: 'not-an-email',
      password: 'short',
    });

    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('value="Keep me"');
    expect(html).toContain('Enter your name.');
    expect(html).toContain('Enter an email address like name@example.com.');
    expect(html).toContain('Use at least 10 characters.');
    expect(await db().select().from(merchants).where(eq(merchants.name, 'Keep me'))).toEqual([]);
  });

  it('refuses an address that already has an account, and creates no second merchant', async () => {
    await signUp('taken@example.com');
    const before = (await db().select().from(merchants)).length;

    const response = await signUp('TAKEN@example.com');

    expect(response.status).toBe(422);
    expect(await response.text()).toContain('already exists');
    expect((await db().select().from(merchants)).length).toBe(before);
  });
});

describe('sign-in and sign-out', () => {
  it('signs in with the right password and returns to the page asked for', async () => {
    await signUp('bea@example.com');

    const response = await consolePost('/console/sign-in', {
      email: 'BEA@example.com',
      password: PASSWORD,
      next: '/console/team',
    });

    expect(response.status).toBe(303);
    expect(response.headers.get('Location')).toBe('/console/team');
    expect((await consoleGet('/console/team', sessionCookie(response))).status).toBe(200);
  });

  it('answers a wrong password and an unknown address with the same message', async () => {
    await signUp('cy@example.com');

    const wrong = await consolePost('/console/sign-in', {
      email: 'cy@example.com',
      password: 'nope nope nope',
    });
    const unknown = await consolePost('/console/sign-in', {
      email: 'nobody@example.com',
      password: PASSWORD,
    });

    expect(wrong.status).toBe(422);
    expect(unknown.status).toBe(422);
    const message = 'This email and password do not match an account.';
    expect(await wrong.text()).toContain(message);
    expect(await unknown.text()).toContain(message);
    expect(wrong.headers.get('Set-Cookie')).toBeNull();
  });

  it('never sends the browser off-site after signing in', async () => {
    await signUp('dee@example.com');

    const response = await consolePost('/console/sign-in', {
      email: 'dee@example.com',
      password: PASSWORD,
      next: '//evil.example/console',
    });

    expect(response.headers.get('Location')).toBe('/console');
  });

  it('rate-limits repeated attempts for one address', async () => {
    await signUp('eve@example.com');
    const attempt = () =>
      consolePost('/console/sign-in', { email: 'eve@example.com', password: 'wrong password' });

    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await attempt()).status);

    expect(statuses.slice(0, 5)).toEqual([422, 422, 422, 422, 422]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('ends the session on sign-out, so the cookie opens nothing afterwards', async () => {
    const { merchant } = await seedMerchant();
    const { member, cookie } = await seedMember(merchant.id);

    const response = await consolePost('/console/sign-out', {}, cookie);

    expect(response.status).toBe(303);
    expect(
      await db().select().from(memberSessions).where(eq(memberSessions.memberId, member.id)),
    ).toEqual([]);
    const after = await consoleGet('/console', cookie);
    expect(after.status).toBe(303);
    expect(after.headers.get('Location')).toBe('/console/sign-in?next=%2Fconsole');
  });
});

describe('signed-out visitors', () => {
  it('sends a page visit to sign-in and refuses a form post with 401', async () => {
    const page = await consoleGet('/console/campaigns');
    const post = await consolePost('/console/team', { email: 'x@example.com', role: 'staff' });

    expect(page.status).toBe(303);
    expect(page.headers.get('Location')).toBe('/console/sign-in?next=%2Fconsole%2Fcampaigns');
    expect(post.status).toBe(401);
  });

  it('refuses a forged cookie', async () => {
    const response = await consoleGet('/console', '__Host-farout_session=forged');

    expect(response.status).toBe(303);
  });

  it('refuses a form post from another site even with a valid session', async () => {
    const { owner } = await signedInMerchant();

    const response = await consolePost(
      '/console/team',
      { email: 'x@example.com', role: 'staff' },
      owner.cookie,
      { Origin: 'https://evil.example' },
    );

    expect(response.status).toBe(403);
  });
});

describe('password reset', () => {
  it('emails a one-time link that sets a new password and ends other sessions', async () => {
    const signUpResponse = await signUp('fay@example.com');
    const oldCookie = sessionCookie(signUpResponse);

    const asked = await consolePost('/console/reset', { email: 'fay@example.com' });
    const [email] = await db()
      .select()
      .from(emailOutbox)
      .where(eq(emailOutbox.toAddress, 'fay@example.com'));
    const link = email?.text.match(/\/console\/reset\/[\w-]+/)?.[0] ?? '';
    const form = await consoleGet(link);
    const saved = await consolePost(link, { password: 'a brand new password' });
    const reused = await consolePost(link, { password: 'another new password' });

    expect(asked.status).toBe(200);
    expect(email?.kind).toBe('password-reset');
    expect(form.status).toBe(200);
    expect(saved.status).toBe(303);
    expect(reused.status).toBe(410);
    expect((await consoleGet('/console', oldCookie)).status).toBe(303);
    const signIn = await consolePost('/console/sign-in', {
      email: 'fay@example.com',
      password: 'a brand new password',
    });
    expect(signIn.status).toBe(303);
  });

  it('answers an unknown address the same way and queues nothing', async () => {
    const response = await consolePost('/console/reset', { email: 'ghost@example.com' });

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('If an account uses this address');
    expect(
      await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, 'ghost@example.com')),
    ).toEqual([]);
  });
});
