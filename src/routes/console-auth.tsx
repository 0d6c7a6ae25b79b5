import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { passwordResetEmail } from '../accounts/account-emails';
import { safeNextPath, setSessionCookie, signOut } from '../accounts/console-session';
import { fieldErrors } from '../accounts/form-errors';
import {
  hashPassword,
  MIN_PASSWORD_LENGTH,
  verifyNothing,
  verifyPassword,
} from '../accounts/password';
import {
  createMemberToken,
  createMerchantWithOwner,
  createSession,
  findMemberByEmail,
  findTokenMember,
  type MemberTokenKind,
  setPasswordWithToken,
} from '../db/members';
import type { AppEnv } from '../env';
import { publicOrigin } from '../lib/origin';
import {
  LinkExpiredPage,
  ResetRequestPage,
  SetPasswordPage,
  SignInPage,
  SignUpPage,
} from '../views/console/AuthPages';
import { queueAndSend } from './console-context';
import { readForm, textFormLimit } from './form-body';

const email = z.email({ error: 'Enter an email address like name@example.com.' }).max(320);
const newPassword = z
  .string({ error: 'Choose a password.' })
  .min(MIN_PASSWORD_LENGTH, { error: `Use at least ${MIN_PASSWORD_LENGTH} characters.` })
  .max(200, { error: 'Use at most 200 characters.' });

const signUpInput = z.object({
  merchantName: z
    .string({ error: 'Enter your business name.' })
    .trim()
    .min(1, { error: 'Enter your business name.' })
    .max(120, { error: 'Use at most 120 characters.' }),
  name: z
    .string({ error: 'Enter your name.' })
    .trim()
    .min(1, { error: 'Enter your name.' })
    .max(120, { error: 'Use at most 120 characters.' }),
  email,
  password: newPassword,
});
const signInInput = z.object({
  email,
  password: z.string({ error: 'Enter your password.' }).min(1, { error: 'Enter your password.' }),
});
const resetInput = z.object({ email });
const passwordInput = z.object({ password: newPassword });

const TOO_MANY = 'Too many attempts. Wait a minute, then try again.';
const WRONG = 'This email and password do not match an account.';

/** Counts an attempt against the limiter; false when this client has made too many. */
async function withinLimit(c: Context<AppEnv>, action: string, subject = ''): Promise<boolean> {
  const ip = c.req.header('CF-Connecting-IP') ?? 'local';
  const { success } = await c.env.AUTH_LIMITER.limit({ key: `${action}:${ip}:${subject}` });
  if (!success) c.get('logger').warn('auth rate limited', { action });
  return success;
}

async function signInAs(
  c: Context<AppEnv>,
  member: Parameters<typeof createSession>[1],
  next: string,
) {
  const token = await createSession(c.get('db'), member);
  setSessionCookie(c, token);
  c.get('logger').info('member signed in', { memberId: member.id, merchantId: member.merchantId });
  return c.redirect(next, 303);
}

function setPasswordRoutes(kind: MemberTokenKind, base: string) {
  const invite = kind === 'invite';
  return new Hono<AppEnv>()
    .get(`${base}/:token`, async (c) => {
      const member = await findTokenMember(c.get('db'), c.req.param('token'), kind);
      if (!member) return c.html(<LinkExpiredPage />, 410);
      c.header('Referrer-Policy', 'no-referrer');
      return c.html(
        <SetPasswordPage action={c.req.path} email={member.email} errors={{}} invite={invite} />,
      );
    })
    .post(`${base}/:token`, textFormLimit, async (c) => {
      const db = c.get('db');
      const token = c.req.param('token');
      const member = await findTokenMember(db, token, kind);
      if (!member) return c.html(<LinkExpiredPage />, 410);

      const parsed = passwordInput.safeParse(await readForm(c));
      if (!parsed.success) {
        const errors = fieldErrors(parsed.error);
        const page = (
          <SetPasswordPage
            action={c.req.path}
            email={member.email}
            errors={errors}
            invite={invite}
          />
        );
        return c.html(page, 422);
      }

      const saved = await setPasswordWithToken(
        db,
        token,
        kind,
        await hashPassword(parsed.data.password),
      );
      if (!saved.ok) return c.html(<LinkExpiredPage />, 410);
      return signInAs(c, saved.value, '/console');
    });
}

