import { Layout } from './Layout';

type ErrorPageProps = { status: number; message: string; requestId: string };

const HEADINGS: Record<number, string> = {
  400: 'That request did not look right',
  401: 'Please sign in again',
  403: 'You cannot open this page',
  404: 'We could not find that page',
  409: 'That cannot be done right now',
  410: 'This is no longer here',
  413: 'That file is too large',
  422: 'Please check what you sent',
  429: 'Too many tries, please wait a moment',
};

// Only a 5xx is our fault; any other refusal is about the request, and says so.
function headingOf(status: number): string {
  if (status >= 500) return 'Something went wrong on our side';
  return HEADINGS[status] ?? 'That could not be done';
}

/** A full page for errors outside htmx: what happened, and the id support can look up. */
export function ErrorPage({ status, message, requestId }: ErrorPageProps) {
  const heading = headingOf(status);

  return (
    <Layout title={`${heading} · FarOut`}>
      <main class="page narrow">
        <h1>{heading}</h1>
        <p>{message}</p>
        <p class="muted">
          Error {status} · reference <code>{requestId}</code>
        </p>
        <p>
          <a href="/">Back to the start</a>
        </p>
      </main>
    </Layout>
  );
}

/** The fragment htmx swaps in when a partial request fails. */
export function ErrorFragment({ message }: { message: string }) {
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}
