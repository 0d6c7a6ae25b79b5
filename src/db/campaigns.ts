import { eq, sql } from 'drizzle-orm';
import type { Database } from './client';
import { prepared } from './prepared';
import { campaigns, stores } from './schema';

export type Campaign = typeof campaigns.$inferSelect;
export type PublicCampaign = Campaign & {
  storeName: string;
  storeDomain: string;
  storePlatform: (typeof stores.$inferSelect)['platform'];
};

/** A campaign with its store's name, for the pages a shopper sees (no merchant scope). */
export async function findPublicCampaign(
  db: Database,
  campaignId: string,
): Promise<PublicCampaign | undefined> {
  const query = prepared(db, 'public campaign by id', (handle) =>
    handle
      .select({
        campaign: campaigns,
        storeName: stores.name,
        storeDomain: stores.domain,
        storePlatform: stores.platform,
      })
      .from(campaigns)
      .innerJoin(stores, eq(stores.id, campaigns.storeId))
      .where(eq(campaigns.id, sql.placeholder('campaignId')))
      .limit(1)
      .prepare(),
  );
  const rows = await query.all({ campaignId });

  const row = rows[0];
  if (!row) return undefined;
  const { campaign, ...store } = row;
  return { ...campaign, ...store };
}
