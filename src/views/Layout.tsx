import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';

// htmx may not inject styles or evaluate code (our CSP forbids both anyway), and swaps the
// 413 and 422 answers that carry a form's errors, which by default it would drop.
const HTMX_CONFIG = {
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '41[3]|422', swap: true },
    { code: '[45]..', swap: false, error: true },
  ],
};

type LayoutProps = {
  title: string;
  children: Child;
  // htmx is loaded only on pages that swap fragments; the widget stays script-free.
  htmx?: boolean;
  bodyClass?: string;
  // Extra stylesheets from static/, after app.css (the console's).
  stylesheets?: string[];
};

/** The HTML shell of every page: language, viewport for phones, our stylesheet. */
export function Layout({
  title,
  children,
  htmx = false,
  bodyClass,
  stylesheets = [],
}: LayoutProps) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <link rel="stylesheet" href="/app.css" />
          {stylesheets.map((href) => (
            <link rel="stylesheet" href={href} />
          ))}
          {htmx && (
            <>
              <meta name="htmx-config" content={JSON.stringify(HTMX_CONFIG)} />
              <script src="/vendor/htmx.min.js" defer />
            </>
          )}
        </head>
        <body class={bodyClass}>{children}</body>
      </html>
    </>
  );
}
