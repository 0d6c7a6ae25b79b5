import { z } from 'zod';
import type { ReviewCursor, ReviewFilters } from '../db/console-review';
import { SOCIAL_PLATFORMS, SUBMISSION_STATES } from '../db/schema';
import { MAX_BULK } from './bulk';

// `<created at, epoch ms>.<submission id>`: opaque to the merchant, stable for a bookmark.
const CURSOR = /^(\d{1,15})\.([\w-]{1,64})$/;
const STALE_PAGE = 'This page link is out of date. Start again from the first page.';

/** The cursor of a page as it goes in a link. */
export const encodeCursor = (cursor: ReviewCursor) => `${cursor.at}.${cursor.id}`;

const cursor = z
  .string()
  .regex(CURSOR, { error: STALE_PAGE })
  .transform((value): ReviewCursor => {
    const [, at = '0', id = ''] = value.match(CURSOR) ?? [];
    return { at: Number(at), id };
  });

// A select left on "All" sends an empty value.
const blankIsAll = (value: unknown) => (value === '' ? undefined : value);

/** The query of `/console/review`: `?campaign=&state=&platform=&after=`. */
export const listQuery = z.object({
  campaign: z.preprocess(
    blankIsAll,
    z.string().max(64, { error: 'Choose a campaign from the list.' }).optional(),
  ),
  state: z.preprocess(
    blankIsAll,
    z.enum(SUBMISSION_STATES, { error: 'Choose a state from the list.' }).optional(),
  ),
  platform: z.preprocess(
    blankIsAll,
    z.enum(SOCIAL_PLATFORMS, { error: 'Choose a platform from the list.' }).optional(),
  ),
  after: z.preprocess(blankIsAll, cursor.optional()),
});

/** The query of `/console/review/queue`: its page, and the report of a bulk decision. */
export const queueQuery = z.object({
  after: z.preprocess(blankIsAll, cursor.optional()),
  decided: z.enum(['approved', 'rejected']).optional(),
  moved: z.coerce.number().int().min(0).max(MAX_BULK).optional(),
  unknown: z.coerce.number().int().min(0).max(MAX_BULK).optional(),
  unmoved: z
    .string()
    .max(MAX_BULK * 65)
    .transform((value) => value.split(',').filter((id) => /^[\w-]{1,64}$/.test(id)))
    .optional(),
});

/** A bulk decision from the queue's form. */
export const bulkInput = z.object({
  ids: z
    .array(z.string().max(64, { error: 'Select submissions from the list on this page.' }), {
      error: 'Select at least one submission.',
    })
    .min(1, { error: 'Select at least one submission.' })
    .max(MAX_BULK, { error: `Select at most ${MAX_BULK} submissions at a time.` }),
  action: z.enum(['approve', 'reject'], { error: 'Choose Approve or Reject.' }),
  // The reason itself is checked (5 to 300 characters) by the decision; this only bounds it.
  reason: z
    .string()
    .max(2000, { error: 'Keep the reason under 300 characters: the shopper reads it.' })
    .optional(),
});

/** The address of a page of the review list with these filters. */
export function listHref(filters: ReviewFilters, after?: ReviewCursor): string {
  const query = new URLSearchParams();
  if (filters.campaignId) query.set('campaign', filters.campaignId);
  if (filters.state) query.set('state', filters.state);
  if (filters.platform) query.set('platform', filters.platform);
  if (after) query.set('after', encodeCursor(after));
  const search = query.toString();
  return search ? `/console/review?${search}` : '/console/review';
}
