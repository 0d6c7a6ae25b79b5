import { z } from 'zod';
import {
  authFailure,
  failWith,
  rejectedBy,
  retryAfterMs,
  retryLater,
  type StoreDeps,
  type StoreResponse,
  send,
  statusFailure,
  succeed,
  withQuickRetry,
} from './http';
import {
  ACTIVATE_CODE,
  CREATE_CODE,
  DEACTIVATE_CODE,
  discountInput,
  FIND_CODE,
  SHOP_NAME,
} from './shopify-queries';
import type {
  ActivatedCode,
  DiscountTerms,
  StoreAdapter,
  StoreResult,
  SwitchedCode,
} from './types';

/**
 * The Admin API version every call names: the latest stable one in Shopify's list of supported
 * versions when this was written (2026-10 was a release candidate). Shopify supports a version
 * for at least twelve months and then answers calls to it with the oldest supported version, so
 * this wants moving forward about once a year, after checking the documents in
 * shopify-queries.ts against the new schema.
 */
export const SHOPIFY_API_VERSION = '2026-07';

// The Admin API is served only on the shop's permanent myshopify.com name, never on the shop's
// own domain.
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export type ShopifyOptions = StoreDeps & {
  /** e.g. `example.myshopify.com`. */
  shopDomain: string;
  /** An Admin API access token with the `write_discounts` scope. */
  accessToken: string;
};

const UserError = z.object({
  field: z.array(z.string()).nullish(),
  code: z.string().nullish(),
  message: z.string(),
});
type UserError = z.infer<typeof UserError>;
const Payload = z.object({
  codeDiscountNode: z.object({ id: z.string() }).nullish(),
  userErrors: z.array(UserError),
});
type Payload = z.infer<typeof Payload>;
const FoundNode = z.object({
  id: z.string(),
  codeDiscount: z.object({ title: z.string().optional() }).nullish(),
});
type FoundNode = z.infer<typeof FoundNode>;

// shopify.dev "GraphQL Admin API rate limits": every answer reports the cost and the bucket.
const Cost = z.object({
  requestedQueryCost: z.number(),
  throttleStatus: z.object({ currentlyAvailable: z.number(), restoreRate: z.number() }),
});
type Cost = z.infer<typeof Cost>;
const Answer = z.object({
  data: z.record(z.string(), z.unknown()).nullish(),
  errors: z
    .array(
      z.object({
        message: z.string(),
        extensions: z.object({ code: z.string().optional() }).optional(),
      }),
    )
    .optional(),
  extensions: z.object({ cost: Cost.optional() }).optional(),
});
type GraphqlError = NonNullable<z.infer<typeof Answer>['errors']>[number];

/** A Shopify store through the Admin GraphQL API, with the merchant's access token. */
export class ShopifyStoreAdapter implements StoreAdapter {
  constructor(private readonly options: ShopifyOptions) {}

  /** Shopify has no idempotency for this mutation; a repeated create is told apart by TAKEN. */
  async activateCode(
    terms: DiscountTerms,
    _idempotencyKey?: string,
  ): Promise<StoreResult<ActivatedCode>> {
    const created = await this.mutate(CREATE_CODE, 'discountCodeBasicCreate', {
      basicCodeDiscount: discountInput(terms),
    });
    if (!created.ok) return created;

    const { codeDiscountNode, userErrors } = created.value;
    if (userErrors.some((error) => error.code === 'TAKEN')) return this.existing(terms);
    if (userErrors.length > 0 || !codeDiscountNode) return refused(userErrors);
    return succeed({ externalId: codeDiscountNode.id, alreadyExisted: false });
  }

  /** Shopify ends the discount now; it then reports the status EXPIRED. */
  deactivateCode(code: string, externalId: string | null): Promise<StoreResult<SwitchedCode>> {
    return this.switchCode(DEACTIVATE_CODE, 'discountCodeDeactivate', code, externalId);
  }

  /**
   * Known shortcoming: Shopify's activate starts the discount now with no end date, so a code
   * switched on again no longer expires when it first would have. Keeping the end date would
   * take the original terms here and a `discountCodeBasicUpdate` setting `endsAt` after this.
   */
  reactivateCode(code: string, externalId: string | null): Promise<StoreResult<SwitchedCode>> {
    return this.switchCode(ACTIVATE_CODE, 'discountCodeActivate', code, externalId);
  }

  async testConnection(): Promise<StoreResult<{ shopName: string }>> {
    const answer = await this.graphql(SHOP_NAME, {});
    if (!answer.ok) return answer;

    const shop = z.object({ shop: z.object({ name: z.string() }) }).safeParse(answer.value);
    if (!shop.success) return retryLater('Shopify answered without the shop name.');
    return succeed({ shopName: shop.data.shop.name });
  }

  /** TAKEN means an earlier try landed, unless the code belongs to another discount. */
  private async existing(terms: DiscountTerms): Promise<StoreResult<ActivatedCode>> {
    const found = await this.findCode(terms.code);
    if (!found.ok) return found;

    const node = found.value;
    // The code index can lag behind the write that made it taken; a later try will find it.
    if (!node) return retryLater(`Shopify says ${terms.code} is taken but does not find it yet.`);
    if (node.codeDiscount?.title !== terms.title) {
      return rejectedBy(
        `The code ${terms.code} already belongs to another discount in this Shopify store.`,
      );
    }
    return succeed({ externalId: node.id, alreadyExisted: true });
  }

