import type { ConsoleMember } from '../../db/members';
import { ConsoleLayout } from './ConsoleLayout';
import { Flash, TextField } from './Form';

/** The bounds of a merchant's retention period, in days. */
export const RETENTION_DAYS = { min: 30, max: 3650 } as const;

type SettingsProps = {
  member: ConsoleMember;
  retentionDays: number;
  // What the owner typed, kept when the form comes back with an error.
  value?: string | undefined;
  error?: string | undefined;
  notice?: string | undefined;
};

/** `/console/settings`: how long shoppers' data is kept; owners change it, staff read it. */
export function SettingsPage({ member, retentionDays, value, error, notice }: SettingsProps) {
  const hint = (
    <>
      From {RETENTION_DAYS.min} to {RETENTION_DAYS.max} days after a campaign ends. Then FarOut
      erases its shoppers' emails, usernames, comments, captions, post links and photos, and keeps
      the counts and order figures of your results.
    </>
  );

  return (
    <ConsoleLayout member={member} section="settings" title="Settings">
      <Flash kind="ok" message={notice} />
      <section class="card" aria-labelledby="retention-heading">
        <h2 id="retention-heading">Shoppers' data</h2>
        {member.role === 'owner' ? (
          <form method="post" action="/console/settings" novalidate>
            <TextField
              name="retentionDays"
              label="Keep shoppers' data for (days)"
              type="number"
              min={RETENTION_DAYS.min}
              max={RETENTION_DAYS.max}
              step={1}
              value={value ?? retentionDays}
              error={error}
              hint={hint}
              required
            />
            <button class="primary" type="submit">
              Save
            </button>
          </form>
        ) : (
          <>
            <dl class="facts">
              <dt>Kept for</dt>
              <dd>{retentionDays} days after a campaign ends</dd>
            </dl>
            <p class="muted">Only an owner can change how long shoppers' data is kept.</p>
          </>
        )}
      </section>
    </ConsoleLayout>
  );
}
