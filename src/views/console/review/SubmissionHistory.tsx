import type { SubmissionEvent } from '../../../db/submissions';
import { type CheckName, checkResults } from '../../../domain/status';
import { formatScore, formatTime, stateLabel } from './ReviewParts';

// A submission's checks and its timeline, for the submission's page.

const CHECK_LABELS: Record<CheckName, string> = {
  image: 'Image matches our post image',
  caption: 'Caption has the code, hashtags, pages and comment',
  language: 'No offensive words',
  duration: 'Post stayed up for the whole hold',
};

export const latest = (events: SubmissionEvent[], kind: string) =>
  events.findLast((event) => event.kind === kind);

function checkDetail(event: SubmissionEvent | undefined): string {
  const missing = event?.data?.missing;
  if (!Array.isArray(missing) || missing.length === 0) return '';
  return ` Missing: ${missing.join(', ')}.`;
}

export function Checks({ events }: { events: SubmissionEvent[] }) {
  return (
    <section aria-labelledby="checks-heading">
      <h2 id="checks-heading">Checks</h2>
      <ul class="checks">
        {checkResults(events).map((check) => (
          <li class={`check ${check.state}`}>
            <span class="check-state">
              {check.state === 'passed'
                ? 'Passed'
                : check.state === 'failed'
                  ? 'Failed'
                  : 'Waiting'}
            </span>{' '}
            {CHECK_LABELS[check.name]}
            {check.score !== undefined && <span> (score {formatScore(check.score)})</span>}
            <span class="muted">{checkDetail(latest(events, check.name))}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function describeEvent(event: SubmissionEvent): string {
  if (event.kind === 'transition') {
    return `${stateLabel(event.fromState ?? 'draft')} → ${stateLabel(event.toState ?? 'draft')}`;
  }
  const data = event.data ?? {};
  const verdict = typeof data.passed === 'boolean' ? (data.passed ? ' passed' : ' failed') : '';
  const score = typeof data.score === 'number' ? `, score ${formatScore(data.score)}` : '';
  // A screenshot is advisory (pre-scored for the merchant), never a check that decides.
  if (event.kind === 'screenshot') return `screenshot received${score}`;
  return `${event.kind} check${verdict}${score}`;
}

export function Timeline({
  events,
  names,
}: {
  events: SubmissionEvent[];
  names: Map<string, string>;
}) {
  const actor = (event: SubmissionEvent) => {
    const memberId = event.data?.memberId;
    const name = typeof memberId === 'string' ? names.get(memberId) : undefined;
    return name ? `${event.actor} (${name})` : event.actor;
  };

  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Everything that happened, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr>
                <td>{formatTime(event.at)}</td>
                <td>{actor(event)}</td>
                <td>{describeEvent(event)}</td>
                <td>{event.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
