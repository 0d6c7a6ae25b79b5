import { and, desc, eq, sql } from 'drizzle-orm';
import type { CampaignFields, StoreChoice } from '../domain/campaign-form';
import type { CampaignStatus } from '../domain/campaign-status';
import { newId } from '../lib/ids';
import { fail, ok, type Result } from '../lib/result';
import type { Campaign } from './campaigns';
import type { Database } from './client';
import { campaigns, stores } from './schema';

/** A merchant's campaign with what the console shows of its store. */
export type ConsoleCampaign = Campaign & {
  storeName: string;
  storeCurrency: string;
  storePlatform: (typeof stores.$inferSelect)['platform'];
};

const withStore = {
  campaign: campaigns,
  storeName: stores.name,
  storeCurrency: stores.currency,
  storePlatform: stores.platform,
};

type Row = { campaign: Campaign } & Omit<ConsoleCampaign, keyof Campaign>;

const flatten = ({ campaign, ...store }: Row): ConsoleCampaign => ({ ...campaign, ...store });

/** The merchant's stores a campaign may run in, by name. */
export async function listStoreChoices(db: Database, merchantId: string): Promise<StoreChoice[]> {
  return db
    .select({ id: stores.id, name: stores.name, currency: stores.currency })
    .from(stores)
    .where(eq(stores.merchantId, merchantId))
    .orderBy(stores.name);
}

/** The merchant's campaigns, newest first, with their stores. */
export async function listMerchantCampaigns(
  db: Database,
  merchantId: string,
): Promise<ConsoleCampaign[]> {
  const rows = await db
    .select(withStore)
    .from(campaigns)
    .innerJoin(stores, eq(stores.id, campaigns.storeId))
    .where(eq(campaigns.merchantId, merchantId))
    .orderBy(desc(campaigns.createdAt));
  return rows.map(flatten);
}

/** One of the merchant's campaigns, or undefined when the id is not theirs. */
export async function findMerchantCampaign(
  db: Database,
  merchantId: string,
  campaignId: string,
): Promise<ConsoleCampaign | undefined> {
  const rows = await db
    .select(withStore)
    .from(campaigns)
    .innerJoin(stores, eq(stores.id, campaigns.storeId))
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.merchantId, merchantId)))
    .limit(1);
  return rows[0] && flatten(rows[0]);
}

async function ownsStore(db: Database, merchantId: string, storeId: string): Promise<boolean> {
  const rows = await db
    .select({ id: stores.id })
    .from(stores)
    .where(and(eq(stores.id, storeId), eq(stores.merchantId, merchantId)))
    .limit(1);
  return rows.length > 0;
}

const NOT_YOUR_STORE = 'Choose one of your stores.';

/** A new draft campaign of the merchant, in one of the merchant's stores. */
export async function createCampaign(
  db: Database,
  merchantId: string,
  fields: CampaignFields & { defaultPhotoKey: string | null },
): Promise<Result<string, 'not_your_store'>> {
  if (!(await ownsStore(db, merchantId, fields.storeId))) {
    return fail('not_your_store', NOT_YOUR_STORE);
  }

  const id = newId('cmp');
  await db.insert(campaigns).values({ ...fields, id, merchantId, status: 'draft' });
  return ok(id);
}

/** Saves the form's fields on one of the merchant's campaigns; not_found when it is not theirs. */
export async function updateCampaign(
  db: Database,
  merchantId: string,
  campaignId: string,
  fields: CampaignFields & { defaultPhotoKey: string | null },
): Promise<Result<string, 'not_your_store' | 'not_found'>> {
  if (!(await ownsStore(db, merchantId, fields.storeId))) {
    return fail('not_your_store', NOT_YOUR_STORE);
  }

  const updated = await db
    .update(campaigns)
    .set({ ...fields, updatedAt: new Date() })
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.merchantId, merchantId)))
    .returning({ id: campaigns.id });
  return updated.length > 0 ? ok(campaignId) : fail('not_found', 'There is no such campaign.');
}

/**
 * Moves one of the merchant's campaigns from `from` to `to`, only if it is still in `from`, so
 * two people pressing buttons at once cannot make a move the rules forbid. Going live for the
 * first time records the start; ending records the end.
 */
export async function moveCampaignStatus(
  db: Database,
  merchantId: string,
  campaignId: string,
  from: CampaignStatus,
  to: CampaignStatus,
  now = new Date(),
): Promise<boolean> {
  const moved = await db
    .update(campaigns)
    .set({
      status: to,
      updatedAt: now,
      ...(to === 'active'
        ? { startsAt: sql`coalesce(${campaigns.startsAt}, ${now.getTime()})` }
        : {}),
      ...(to === 'ended' ? { endsAt: now } : {}),
    })
    .where(
      and(
        eq(campaigns.id, campaignId),
        eq(campaigns.merchantId, merchantId),
        eq(campaigns.status, from),
      ),
    )
    .returning({ id: campaigns.id });
  return moved.length > 0;
}

/** Whether any of the merchant's campaigns still shows this default photo. */
export async function isDefaultPhotoInUse(
  db: Database,
  merchantId: string,
  key: string,
): Promise<boolean> {
  const rows = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.merchantId, merchantId), eq(campaigns.defaultPhotoKey, key)))
    .limit(1);
  return rows.length > 0;
}
