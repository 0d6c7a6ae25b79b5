import type { ConsoleCampaign } from '../../../db/console-campaigns';
import type { ConsoleMember } from '../../../db/members';
import { moveLabel, nextStatuses } from '../../../domain/campaign-status';
import type { EmbedSnippets } from '../../../domain/embed-snippet';
import { PLATFORM_LABELS } from '../../../domain/social-handle';
import { minorToDecimal } from '../../../stores/money';
import { ConsoleLayout } from '../ConsoleLayout';
import { Flash } from '../Form';

type CampaignPageProps = {
  member: ConsoleMember;
  campaign: ConsoleCampaign;
  snippets: EmbedSnippets;
  notice?: string;
};

function discountText(campaign: ConsoleCampaign): string {
  if (campaign.discountType === 'percentage') return `${campaign.discountValue}% off`;
  const currency = campaign.storeCurrency;
  return `${minorToDecimal(campaign.discountValue, currency)} ${currency} off`;
}

function Facts({ campaign }: { campaign: ConsoleCampaign }) {
  const pages = Object.entries(campaign.pages).map(
    ([platform, handles]) =>
      `${PLATFORM_LABELS[platform as keyof typeof PLATFORM_LABELS]}: ${handles?.join(' ')}`,
  );
  const money = (minor: number) =>
    `${minorToDecimal(minor, campaign.storeCurrency)} ${campaign.storeCurrency}`;

  return (
    <dl class="facts">
      <dt>Status</dt>
      <dd>
        <span class={`badge badge-${campaign.status}`}>{campaign.status}</span>{' '}
        {campaign.testMode && <span class="badge badge-test">test mode</span>}
      </dd>
      <dt>Store</dt>
      <dd>{campaign.storeName}</dd>
      <dt>Offer</dt>
      <dd>{campaign.offerText}</dd>
      <dt>Discount</dt>
      <dd>
        {discountText(campaign)}
        {campaign.minOrderMinor !== null && `, on orders from ${money(campaign.minOrderMinor)}`}
      </dd>
      <dt>Codes</dt>
      <dd>
        {campaign.codePrefix}-…,{' '}
        {campaign.codeUsageLimit === null
          ? 'any number of orders'
          : `${campaign.codeUsageLimit} orders`}{' '}
        each,{' '}
        {campaign.codeValidDays === null ? 'no expiry' : `valid ${campaign.codeValidDays} days`}
      </dd>
      <dt>Platforms</dt>
      <dd>{campaign.platforms.map((platform) => PLATFORM_LABELS[platform]).join(', ')}</dd>
      <dt>Caption tags</dt>
      <dd>{[campaign.adDisclosure, ...campaign.hashtags].join(' ')}</dd>
      <dt>Pages</dt>
      <dd>{pages.length > 0 ? pages.join('; ') : 'none'}</dd>
      <dt>Checks</dt>
      <dd>
        looked for {campaign.searchHours} hours, held {campaign.holdHours} hours
      </dd>
      <dt>Framed by</dt>
      <dd>{campaign.frameOrigins.length > 0 ? campaign.frameOrigins.join(', ') : 'none yet'}</dd>
    </dl>
  );
}

function Snippet({
  id,
  label,
  text,
  hint,
}: {
  id: string;
  label: string;
  text: string;
  hint: string;
}) {
  return (
    <div class="field copy-block">
      <label for={id}>{label}</label>
      <p class="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <textarea
        id={id}
        class="snippet"
        rows={text.split('\n').length}
        readonly
        aria-describedby={`${id}-hint`}
      >
        {text}
      </textarea>
      <button type="button" class="secondary" data-copy={`#${id}`}>
        Copy
      </button>
    </div>
  );
}

function StatusButtons({ campaign }: { campaign: ConsoleCampaign }) {
  const moves = nextStatuses(campaign.status);
  if (moves.length === 0) return <p class="muted">This campaign has ended. Its results stay.</p>;

  return (
    <div class="actions">
      {moves.map((to) => (
        <form
          method="post"
          action={`/console/campaigns/${campaign.id}/status`}
          data-confirm={
            to === 'ended' ? 'End this campaign for good? Shoppers can no longer start.' : undefined
          }
        >
          <input type="hidden" name="status" value={to} />
          <button type="submit" class={to === 'ended' ? 'secondary danger' : 'secondary'}>
            {moveLabel(campaign.status, to)}
          </button>
        </form>
      ))}
    </div>
  );
}

/** One campaign: its terms, the snippets to embed it, and the buttons that run it. */
export function CampaignPage({ member, campaign, snippets, notice }: CampaignPageProps) {
  const base = `/console/campaigns/${campaign.id}`;

  return (
    <ConsoleLayout
      member={member}
      section="campaigns"
      title={campaign.name}
      stylesheets={['/console-campaigns.css']}
    >
      <Flash kind="ok" message={notice} />
      <nav aria-label="This campaign" class="campaign-links">
        {campaign.status !== 'ended' && <a href={`${base}/edit`}>Edit</a>}
        <a href={`${base}/results`}>Results</a>
        <a href={`/console/review?campaign=${campaign.id}`}>Review its posts</a>
      </nav>

      <section class="card campaign-summary" aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <div class="campaign-summary-body">
          <Facts campaign={campaign} />
          {campaign.defaultPhotoKey ? (
            <img
              src={`/media/${campaign.defaultPhotoKey}`}
              alt="Shown to shoppers who bring none of their own"
              width="160"
            />
          ) : (
            <p class="muted">No default photo yet: add one before going live.</p>
          )}
        </div>
        <StatusButtons campaign={campaign} />
      </section>

      <section class="card" aria-labelledby="embed-heading">
        <h2 id="embed-heading">Put the widget on your Thank-You page</h2>
        {campaign.frameOrigins.length === 0 && (
          <p class="flash flash-error">
            No store address may show the widget yet: add yours under "Store addresses that show the
            widget" in <a href={`${base}/edit`}>the campaign's settings</a>.
          </p>
        )}
        <Snippet
          id="snippet-script"
          label="Script"
          text={snippets.script}
          hint="Paste it into the order confirmation page. data-order and data-email are optional."
        />
        <Snippet
          id="snippet-iframe"
          label="Plain iframe"
          text={snippets.iframe}
          hint="For stores that allow no scripts; it does not resize itself."
        />
        <Snippet
          id="snippet-woocommerce"
          label="WooCommerce"
          text={snippets.woocommerce}
          hint="Add it to your theme's functions.php or a code snippets plugin."
        />
      </section>
    </ConsoleLayout>
  );
}
