import type { PublicCampaign } from '../db/campaigns';
import type { DiscountTerms } from '../stores';

const DAY = 86_400_000;

/** The discount a promo code gives in the store, from the campaign's terms. */
export function discountTerms(
  campaign: PublicCampaign,
  code: string,
  currency: string,
  now: number,
): DiscountTerms {
  return {
    code,
    type: campaign.discountType,
    value: campaign.discountValue,
    currency,
    usageLimit: campaign.codeUsageLimit,
    // Friends may use the code too, each once.
    oncePerCustomer: true,
    startsAt: new Date(now),
    endsAt: campaign.codeValidDays ? new Date(now + campaign.codeValidDays * DAY) : null,
    minOrderMinor: campaign.minOrderMinor,
    title: `${campaign.name}: ${code}`,
  };
}
