import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { campaigns, journeys, SOCIAL_PLATFORMS } from './campaigns';
import { createdAtColumn, idColumn, oneOf, timeColumn } from './columns';

/** Every state a submission can be in; the allowed moves live in `domain/submission-state`. */
export const SUBMISSION_STATES = [
  'draft',
  'generated',
  'awaiting_post',
  'found',
  'holding',
  'verified',
  'activated',
  'activation_failed',
  'expired',
  'removed',
  'rejected',
  'manual_review',
  'approved',
] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

export const EVENT_ACTORS = ['shopper', 'monitor', 'merchant', 'system'] as const;

/** A shopper's post: what they entered, what we rendered, and what the checks found. */
export const submissions = sqliteTable(
  'submissions',
  {
    id: idColumn(),
    journeyId: text('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    // Copied from the journey so console lists filter by campaign without a join.
    campaignId: text('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    platform: text('platform', { enum: SOCIAL_PLATFORMS }).notNull(),
    handle: text('handle').notNull(),
    // R2 keys. A null photo means the campaign's default photo.
    photoKey: text('photo_key'),
    postImageKey: text('post_image_key'),
    rating: integer('rating'),
    comment: text('comment'),
    caption: text('caption'),
    state: text('state', { enum: SUBMISSION_STATES }).notNull().default('draft'),
    postUrl: text('post_url'),
    // R2 key of a screenshot of the post, for platforms checked by a person (manual review).
    screenshotKey: text('screenshot_key'),
    postId: text('post_id'),
    // Publication time as the platform reports it; the hold is counted from here.
    postedAt: timeColumn('posted_at'),
    firstSeenAt: timeColumn('first_seen_at'),
    lastSeenAt: timeColumn('last_seen_at'),
    imageScore: real('image_score'),
    captionScore: real('caption_score'),
    languagePassed: integer('language_passed', { mode: 'boolean' }),
    // When the shopper pressed "Go to <platform>"; monitoring starts here.
    leftForPlatformAt: timeColumn('left_for_platform_at'),
    // The monitor's next planned check; the cron re-arms monitors whose time has passed.
    nextCheckAt: timeColumn('next_check_at'),
    deadlineAt: timeColumn('deadline_at'),
    decidedAt: timeColumn('decided_at'),
    // The reason shown to the shopper when a submission is rejected, expired or removed.
    outcomeReason: text('outcome_reason'),
    createdAt: createdAtColumn(),
    updatedAt: timeColumn('updated_at'),
  },
  (t) => [
    index('submissions_campaign_state_idx').on(t.campaignId, t.state, t.createdAt),
    index('submissions_journey_idx').on(t.journeyId),
    index('submissions_next_check_idx').on(t.nextCheckAt),
    // One post earns one code, whoever submits it.
    uniqueIndex('submissions_platform_post_unique').on(t.platform, t.postId),
    check('submissions_state_check', oneOf(t.state, SUBMISSION_STATES)),
    check('submissions_platform_check', oneOf(t.platform, SOCIAL_PLATFORMS)),
    check('submissions_rating_check', sql`${t.rating} between 1 and 5`),
  ],
);

/** Append-only history of a submission: every transition and every check result. */
export const submissionEvents = sqliteTable(
  'submission_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: text('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    at: createdAtColumn(),
    actor: text('actor', { enum: EVENT_ACTORS }).notNull(),
    // `transition`, or the name of a check: `image`, `caption`, `language`, `duration`, ...
    kind: text('kind').notNull(),
    fromState: text('from_state', { enum: SUBMISSION_STATES }),
    toState: text('to_state', { enum: SUBMISSION_STATES }),
    reason: text('reason'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
  },
  (t) => [
    index('submission_events_submission_idx').on(t.submissionId, t.id),
    check('submission_events_actor_check', oneOf(t.actor, EVENT_ACTORS)),
  ],
);
