import { Layout } from './Layout';

/** The front page: what FarOut is and where to go next. */
export function Home() {
  return (
    <Layout title="FarOut · share a post, get a discount">
      <main class="page narrow">
        <h1>FarOut</h1>
        <p>
          Stores offer shoppers a discount for a social post about their order. Shoppers get a
          ready-to-share post with a personal code; the code goes live once the post is verified.
        </p>
        <ul>
          <li>
            <a href="/demo">Try the demo store's Thank-You page</a>
          </li>
          <li>
            <a href="/console">Merchant console</a>
          </li>
        </ul>
      </main>
    </Layout>
  );
}
