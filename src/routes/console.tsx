import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import { inviteEmail } from '../accounts/account-emails';
import { currentMember, currentOwner } from '../accounts/console-session';
import { fieldErrors } from '../accounts/form-errors';
import { merchantOverview } from '../db/console-overview';
import { addMember, createMemberToken, listMembers, removeMember } from '../db/members';
import type { AppEnv } from '../env';
import { publicOrigin } from '../lib/origin';
import { CODE_ACTIVE_KIND } from '../notify/code-active-email';
import { findOutboxEmail, listOutbox } from '../notify/outbox';
import { OutboxEmailPage, OutboxPage } from '../views/console/OutboxPage';
import { OverviewPage } from '../views/console/OverviewPage';
import { TeamPage } from '../views/console/TeamPage';
import { queueAndSend } from './console-context';
import { readForm, textFormLimit } from './form-body';

const inviteInput = z.object({
  email: z.email({ error: 'Enter an email address like name@example.com.' }).max(320),
  name: z.string().trim().max(120, { error: 'Use at most 120 characters.' }).optional(),
  role: z.enum(['owner', 'staff'], { error: 'Choose a role.' }),
});

// Only shoppers' emails are shown: invitation and password-reset emails hold links that sign
// a person in, which no other member may read.
const VISIBLE_EMAIL_KINDS = [CODE_ACTIVE_KIND];

/** `/console`: the overview, the team, and the email outbox. */
export const consoleRoutes = new Hono<AppEnv>()
  .get('/console', async (c) => {
    const member = currentMember(c);
    const overview = await merchantOverview(c.get('db'), member.merchantId);
    return c.html(<OverviewPage member={member} overview={overview} />);
  })
  .get('/console/team', async (c) => {
    const member = currentMember(c);
    const members = await listMembers(c.get('db'), member.merchantId);
    const notice = c.req.query('invited') !== undefined ? 'Invitation sent.' : undefined;
    return c.html(<TeamPage member={member} members={members} notice={notice} />);
  })
  .post('/console/team', textFormLimit, async (c) => {
    const member = currentOwner(c);
    const db = c.get('db');
    const form = await readForm(c);
    const rerender = async (errors: Record<string, string>) => {
      const members = await listMembers(db, member.merchantId);
      return c.html(
        <TeamPage member={member} members={members} values={form} errors={errors} />,
        422,
      );
    };

    const parsed = inviteInput.safeParse({ ...form, name: form.name || undefined });
    if (!parsed.success) return rerender(fieldErrors(parsed.error));
    const added = await addMember(db, member.merchantId, {
      email: parsed.data.email,
      name: parsed.data.name ?? null,
      role: parsed.data.role,
    });
    if (!added.ok) return rerender({ email: 'This address already has a FarOut account.' });

    const { token, id } = await createMemberToken(db, added.value.id, 'invite');
    await queueAndSend(
      c,
      inviteEmail({
        to: added.value.email,
        link: `${publicOrigin(c)}/console/invite/${token}`,
        tokenId: id,
        merchantId: member.merchantId,
        merchantName: member.merchantName,
        inviter: member.name ?? member.email,
      }),
    );
    c.get('logger').info('member invited', {
      merchantId: member.merchantId,
      memberId: added.value.id,
    });
    return c.redirect('/console/team?invited', 303);
  })
  .post('/console/team/:memberId/remove', textFormLimit, async (c) => {
    const member = currentOwner(c);
    const memberId = c.req.param('memberId');
    if (memberId === member.id) {
      throw new HTTPException(409, { message: 'You cannot remove yourself. Ask another owner.' });
    }

    const removed = await removeMember(c.get('db'), member.merchantId, memberId);
    if (!removed)
      throw new HTTPException(404, { message: 'There is no such member in your team.' });
    return c.redirect('/console/team', 303);
  })
  .get('/console/outbox', async (c) => {
    const member = currentMember(c);
    const entries = await listOutbox(c.get('db'), {
      merchantId: member.merchantId,
      kinds: VISIBLE_EMAIL_KINDS,
      limit: 100,
    });
    return c.html(<OutboxPage member={member} entries={entries} provider={c.env.EMAIL_PROVIDER} />);
  })
  .get('/console/outbox/:emailId', async (c) => {
    const member = currentMember(c);
    const email = await findOutboxEmail(
      c.get('db'),
      member.merchantId,
      c.req.param('emailId'),
      VISIBLE_EMAIL_KINDS,
    );
    if (!email) throw new HTTPException(404, { message: 'There is no such email in your outbox.' });
    return c.html(<OutboxEmailPage member={member} email={email} />);
  });
