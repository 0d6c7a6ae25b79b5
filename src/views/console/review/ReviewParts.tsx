import type { SubmissionState } from '../../../db/schema';

/** "2026-03-01 14:05 UTC", or an empty string for no time. */
export const formatTime = (at: Date | null | undefined) =>
  at ? `${at.toISOString().replace('T', ' ').slice(0, 16)} UTC` : '';

/** A score from 0 to 1 as a whole percentage, or a dash when there is none. */
export const formatScore = (score: number | null | undefined) =>
  typeof score === 'number' ? `${Math.round(score * 100)}%` : '—';

/** A state's name as the console shows it: `manual_review` reads "manual review". */
export const stateLabel = (state: SubmissionState) => state.replaceAll('_', ' ');

export function StateBadge({ state }: { state: SubmissionState }) {
  return <span class={`badge badge-${state}`}>{stateLabel(state)}</span>;
}

// Post links are saved from what a shopper pasted (checked per platform) or from a platform's
// answer; only web addresses, and our own sandbox paths, become links.
function isLinkable(url: string): boolean {
  return /^https?:\/\//i.test(url) || (url.startsWith('/') && !url.startsWith('//'));
}

/** The shopper's post on its platform, as a link that leaves the console. */
export function PostLink({ url }: { url: string | null }) {
  if (!url) return <span class="muted">No link to the post yet.</span>;
  if (!isLinkable(url)) return <span>{url}</span>;
  return (
    <a href={url} rel="noopener noreferrer nofollow" target="_blank">
      Open the post
    </a>
  );
}

/** The console address of one of a submission's images (never an R2 key). */
export const submissionImage = (
  id: string,
  which: 'post-image' | 'screenshot' | 'difference.png',
) => `/console/submissions/${id}/${which}`;

/** Links to the first and the next page of a list, when there are other pages. */
export function Pages({ first, next }: { first: string | null; next: string | null }) {
  if (!first && !next) return null;
  return (
    <nav aria-label="Pages" class="review-pages">
      {first && <a href={first}>First page</a>}
      {next && <a href={next}>Next page</a>}
    </nav>
  );
}
