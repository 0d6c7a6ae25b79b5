import type { ReviewFilters, ReviewPage } from '../../../db/console-review';
import type { ConsoleMember } from '../../../db/members';
import { SOCIAL_PLATFORMS, SUBMISSION_STATES } from '../../../db/schema';
import { PLATFORM_LABELS } from '../../../domain/social-handle';
import { ConsoleLayout } from '../ConsoleLayout';
import { FieldError, Flash } from '../Form';
import { formatScore, formatTime, Pages, StateBadge, stateLabel } from './ReviewParts';

/** The filters as typed in the address, each `''` for "all". */
export type FilterValues = { campaign: string; state: string; platform: string };

type Option = { value: string; label: string };

type SelectProps = {
  name: keyof FilterValues;
  label: string;
  options: Option[];
  value: string;
  error?: string;
};

function FilterSelect({ name, label, options, value, error }: SelectProps) {
  const id = `filter-${name}`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <option value="">All</option>
        {options.map((option) => (
          <option value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

type ListProps = {
  member: ConsoleMember;
  campaigns: { id: string; name: string }[];
  values: FilterValues;
  errors?: Record<string, string>;
  // Null when the filters were refused: the page then shows only the form and its errors.
  page: ReviewPage | null;
  filters: ReviewFilters;
  nextHref: string | null;
  firstHref: string | null;
};

function emptyText(filters: ReviewFilters, campaigns: ListProps['campaigns']): string {
  const campaign = campaigns.find((c) => c.id === filters.campaignId);
  const parts = [
    filters.state && `in state “${stateLabel(filters.state)}”`,
    filters.platform && `on ${PLATFORM_LABELS[filters.platform]}`,
    campaign && `in the campaign “${campaign.name}”`,
  ].filter(Boolean);
  if (parts.length === 0) {
    return 'No submissions yet. They appear here as soon as a shopper generates a post.';
  }
  return `No submissions ${parts.join(' ')}.`;
}

/** `/console/review`: every submission of the merchant's campaigns, newest first, filtered. */
export function ReviewListPage(props: ListProps) {
  const { member, campaigns, values, errors = {}, page } = props;
  const filtered = Boolean(values.campaign || values.state || values.platform);

  return (
    <ConsoleLayout
      member={member}
      section="review"
      title="Submissions"
      stylesheets={['/console-review.css']}
    >
      <p>
        <a href="/console/review/queue">Open the manual review queue</a>
      </p>
      <form method="get" action="/console/review" class="review-filters">
        <FilterSelect
          name="campaign"
          label="Campaign"
          options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
          value={values.campaign}
          error={errors.campaign}
        />
        <FilterSelect
          name="state"
          label="State"
          options={SUBMISSION_STATES.map((s) => ({ value: s, label: stateLabel(s) }))}
          value={values.state}
          error={errors.state}
        />
        <FilterSelect
          name="platform"
          label="Platform"
          options={SOCIAL_PLATFORMS.map((p) => ({ value: p, label: PLATFORM_LABELS[p] }))}
          value={values.platform}
          error={errors.platform}
        />
        <button type="submit" class="secondary">
          Show
        </button>
        {filtered && <a href="/console/review">Clear the filters</a>}
      </form>
      <Flash kind="error" message={errors.after} />
      {page && page.rows.length === 0 && (
        <p class="review-empty">{emptyText(props.filters, campaigns)}</p>
      )}
      {page && page.rows.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Submissions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Shopper</th>
                <th scope="col">Platform</th>
                <th scope="col">Campaign</th>
                <th scope="col">State</th>
                <th scope="col">Image score</th>
                <th scope="col">Created</th>
                <th scope="col">Code</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) => (
                <tr>
                  <td>
                    <a href={`/console/submissions/${row.id}`}>@{row.handle}</a>
                  </td>
                  <td>{PLATFORM_LABELS[row.platform]}</td>
                  <td>{row.campaignName}</td>
                  <td>
                    <StateBadge state={row.state} />
                  </td>
                  <td>{formatScore(row.imageScore)}</td>
                  <td>{formatTime(row.createdAt)}</td>
                  <td>{row.promoCode ? <code>{row.promoCode}</code> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pages first={props.firstHref} next={props.nextHref} />
    </ConsoleLayout>
  );
}
