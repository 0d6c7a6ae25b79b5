import {
  type CampaignResults,
  type Funnel,
  type Reach,
  type Revenue,
  utcDay,
} from '../../../db/console-results';
import type { ConsoleMember } from '../../../db/members';
import { PLATFORM_LABELS } from '../../../domain/social-handle';
import { BarChart, FunnelChart, TimeSeriesChart } from '../Charts';
import { ConsoleLayout } from '../ConsoleLayout';
import { formatCount, formatMoney } from './format';

/** The periods the daily charts offer: the last 30 days, or the campaign's whole life. */
export const RESULTS_PERIODS = ['30d', 'all'] as const;
export type ResultsPeriod = (typeof RESULTS_PERIODS)[number];

type ResultsProps = { member: ConsoleMember; results: CampaignResults; period: ResultsPeriod };

const FUNNEL_STEPS: { key: keyof Funnel; label: string }[] = [
  { key: 'views', label: 'Widget views' },
  { key: 'started', label: 'Journeys started' },
  { key: 'generated', label: 'Posts generated' },
  { key: 'leftForPlatform', label: 'Gone to the platform' },
  { key: 'found', label: 'Posts found' },
  { key: 'verified', label: 'Posts verified' },
  { key: 'codesLive', label: 'Codes switched on' },
  { key: 'redemptions', label: 'Orders with a code' },
];

