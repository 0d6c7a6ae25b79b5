import { succeed } from './http';
import type {
  ActivatedCode,
  DiscountTerms,
  StoreAdapter,
  StoreResult,
  SwitchedCode,
} from './types';

/**
 * Sandbox stores and campaigns in test mode: there is no store to call, the code is live once
 * our own database says so, so every call succeeds at once. The code is its own external id.
 */
export class SandboxStoreAdapter implements StoreAdapter {
  constructor(private readonly shopName: string) {}

  async activateCode(
    terms: DiscountTerms,
    _idempotencyKey?: string,
  ): Promise<StoreResult<ActivatedCode>> {
    return succeed({ externalId: terms.code, alreadyExisted: false });
  }

  async deactivateCode(
    code: string,
    externalId: string | null,
  ): Promise<StoreResult<SwitchedCode>> {
    return succeed({ externalId: externalId ?? code });
  }

  async reactivateCode(
    code: string,
    externalId: string | null,
  ): Promise<StoreResult<SwitchedCode>> {
    return succeed({ externalId: externalId ?? code });
  }

  async testConnection(): Promise<StoreResult<{ shopName: string }>> {
    return succeed({ shopName: this.shopName });
  }
}
