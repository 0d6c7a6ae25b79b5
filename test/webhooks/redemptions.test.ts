import { describe, expect, it } from 'vitest';
import { promoCodes } from '../../src/db/schema';
import { newId } from '../../src/lib/ids';
import { normaliseCodes, recordRedemptions } from '../../src/webhooks/redemptions';
import { db } from '../helpers/seed';
import { redemptionsOf, storeWithCode } from './seed-store';

describe('normaliseCodes', () => {
  it('trims, upper-cases and drops repeats and blanks', () => {
    expect(normaliseCodes([' share-ab12 ', 'SHARE-AB12', '', 'other'])).toEqual([
      'SHARE-AB12',
      'OTHER',
    ]);
  });
});

describe('recordRedemptions', () => {
  it("counts each of this store's codes in an order once, not other stores' codes", async () => {
    const { store, promoCode } = await storeWithCode('shopify', 'SHARE-FIRST234');
    const secondCode = { ...promoCode, id: newId('pc'), code: 'SHARE-SECOND23' };
    await db().insert(promoCodes).values(secondCode);
    const elsewhere = await storeWithCode('shopify', 'SHARE-ELSEWHR2');
    const order = {
      orderId: '9001',
      codes: ['share-first234', 'SHARE-FIRST234', secondCode.code, elsewhere.promoCode.code],
      amountMinor: 500,
      currency: 'USD',
      orderedAt: null,
    };

    const first = await recordRedemptions(db(), store.id, order);
    const again = await recordRedemptions(db(), store.id, order);

    expect([first, again]).toEqual([2, 0]);
    const rows = await redemptionsOf(store.id);
    expect(rows.map((row) => row.promoCodeId).sort()).toEqual([promoCode.id, secondCode.id].sort());
    expect(await redemptionsOf(elsewhere.store.id)).toHaveLength(0);
  });
});
