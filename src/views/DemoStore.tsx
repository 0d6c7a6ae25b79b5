import { Layout } from './Layout';

export const DEMO_CAMPAIGN_ID = 'cmp_demo';

/**
 * A pretend store's order confirmation page with the widget embedded exactly as a merchant
 * would embed it, so the whole loop can be tried locally.
 */
export function DemoStore({
  campaignReady,
  orderRef,
}: {
  campaignReady: boolean;
  orderRef: string;
}) {
  return (
    <Layout title="Order confirmed · Demo Coffee Roasters">
      <header class="demo-bar">
        <strong>Demo Coffee Roasters</strong>
        <span class="muted">a pretend store for trying FarOut</span>
      </header>
      <main class="page narrow">
        <h1>Thank you, your order is confirmed</h1>
        <p>
          Order <strong>#{orderRef}</strong> · 1 × House blend, 250 g · $14.00
        </p>
        <p class="muted">A confirmation email is on its way.</p>
        <section aria-labelledby="share-offer" class="demo-widget">
          <h2 id="share-offer" class="visually-hidden">
            Share offer
          </h2>
          {campaignReady ? (
            <script src="/embed.js" data-campaign={DEMO_CAMPAIGN_ID} data-order={orderRef} defer />
          ) : (
            <p class="notice">
              The demo campaign is missing. Run <code>npm run db:seed</code> and reload.
            </p>
          )}
        </section>
      </main>
    </Layout>
  );
}
