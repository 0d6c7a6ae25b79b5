import { Layout } from './Layout';

/**
 * Gap: the merchant console (sign-in, stores, campaigns, review, results) is not built yet.
 * This page says so instead of showing a broken screen; campaigns are created by the seed
 * script until the console exists.
 */
export function ConsoleUnavailable() {
  return (
    <Layout title="Merchant console · FarOut">
      <main class="page narrow">
        <h1>Merchant console</h1>
        <p>
          The console is not available in this version yet. The demo campaign is created by{' '}
          <code>npm run db:seed</code>; try it on the <a href="/demo">demo store</a>.
        </p>
      </main>
    </Layout>
  );
}
