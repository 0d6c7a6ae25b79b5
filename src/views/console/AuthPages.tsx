import type { Child } from 'hono/jsx';
import { Layout } from '../Layout';
import { Flash, TextField } from './Form';

type Errors = Record<string, string | undefined>;
type Values = Record<string, string | undefined>;

function AuthLayout({ title, children }: { title: string; children: Child }) {
  return (
    <Layout title={`${title} · FarOut`} bodyClass="console" stylesheets={['/console.css']}>
      <main class="page narrow auth" id="main">
        <p class="console-brand">
          <a href="/">FarOut</a> <span class="muted">for merchants</span>
        </p>
        <h1>{title}</h1>
        {children}
      </main>
    </Layout>
  );
}

/** The email field of every account form. */
function EmailField({ value, error }: { value: string | undefined; error: string | undefined }) {
  return (
    <TextField
      name="email"
      label="Email"
      type="email"
      autocomplete="email"
      value={value}
      error={error}
      required
    />
  );
}

type SignInProps = { values: Values; errors: Errors; next: string; notice?: string };

/** The sign-in form; one error for a wrong address or password, so neither is revealed. */
export function SignInPage({ values, errors, next, notice }: SignInProps) {
  return (
    <AuthLayout title="Sign in">
      <Flash kind="ok" message={notice} />
      <Flash kind="error" message={errors.form} />
      <form method="post" action="/console/sign-in" novalidate>
        <input type="hidden" name="next" value={next} />
        <EmailField value={values.email} error={errors.email} />
        <TextField
          name="password"
          label="Password"
          type="password"
          autocomplete="current-password"
          error={errors.password}
          required
        />
        <button class="primary" type="submit">
          Sign in
        </button>
      </form>
      <p>
        <a href="/console/reset">Forgot your password?</a> · New to FarOut?{' '}
        <a href="/console/sign-up">Create an account</a>
      </p>
    </AuthLayout>
  );
}

/** Sign-up: the business and its first owner. */
export function SignUpPage({ values, errors }: { values: Values; errors: Errors }) {
  return (
    <AuthLayout title="Create your FarOut account">
      <Flash kind="error" message={errors.form} />
      <form method="post" action="/console/sign-up" novalidate>
        <TextField
          name="merchantName"
          label="Business name"
          autocomplete="organization"
          value={values.merchantName}
          error={errors.merchantName}
          maxlength={120}
          required
        />
        <TextField
          name="name"
          label="Your name"
          autocomplete="name"
          value={values.name}
          error={errors.name}
          maxlength={120}
          required
        />
        <EmailField value={values.email} error={errors.email} />
        <TextField
          name="password"
          label="Password"
          type="password"
          autocomplete="new-password"
          error={errors.password}
          hint="At least 10 characters. A phrase of a few words is easy to remember."
          required
        />
        <button class="primary" type="submit">
          Create account
        </button>
      </form>
      <p>
        Already have an account? <a href="/console/sign-in">Sign in</a>
      </p>
    </AuthLayout>
  );
}

/** Asks for the address to send a reset link to. */
export function ResetRequestPage(props: { values: Values; errors: Errors; sent?: boolean }) {
  return (
    <AuthLayout title="Reset your password">
      {props.sent ? (
        <p role="status">
          If an account uses this address, we have sent it a link to choose a new password. The link
          works for one hour.
        </p>
      ) : (
        <form method="post" action="/console/reset" novalidate>
          <EmailField value={props.values.email} error={props.errors.email} />
          <button class="primary" type="submit">
            Send the link
          </button>
        </form>
      )}
      <p>
        <a href="/console/sign-in">Back to sign in</a>
      </p>
    </AuthLayout>
  );
}

type SetPasswordProps = { action: string; email: string; errors: Errors; invite: boolean };

/** Choosing a password from a reset or invitation link. */
export function SetPasswordPage({ action, email, errors, invite }: SetPasswordProps) {
  return (
    <AuthLayout title={invite ? 'Join your team on FarOut' : 'Choose a new password'}>
      <form method="post" action={action} novalidate>
        <p>
          For <strong>{email}</strong>
        </p>
        <TextField
          name="password"
          label="New password"
          type="password"
          autocomplete="new-password"
          error={errors.password}
          hint="At least 10 characters."
          required
        />
        <button class="primary" type="submit">
          {invite ? 'Set password and sign in' : 'Save and sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}

/** A reset or invitation link that no longer works. */
export function LinkExpiredPage() {
  return (
    <AuthLayout title="This link no longer works">
      <p>
        It has expired or was already used. <a href="/console/reset">Ask for a new link</a>, or ask
        an owner of your account to invite you again.
      </p>
    </AuthLayout>
  );
}
