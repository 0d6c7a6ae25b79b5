import type { ConsoleMember } from '../../db/members';
import type { OutboxEntry } from '../../notify/outbox';
import { ConsoleLayout } from './ConsoleLayout';

const formatTime = (at: Date | null) => (at ? at.toISOString().replace('T', ' ').slice(0, 16) : '');

type OutboxProps = { member: ConsoleMember; entries: OutboxEntry[]; provider: string };

/** The emails FarOut queued for this merchant's shoppers and team, newest first. */
export function OutboxPage({ member, entries, provider }: OutboxProps) {
  return (
    <ConsoleLayout member={member} section="outbox" title="Emails">
      {provider === 'local' && (
        <p class="notice">
          This installation keeps emails here and sends none (<code>EMAIL_PROVIDER=local</code>).
          Open an email to read what it would say.
        </p>
      )}
      {entries.length === 0 ? (
        <p>
          No emails yet. Shoppers get one when their code goes live; invitations and password resets
          appear here too.
        </p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">Emails, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Queued</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr>
                  <td>{formatTime(entry.createdAt)}</td>
                  <td>{entry.toAddress}</td>
                  <td>
                    <a href={`/console/outbox/${entry.id}`}>{entry.subject}</a>
                  </td>
                  <td>
                    <span class={`badge badge-${entry.status}`}>{entry.status}</span>
                    {entry.lastError && <span class="muted"> {entry.lastError}</span>}
                  </td>
                  <td>{entry.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ConsoleLayout>
  );
}

type OutboxEmailProps = {
  member: ConsoleMember;
  email: OutboxEntry & { text: string };
};

/** One queued email: its plain-text part, which says everything the HTML part does. */
export function OutboxEmailPage({ member, email }: OutboxEmailProps) {
  return (
    <ConsoleLayout member={member} section="outbox" title={email.subject}>
      <dl class="facts">
        <dt>To</dt>
        <dd>{email.toAddress}</dd>
        <dt>Status</dt>
        <dd>
          {email.status}
          {email.sentAt ? `, sent ${formatTime(email.sentAt)}` : ''}
        </dd>
        <dt>Kind</dt>
        <dd>{email.kind}</dd>
      </dl>
      <pre class="email-text">{email.text}</pre>
      <p>
        <a href="/console/outbox">All emails</a>
      </p>
    </ConsoleLayout>
  );
}
