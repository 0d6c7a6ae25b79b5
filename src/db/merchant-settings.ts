import { eq } from 'drizzle-orm';
import type { Database } from './client';
import { merchants } from './schema';

/** How many days the merchant keeps a shopper's data after a campaign ends. */
export async function findRetentionDays(db: Database, merchantId: string): Promise<number> {
  const [row] = await db
    .select({ retentionDays: merchants.retentionDays })
    .from(merchants)
    .where(eq(merchants.id, merchantId));
  if (!row) throw new Error(`merchant ${merchantId} of a signed-in member is missing`);
  return row.retentionDays;
}

/** Sets how many days the merchant keeps a shopper's data after a campaign ends. */
export async function updateRetentionDays(
  db: Database,
  merchantId: string,
  retentionDays: number,
): Promise<void> {
  await db.update(merchants).set({ retentionDays }).where(eq(merchants.id, merchantId));
}
