import type { ConsoleMember, Member } from '../../db/members';
import { ConsoleLayout } from './ConsoleLayout';
import { FieldError, Flash, TextField } from './Form';

type TeamProps = {
  member: ConsoleMember;
  members: Member[];
  values?: Record<string, string | undefined>;
  errors?: Record<string, string | undefined>;
  notice?: string;
};

/** The merchant's members; owners invite and remove, staff see who is there. */
export function TeamPage({ member, members, values = {}, errors = {}, notice }: TeamProps) {
  const isOwner = member.role === 'owner';

  return (
    <ConsoleLayout member={member} section="team" title="Team">
      <Flash kind="ok" message={notice} />
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">Members of {member.merchantName}</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              {isOwner && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {members.map((row) => (
              <tr>
                <td>{row.email}</td>
                <td>{row.name ?? ''}</td>
                <td>{row.role}</td>
                <td>{row.passwordHash ? 'active' : 'invited'}</td>
                {isOwner && (
                  <td>
                    {row.id !== member.id && (
                      <form
                        method="post"
                        action={`/console/team/${row.id}/remove`}
                        data-confirm={`Remove ${row.email} from the team?`}
                      >
                        <button type="submit" class="link-button danger">
                          Remove <span class="visually-hidden">{row.email}</span>
                        </button>
                      </form>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {isOwner ? (
        <section class="card" aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite someone</h2>
          <form method="post" action="/console/team" novalidate>
            <TextField
              name="email"
              label="Email"
              type="email"
              value={values.email}
              error={errors.email}
              required
            />
            <TextField
              name="name"
              label="Name (optional)"
              value={values.name}
              error={errors.name}
            />
            <fieldset aria-describedby={errors.role ? 'role-error' : undefined}>
              <legend>Role</legend>
              <label class="choice">
                <input type="radio" name="role" value="staff" checked={values.role !== 'owner'} />
                <span>Staff: runs campaigns and reviews posts</span>
              </label>
              <label class="choice">
                <input type="radio" name="role" value="owner" checked={values.role === 'owner'} />
                <span>Owner: also connects stores, manages the team and shoppers' data</span>
              </label>
              <FieldError id="role-error" message={errors.role} />
            </fieldset>
            <button class="primary" type="submit">
              Send the invitation
            </button>
          </form>
        </section>
      ) : (
        <p class="muted">Only an owner can invite or remove members.</p>
      )}
    </ConsoleLayout>
  );
}