  private async findCode(code: string): Promise<StoreResult<FoundNode | null>> {
    const answer = await this.graphql(FIND_CODE, { code });
    if (!answer.ok) return answer;

    const node = FoundNode.nullish().safeParse(answer.value.codeDiscountNodeByCode);
    if (!node.success) return retryLater('Shopify answered the code lookup in an unknown shape.');
    return succeed(node.data ?? null);
  }

  private async switchCode(
    document: string,
    field: string,
    code: string,
    externalId: string | null,
  ): Promise<StoreResult<SwitchedCode>> {
    let id = externalId;
    if (id === null) {
      const found = await this.findCode(code);
      if (!found.ok) return found;
      if (!found.value) return rejectedBy(`Shopify has no discount with the code ${code}.`);
      id = found.value.id;
    }

    const switched = await this.mutate(document, field, { id });
    if (!switched.ok) return switched;
    const { userErrors } = switched.value;
    return userErrors.length > 0 ? refused(userErrors) : succeed({ externalId: id });
  }

  private async mutate(
    document: string,
    field: string,
    variables: Record<string, unknown>,
  ): Promise<StoreResult<Payload>> {
    const answer = await this.graphql(document, variables);
    if (!answer.ok) return answer;

    const payload = Payload.safeParse(answer.value[field]);
    if (!payload.success) return retryLater(`Shopify answered ${field} in an unknown shape.`);
    return succeed(payload.data);
  }

  private graphql(
    query: string,
    variables: Record<string, unknown>,
  ): Promise<StoreResult<Record<string, unknown>>> {
    return withQuickRetry(() => this.post(query, variables), this.options);
  }

  private async post(
    query: string,
    variables: Record<string, unknown>,
  ): Promise<StoreResult<Record<string, unknown>>> {
    const { shopDomain, accessToken } = this.options;
    if (!SHOP_DOMAIN.test(shopDomain)) {
      return authFailure(`${shopDomain} is not a myshopify.com address; the API needs that one.`);
    }

    const response = await send(
      {
        method: 'POST',
        url: `https://${shopDomain}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`,
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-shopify-access-token': accessToken,
        },
        body: JSON.stringify({ query, variables }),
      },
      this.options,
    );
    if (!response.ok) return response;
    return readAnswer(response.value, (this.options.now ?? Date.now)());
  }
}

function readAnswer(response: StoreResponse, now: number): StoreResult<Record<string, unknown>> {
  const answer = Answer.safeParse(response.json);
  const cost = answer.success ? answer.data.extensions?.cost : undefined;
  if (response.status === 429) {
    const wait = retryAfterMs(response.headers, now) ?? costWaitMs(cost);
    return retryLater('Shopify is rate limiting the store’s API calls (HTTP 429).', wait);
  }
  if ([402, 404, 423].includes(response.status)) {
    return authFailure(
      `The Shopify shop is not reachable (HTTP ${response.status}): closed, frozen or locked.`,
    );
  }
  if (response.status !== 200) return failWith(statusFailure(response, 'Shopify', now));
  if (!answer.success) {
    return retryLater('Shopify answered with something other than GraphQL JSON.');
  }

  const errors = answer.data.errors ?? [];
  // Throttling is an error in the body of an HTTP 200 answer, with the bucket in `extensions`.
  if (errors.some((error) => error.extensions?.code === 'THROTTLED')) {
    return retryLater('Shopify throttled the call (query cost).', costWaitMs(cost));
  }
  if (errors.length > 0) return fromGraphqlErrors(errors);
  return answer.data.data
    ? succeed(answer.data.data)
    : retryLater('Shopify answered without data.');
}

/**
 * The wait until the bucket holds the requested cost again: the missing points over the restore
 * rate (points per second). A throttle while the bucket already holds enough comes from another
 * call of the same app taking the points first; one second restores a second's worth.
 */
function costWaitMs(cost: Cost | undefined): number | undefined {
  if (!cost || cost.throttleStatus.restoreRate <= 0) return undefined;

  const missing = cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable;
  return missing > 0 ? Math.ceil((missing / cost.throttleStatus.restoreRate) * 1000) : 1000;
}

function fromGraphqlErrors(errors: GraphqlError[]): StoreResult<never> {
  const codes = errors.map((error) => error.extensions?.code);
  const messages = errors.map((error) => error.message).join('; ');
  if (codes.includes('ACCESS_DENIED')) {
    return authFailure(
      `The Shopify app lacks a permission it needs (write_discounts): ${messages}`,
    );
  }
  if (codes.includes('INTERNAL_SERVER_ERROR')) return retryLater(`Shopify failed: ${messages}`);
  return rejectedBy(`Shopify refused the request: ${messages}`);
}

function refused(userErrors: UserError[]): StoreResult<never> {
  const messages = userErrors.map((error) => error.message).join('; ');
  return rejectedBy(`Shopify refused the discount: ${messages || 'no reason given'}`);
}