/** Sign-up, sign-in, sign-out, password reset and invitations: the console's public pages. */
export const consoleAuthRoutes = new Hono<AppEnv>()
  .get('/console/sign-up', (c) => c.html(<SignUpPage values={{}} errors={{}} />))
  .post('/console/sign-up', textFormLimit, async (c) => {
    const form = await readForm(c);
    const values = { ...form, password: undefined };
    if (!(await withinLimit(c, 'sign-up'))) {
      return c.html(<SignUpPage values={values} errors={{ form: TOO_MANY }} />, 429);
    }

    const parsed = signUpInput.safeParse(form);
    if (!parsed.success) {
      return c.html(<SignUpPage values={values} errors={fieldErrors(parsed.error)} />, 422);
    }

    const { password, ...input } = parsed.data;
    const created = await createMerchantWithOwner(c.get('db'), {
      ...input,
      passwordHash: await hashPassword(password),
    });
    if (!created.ok) {
      return c.html(<SignUpPage values={values} errors={{ email: created.message }} />, 422);
    }
    c.get('logger').info('merchant signed up', { merchantId: created.value.merchantId });
    return signInAs(c, created.value, '/console');
  })
  .get('/console/sign-in', (c) => {
    if (c.get('member')) return c.redirect('/console', 303);
    const next = safeNextPath(c.req.query('next'));
    const notice = c.req.query('signed-out') !== undefined ? 'You are signed out.' : undefined;
    return c.html(<SignInPage values={{}} errors={{}} next={next} notice={notice} />);
  })
  .post('/console/sign-in', textFormLimit, async (c) => {
    const form = await readForm(c);
    const next = safeNextPath(form.next);
    const values = { email: form.email };
    const parsed = signInInput.safeParse(form);
    if (!parsed.success) {
      const page = <SignInPage values={values} errors={fieldErrors(parsed.error)} next={next} />;
      return c.html(page, 422);
    }
    if (!(await withinLimit(c, 'sign-in', parsed.data.email.toLowerCase()))) {
      return c.html(<SignInPage values={values} errors={{ form: TOO_MANY }} next={next} />, 429);
    }

    const member = await findMemberByEmail(c.get('db'), parsed.data.email);
    const matches = member?.passwordHash
      ? await verifyPassword(parsed.data.password, member.passwordHash)
      : await verifyNothing(parsed.data.password);
    if (!member || !matches) {
      return c.html(<SignInPage values={values} errors={{ form: WRONG }} next={next} />, 422);
    }
    return signInAs(c, member, next);
  })
  .post('/console/sign-out', textFormLimit, async (c) => {
    await signOut(c);
    return c.redirect('/console/sign-in?signed-out', 303);
  })
  .get('/console/reset', (c) => c.html(<ResetRequestPage values={{}} errors={{}} />))
  .post('/console/reset', textFormLimit, async (c) => {
    const form = await readForm(c);
    const parsed = resetInput.safeParse(form);
    if (!parsed.success) {
      const page = <ResetRequestPage values={form} errors={fieldErrors(parsed.error)} />;
      return c.html(page, 422);
    }
    if (!(await withinLimit(c, 'reset', parsed.data.email.toLowerCase()))) {
      return c.html(<ResetRequestPage values={form} errors={{ email: TOO_MANY }} />, 429);
    }

    // The same answer whether or not the address has an account, so the form reveals none.
    const db = c.get('db');
    const member = await findMemberByEmail(db, parsed.data.email);
    if (member) {
      const { token, id } = await createMemberToken(db, member.id, 'password_reset');
      const link = `${publicOrigin(c)}/console/reset/${token}`;
      await queueAndSend(
        c,
        passwordResetEmail({ to: member.email, link, tokenId: id, merchantId: member.merchantId }),
      );
    }
    return c.html(<ResetRequestPage values={{}} errors={{}} sent />);
  })
  .route('/', setPasswordRoutes('password_reset', '/console/reset'))
  .route('/', setPasswordRoutes('invite', '/console/invite'));
