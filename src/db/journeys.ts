import { and, eq, isNull, sql } from 'drizzle-orm';
import { newId } from '../lib/ids';
import { type Campaign, findPublicCampaign, type PublicCampaign } from './campaigns';
import type { Database } from './client';
import { prepared } from './prepared';
import { journeys } from './schema';

export type Journey = typeof journeys.$inferSelect;

/**
 * The journey of this order in this campaign, created on first use. Without an order reference
 * every start is a new journey: nothing ties two visits together.
 */
export async function startJourney(
  db: Database,
  campaign: Campaign,
  { orderRef, email }: { orderRef?: string | undefined; email?: string | undefined },
): Promise<Journey> {
  if (orderRef) {
    const existing = await db.query.journeys.findFirst({
      where: and(eq(journeys.campaignId, campaign.id), eq(journeys.orderRef, orderRef)),
    });
    if (existing) return existing;
  }

  const journey = {
    id: newId('jny'),
    campaignId: campaign.id,
    orderRef,
    email,
    createdAt: new Date(),
  };
  // A concurrent start for the same order loses the race quietly and reads the winner's row.
  await db.insert(journeys).values(journey).onConflictDoNothing();
  if (!orderRef) {
    return {
      ...journey,
      orderRef: null,
      email: email ?? null,
      emailConsentAt: null,
      openedAt: null,
    };
  }

  const stored = await db.query.journeys.findFirst({
    where: and(eq(journeys.campaignId, campaign.id), eq(journeys.orderRef, orderRef)),
  });
  if (!stored) throw new Error('journey vanished right after insert');
  return stored;
}

/** A journey by id (public: ids are unguessable and shown only to their shopper). */
export async function findJourneyById(
  db: Database,
  journeyId: string,
): Promise<Journey | undefined> {
  const query = prepared(db, 'journey by id', (handle) =>
    handle.query.journeys
      .findFirst({ where: eq(journeys.id, sql.placeholder('journeyId')) })
      .prepare(),
  );
  return query.execute({ journeyId });
}

/** A journey with its campaign, for the journey pages. */
export async function findJourney(
  db: Database,
  journeyId: string,
): Promise<{ journey: Journey; campaign: PublicCampaign } | undefined> {
  const journey = await findJourneyById(db, journeyId);
  if (!journey) return undefined;

  const campaign = await findPublicCampaign(db, journey.campaignId);
  return campaign && { journey, campaign };
}

/** Records the first time the shopper opened the journey (the funnel's "started"). */
export async function markJourneyOpened(db: Database, journeyId: string): Promise<void> {
  await db
    .update(journeys)
    .set({ openedAt: new Date() })
    .where(and(eq(journeys.id, journeyId), isNull(journeys.openedAt)));
}
