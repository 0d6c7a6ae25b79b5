import type { Child } from 'hono/jsx';
import type { ConsoleMember } from '../../db/members';
import { Layout } from '../Layout';

/** The console's sections, in the order of the navigation. */
export const CONSOLE_SECTIONS = [
  { key: 'overview', href: '/console', label: 'Overview' },
  { key: 'campaigns', href: '/console/campaigns', label: 'Campaigns' },
  { key: 'review', href: '/console/review', label: 'Review' },
  { key: 'stores', href: '/console/stores', label: 'Stores' },
  { key: 'outbox', href: '/console/outbox', label: 'Emails' },
  { key: 'team', href: '/console/team', label: 'Team' },
  { key: 'settings', href: '/console/settings', label: 'Settings' },
] as const;

export type ConsoleSection = (typeof CONSOLE_SECTIONS)[number]['key'];

type ConsoleLayoutProps = {
  member: ConsoleMember;
  section: ConsoleSection;
  title: string;
  children: Child;
  // Extra scripts of the page, from static/ (the live preview, copy buttons).
  scripts?: string[];
  // Extra stylesheets of the page, from static/, after the console's own.
  stylesheets?: string[];
};

/** The frame of every signed-in console page: navigation, who is signed in, sign out. */
export function ConsoleLayout({
  member,
  section,
  title,
  children,
  scripts = [],
  stylesheets = [],
}: ConsoleLayoutProps) {
  return (
    <Layout
      title={`${title} · ${member.merchantName} · FarOut`}
      htmx
      bodyClass="console"
      stylesheets={['/console.css', ...stylesheets]}
    >
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="console-head">
        <p class="console-brand">
          <a href="/console">FarOut</a> <span class="muted">{member.merchantName}</span>
        </p>
        <nav aria-label="Console">
          <ul class="console-nav">
            {CONSOLE_SECTIONS.map((entry) => (
              <li>
                <a href={entry.href} aria-current={entry.key === section ? 'page' : undefined}>
                  {entry.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <form method="post" action="/console/sign-out" class="console-account">
          <span class="muted">
            {member.email} ({member.role})
          </span>
          <button type="submit" class="link-button">
            Sign out
          </button>
        </form>
      </header>
      <main class="page console-main" id="main">
        <h1>{title}</h1>
        {children}
      </main>
      <script src="/console.js" defer />
      {scripts.map((src) => (
        <script src={src} defer />
      ))}
    </Layout>
  );
}
