import type { CAMPAIGN_STATUSES } from '../db/schema';
import { fail, ok, type Result } from '../lib/result';

export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

// Ended is final: its codes and results stay, and shoppers are told the offer is over.
const MOVES: Record<CampaignStatus, CampaignStatus[]> = {
  draft: ['active'],
  active: ['paused', 'ended'],
  paused: ['active', 'ended'],
  ended: [],
};

/** What the button that moves a campaign from its status to `to` says. */
export function moveLabel(from: CampaignStatus, to: CampaignStatus): string {
  if (to === 'active') return from === 'draft' ? 'Go live' : 'Resume';
  return to === 'paused' ? 'Pause' : 'End';
}

/** The statuses a campaign may move to next, in the order their buttons appear. */
export function nextStatuses(from: CampaignStatus): CampaignStatus[] {
  return MOVES[from];
}

type MovingCampaign = { status: CampaignStatus; defaultPhotoKey: string | null };

/**
 * Whether a campaign may move to `to`. Going live needs a default photo, because a shopper
 * may keep the store's photo instead of uploading one, and the post cannot be made without it.
 */
export function checkStatusMove(
  campaign: MovingCampaign,
  to: CampaignStatus,
): Result<CampaignStatus, 'not_allowed' | 'photo_required'> {
  const from = campaign.status;
  if (from === to) return fail('not_allowed', `This campaign is already ${to}.`);
  if (from === 'ended') {
    return fail('not_allowed', 'This campaign has ended, which is final. Create a new campaign.');
  }
  if (!MOVES[from].includes(to)) {
    const reason =
      from === 'draft'
        ? 'A draft campaign has not gone live yet: it can only go live.'
        : `A ${from} campaign cannot become ${to}.`;
    return fail('not_allowed', reason);
  }
  if (to === 'active' && !campaign.defaultPhotoKey) {
    return fail(
      'photo_required',
      'Add a default photo before going live: shoppers who bring no photo of their own get it.',
    );
  }
  return ok(to);
}