function PeriodSwitch({ base, period }: { base: string; period: ResultsPeriod }) {
  const links: { period: ResultsPeriod; href: string; label: string }[] = [
    { period: '30d', href: base, label: 'Last 30 days' },
    { period: 'all', href: `${base}?period=all`, label: 'Whole campaign' },
  ];
  return (
    <nav aria-label="Period of the daily charts">
      <ul class="results-period">
        {links.map((link) => (
          <li>
            <a href={link.href} aria-current={link.period === period ? 'page' : undefined}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Tiles({ funnel, revenue }: { funnel: Funnel; revenue: Revenue[] }) {
  return (
    <ul class="tiles results-tiles">
      <li class="tile">
        <strong>{formatCount(funnel.views)}</strong> widget views
      </li>
      <li class="tile">
        <strong>{formatCount(funnel.verified)}</strong> posts verified
      </li>
      <li class="tile">
        <strong>{formatCount(funnel.redemptions)}</strong> orders with a code
      </li>
      {revenue.map((entry) => (
        <li class="tile">
          <strong>{formatMoney(entry.amountMinor, entry.currency)}</strong> in orders (
          {entry.currency})
        </li>
      ))}
    </ul>
  );
}

function ReachFacts({ reach, found }: { reach: Reach; found: number }) {
  if (reach.posts === 0) {
    return (
      <p class="muted">
        No reach figures yet. They come from the platforms when the monitor checks a found post.
      </p>
    );
  }
  return (
    <>
      <dl class="facts">
        <dt>Followers of the posters</dt>
        <dd>
          {formatCount(reach.followers)}{' '}
          <span class="muted">
            (from {formatCount(reach.postsWithFollowers)} of {formatCount(reach.posts)} posts)
          </span>
        </dd>
        <dt>Likes</dt>
        <dd>{formatCount(reach.likes)}</dd>
        <dt>Reposts</dt>
        <dd>{formatCount(reach.reposts)}</dd>
        <dt>Replies</dt>
        <dd>{formatCount(reach.replies)}</dd>
        <dt>Views</dt>
        <dd>{formatCount(reach.views)}</dd>
      </dl>
      <p class="hint">
        The latest figures each post showed at a check; {formatCount(reach.posts)} of{' '}
        {formatCount(found)} found posts reported some. Platforms differ: Mastodon and X give
        follower counts; Bluesky and Instagram give likes and replies but no followers; only X
        counts views; TikTok, the sandbox network and posts checked by hand give no figures.
      </p>
    </>
  );
}

function RevenueTable({ revenue }: { revenue: Revenue[] }) {
  if (revenue.length === 0) {
    return <p class="muted">No orders have used this campaign's codes yet.</p>;
  }
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">Orders with a code, per currency</caption>
        <thead>
          <tr>
            <th scope="col">Currency</th>
            <th scope="col">Orders</th>
            <th scope="col">Order value</th>
          </tr>
        </thead>
        <tbody>
          {revenue.map((entry) => (
            <tr>
              <th scope="row">{entry.currency}</th>
              <td>{formatCount(entry.orders)}</td>
              <td>{formatMoney(entry.amountMinor, entry.currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EmptyResults({ campaignId }: { campaignId: string }) {
  return (
    <section class="card" aria-labelledby="no-results">
      <h2 id="no-results">No results yet</h2>
      <p>
        Once the widget is on your store's Thank-You page, its views, your shoppers' posts and the
        orders using their codes show here.{' '}
        <a href={`/console/campaigns/${campaignId}`}>Get the embed snippet</a>.
      </p>
    </section>
  );
}

/** `/console/campaigns/:id/results`: the funnel, reach, orders, platforms and days. */
export function ResultsPage({ member, results, period }: ResultsProps) {
  const { campaign, funnel, reach, revenue, platforms, daily } = results;
  const base = `/console/campaigns/${campaign.id}`;
  const empty = FUNNEL_STEPS.every((step) => funnel[step.key] === 0);

  return (
    <ConsoleLayout
      member={member}
      section="campaigns"
      title={`Results: ${campaign.name}`}
      stylesheets={['/console-results.css']}
    >
      <p>
        <a href={base}>Back to the campaign</a>{' '}
        <span class={`badge badge-${campaign.status}`}>{campaign.status}</span>
        {campaign.testMode && <span class="badge badge-test">test mode</span>}
      </p>
      <ul class="results-downloads">
        <li>
          <a href={`${base}/submissions.csv`} download>
            Download the submissions (CSV)
          </a>
        </li>
        <li>
          <a href={`${base}/redemptions.csv`} download>
            Download the orders (CSV)
          </a>
        </li>
      </ul>

      {empty ? (
        <EmptyResults campaignId={campaign.id} />
      ) : (
        <>
          <Tiles funnel={funnel} revenue={revenue} />
          <section aria-labelledby="funnel-heading">
            <h2 id="funnel-heading">From view to order</h2>
            <FunnelChart
              title="Shoppers at each step, since the campaign began"
              steps={FUNNEL_STEPS.map((step) => ({ label: step.label, count: funnel[step.key] }))}
            />
          </section>
          <div class="results-grid">
            <section aria-labelledby="reach-heading">
              <h2 id="reach-heading">Reach</h2>
              <ReachFacts reach={reach} found={funnel.found} />
            </section>
            <section aria-labelledby="orders-heading">
              <h2 id="orders-heading">Orders</h2>
              <RevenueTable revenue={revenue} />
            </section>
          </div>
          <section aria-labelledby="platforms-heading">
            <h2 id="platforms-heading">Per platform</h2>
            <BarChart
              title="Posts shared per platform"
              bars={platforms.map((row) => ({
                label: PLATFORM_LABELS[row.platform],
                value: row.posted,
                note:
                  `${formatCount(row.verified)} verified, ` +
                  `${formatCount(row.redemptions)} orders`,
              }))}
              emptyText="No shopper has gone to a platform yet."
            />
          </section>
          <section aria-labelledby="days-heading">
            <h2 id="days-heading">Day by day (UTC)</h2>
            <PeriodSwitch base={`${base}/results`} period={period} />
            {utcDay(campaign.createdAt) < (daily.days[0] ?? '') && (
              <p class="hint">
                From {daily.days[0]}: the charts show at most the last {daily.days.length} days.
              </p>
            )}
            <TimeSeriesChart
              title="Widget views per day"
              days={daily.days}
              series={[{ name: 'Widget views', values: daily.views }]}
            />
            <TimeSeriesChart
              title="Posts and orders per day"
              days={daily.days}
              series={[
                { name: 'Submissions started', values: daily.submissions },
                { name: 'Posts verified', values: daily.verified },
                { name: 'Orders with a code', values: daily.redemptions },
              ]}
            />
          </section>
        </>
      )}
    </ConsoleLayout>
  );
}
