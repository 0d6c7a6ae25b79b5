import type { ConsoleMember } from '../../../db/members';

type ShopperDataActionsProps = {
  member: ConsoleMember;
  submissionId: string;
  // The console page to come back to after erasing; the submission's page by default.
  back?: string;
};

/**
 * The owner's data-rights buttons for a submission's shopper: download their data, erase it.
 * For the submission's page; renders nothing for staff, who may do neither.
 */
export function ShopperDataActions({ member, submissionId, back }: ShopperDataActionsProps) {
  if (member.role !== 'owner') return null;

  return (
    <section class="card" aria-labelledby="shopper-data-heading">
      <h2 id="shopper-data-heading">The shopper's data</h2>
      <p>
        <a href={`/console/submissions/${submissionId}/export`} download>
          Download everything held about this shopper (JSON)
        </a>
      </p>
      <form
        method="post"
        action={`/console/submissions/${submissionId}/erase`}
        data-confirm={
          "Erase this shopper's email, usernames, comments, post links and photos? " +
          'This cannot be undone.'
        }
      >
        {back && <input type="hidden" name="back" value={back} />}
        <p class="hint">
          Erasing keeps the counts and order figures of your results, and stops any check still
          running on the post.
        </p>
        <button type="submit" class="link-button danger">
          Erase this shopper's data
        </button>
      </form>
    </section>
  );
}
