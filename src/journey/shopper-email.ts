import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { journeys } from '../db/schema';
import type { Submission } from '../db/submissions';
import { isPending } from '../domain/status';
import { fail, ok, type Result } from '../lib/result';

const emailInput = z.object({
  email: z.email().max(254),
  consent: z.literal('yes'),
});

/** Whether the status page may ask for an address: something is still to come, and none known. */
export function mayAskForEmail(submission: Submission, knownEmail: string | null): boolean {
  return knownEmail === null && isPending(submission.state);
}

/**
 * Keeps the address a shopper gave on their status page, with the time they agreed to be
 * emailed about their code. The code-active email is queued when the code goes live (see
 * src/rewards/code-active-message.ts), so an address given before then is all it takes.
 */
export async function saveShopperEmail(
  db: Database,
  submission: Submission,
  form: { email?: string; consent?: string },
): Promise<Result<void, 'invalid_email' | 'no_consent'>> {
  const parsed = emailInput.safeParse({ email: form.email?.trim(), consent: form.consent });
  if (!parsed.success) {
    const badEmail = parsed.error.issues.some((issue) => issue.path[0] === 'email');
    return badEmail
      ? fail('invalid_email', 'Enter an email address like name@example.com.')
      : fail('no_consent', 'Tick the box to agree to one email about your code.');
  }

  await db
    .update(journeys)
    .set({ email: parsed.data.email, emailConsentAt: new Date() })
    .where(eq(journeys.id, submission.journeyId));
  return ok(undefined);
}
