import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { webhookReceipts } from '../db/schema';

/** Which delivery this is: `source` names the sender and store, `externalId` the delivery. */
export type ReceiptKey = { source: string; externalId: string; topic: string | null };

/** Whether this delivery was handled before. */
export async function hasReceipt(db: Database, key: ReceiptKey): Promise<boolean> {
  const found = await db
    .select({ id: webhookReceipts.id })
    .from(webhookReceipts)
    .where(
      and(eq(webhookReceipts.source, key.source), eq(webhookReceipts.externalId, key.externalId)),
    )
    .limit(1);
  return found.length > 0;
}

/**
 * Notes a delivery as handled. Written after its work, so a delivery that failed half-way is
 * handled again on the sender's retry; the work itself is idempotent, which also makes two
 * copies arriving at the same moment harmless.
 */
export async function saveReceipt(db: Database, key: ReceiptKey): Promise<void> {
  await db
    .insert(webhookReceipts)
    .values({ source: key.source, externalId: key.externalId, topic: key.topic })
    .onConflictDoNothing();
}
