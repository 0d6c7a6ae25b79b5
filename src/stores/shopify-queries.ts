import { isoSeconds } from './http';
import { minorToDecimal } from './money';
import type { DiscountTerms } from './types';

/**
 * The Admin GraphQL documents the Shopify store adapter sends and the discount input it fills
 * in, kept apart so they can be checked offline against the introspection schema of the pinned
 * version (see shopify.ts). Each document asks only for what the adapter reads, since the
 * requested cost counts against the shop's bucket.
 */

export const CREATE_CODE = `mutation FarOutCreateCode($basicCodeDiscount: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
    codeDiscountNode { id }
    userErrors { field code message }
  }
}`;

export const FIND_CODE = `query FarOutFindCode($code: String!) {
  codeDiscountNodeByCode(code: $code) {
    id
    codeDiscount { ... on DiscountCodeBasic { title status } }
  }
}`;

export const DEACTIVATE_CODE = `mutation FarOutDeactivateCode($id: ID!) {
  discountCodeDeactivate(id: $id) {
    codeDiscountNode { id }
    userErrors { field code message }
  }
}`;

export const ACTIVATE_CODE = `mutation FarOutActivateCode($id: ID!) {
  discountCodeActivate(id: $id) {
    codeDiscountNode { id }
    userErrors { field code message }
  }
}`;

export const SHOP_NAME = `query FarOutShopName {
  shop { name }
}`;

/** Every document, by name, for the offline schema check. */
export const SHOPIFY_DOCUMENTS = {
  CREATE_CODE,
  FIND_CODE,
  DEACTIVATE_CODE,
  ACTIVATE_CODE,
  SHOP_NAME,
};

/** The `DiscountCodeBasicInput` for `terms`. */
export function discountInput(terms: DiscountTerms): Record<string, unknown> {
  const value =
    terms.type === 'percentage'
      ? { percentage: terms.value / 100 }
      : {
          discountAmount: {
            amount: minorToDecimal(terms.value, terms.currency),
            appliesOnEachItem: false,
          },
        };
  const minimum =
    terms.minOrderMinor === null
      ? {}
      : {
          minimumRequirement: {
            subtotal: {
              greaterThanOrEqualToSubtotal: minorToDecimal(terms.minOrderMinor, terms.currency),
            },
          },
        };

  return {
    title: terms.title,
    code: terms.code,
    startsAt: isoSeconds(terms.startsAt),
    endsAt: terms.endsAt && isoSeconds(terms.endsAt),
    // `customerSelection` is deprecated in 2026-07 in favour of `context` (a @oneOf input).
    context: { all: 'ALL' },
    customerGets: { value, items: { all: true } },
    appliesOncePerCustomer: terms.oncePerCustomer,
    usageLimit: terms.usageLimit,
    // A share reward replaces the store's other code discounts, yet free shipping still applies.
    combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: true },
    ...minimum,
  };
}
