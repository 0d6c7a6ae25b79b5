import { z } from 'zod';

/**
 * What a store's embed passes along (order reference, shopper email), in the widget's address
 * and in its "Let's start" form. Anything malformed is dropped rather than refused: a mistake in
 * a store's template must not blank out the widget or the journey.
 */
export const embedParams = z.object({
  order: z.string().trim().min(1).max(64).optional().catch(undefined),
  email: z.email().max(254).optional().catch(undefined),
});
