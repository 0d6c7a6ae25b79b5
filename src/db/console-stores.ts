import { and, asc, eq, isNull } from 'drizzle-orm';
import type { SealedCredentials } from '../lib/credentials';
import { fail, ok, type Result } from '../lib/result';
import type { Database } from './client';
import { stores } from './schema';

export type Store = typeof stores.$inferSelect;

/** What the merchant sees and edits of a store, besides its credentials. */
export type StoreDetails = Pick<Store, 'name' | 'domain' | 'currency'>;

export type StoreSaveFailure = 'domain_taken' | 'changed';

// D1 reports the index's columns, not its name: "UNIQUE constraint failed: stores.merchant_id,
// stores.domain".
const isDomainTaken = (error: unknown) =>
  String((error as { cause?: unknown })?.cause ?? error).includes('stores.domain');

const domainTaken = (domain: string) =>
  fail('domain_taken', `You have already connected a store at ${domain}.`);

/** The merchant's stores, oldest first. */
export function listStores(db: Database, merchantId: string): Promise<Store[]> {
  return db
    .select()
    .from(stores)
    .where(eq(stores.merchantId, merchantId))
    .orderBy(asc(stores.createdAt), asc(stores.id));
}

/** One of the merchant's stores; another merchant's id finds nothing, like an unknown one. */
export function findStore(
  db: Database,
  merchantId: string,
  storeId: string,
): Promise<Store | undefined> {
  return db.query.stores.findFirst({
    where: and(eq(stores.id, storeId), eq(stores.merchantId, merchantId)),
  });
}

type NewStore = StoreDetails & {
  // Made by the caller: the credentials are sealed for this id before the row exists.
  id: string;
  platform: Store['platform'];
  sealed: SealedCredentials;
};

/** Adds a store with its sealed credentials; refused when the merchant has the domain already. */
export async function createStore(
  db: Database,
  merchantId: string,
  input: NewStore,
): Promise<Result<Store, 'domain_taken'>> {
  const { sealed, ...store } = input;
  const row = {
    ...store,
    merchantId,
    credentialsCiphertext: sealed.ciphertext,
    credentialsKeyId: sealed.keyId,
    createdAt: new Date(),
  };

  try {
    await db.insert(stores).values(row);
  } catch (error) {
    if (isDomainTaken(error)) return domainTaken(input.domain);
    throw error;
  }
  return ok(row);
}

/**
 * Saves a store's details and newly sealed credentials, provided its ciphertext is still the
 * one the caller opened (`openedCiphertext`): two owners saving at once must not have one's
 * change merged into a copy that the other has replaced meanwhile.
 */
export async function updateStore(
  db: Database,
  merchantId: string,
  storeId: string,
  openedCiphertext: string | null,
  changes: Partial<StoreDetails> & { sealed: SealedCredentials },
): Promise<Result<Store, StoreSaveFailure>> {
  const { sealed, ...details } = changes;
  const unchanged =
    openedCiphertext === null
      ? isNull(stores.credentialsCiphertext)
      : eq(stores.credentialsCiphertext, openedCiphertext);

  let saved: Store[];
  try {
    saved = await db
      .update(stores)
      .set({ ...details, credentialsCiphertext: sealed.ciphertext, credentialsKeyId: sealed.keyId })
      .where(and(eq(stores.id, storeId), eq(stores.merchantId, merchantId), unchanged))
      .returning();
  } catch (error) {
    if (isDomainTaken(error)) return domainTaken(details.domain ?? '');
    throw error;
  }

  const [store] = saved;
  if (!store) {
    return fail(
      'changed',
      'Someone changed this store’s credentials while you were typing. ' +
        'Look at them, then try again.',
    );
  }
  return ok(store);
}
