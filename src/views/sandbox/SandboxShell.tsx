import type { Child } from 'hono/jsx';
import { Layout } from '../Layout';

type SandboxShellProps = { title: string; children: Child };

/** The frame of every sandbox page: the test-network banner above the page's own content. */
export function SandboxShell({ title, children }: SandboxShellProps) {
  return (
    <Layout title={`${title} · Sandbox`} bodyClass="sandbox">
      <header class="sandbox-header">
        <p class="sandbox-banner">
          <strong>Sandbox:</strong> a test network for trying FarOut, nothing here is public.
        </p>
      </header>
      <main class="page narrow sandbox-main">{children}</main>
    </Layout>
  );
}
