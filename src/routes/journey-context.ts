import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { PublicCampaign } from '../db/campaigns';
import { findJourney, type Journey } from '../db/journeys';
import { findJourneySubmission, type Submission } from '../db/submissions';
import type { AppEnv } from '../env';

export type JourneyContext = {
  journey: Journey;
  campaign: PublicCampaign;
  submission: Submission | undefined;
};

/** The journey of the `:journeyId` path parameter, its campaign and its submission, or 404. */
export async function loadJourney(c: Context<AppEnv>): Promise<JourneyContext> {
  const db = c.get('db');
  const found = await findJourney(db, c.req.param('journeyId') ?? '');
  if (!found) {
    throw new HTTPException(404, {
      message: 'This link does not lead to a post in progress. Start again from the store.',
    });
  }

  const submission = await findJourneySubmission(db, found.journey.id);
  return { ...found, submission };
}

/**
 * Sends the browser to the next page after a successful form post: a 303 for a plain form,
 * an `HX-Redirect` for htmx, which would otherwise swap the next page into the current one.
 */
export function redirectAfterPost(c: Context<AppEnv>, location: string): Response {
  if (c.req.header('HX-Request') === 'true') {
    c.header('HX-Redirect', location);
    return c.body(null, 204);
  }
  return c.redirect(location, 303);
}
