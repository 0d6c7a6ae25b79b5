import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAtColumn, idColumn, timeColumn } from './columns';

/**
 * Posts on the sandbox network: a tiny social network of our own that test-mode campaigns
 * offer, so the whole loop (post, find, check, hold, reward) runs with no outside account.
 */
export const sandboxPosts = sqliteTable(
  'sandbox_posts',
  {
    id: idColumn(),
    // Lower-cased sandbox username of the author.
    handle: text('handle').notNull(),
    caption: text('caption').notNull(),
    // R2 key of the posted image (a copy, so deleting a submission does not alter the post).
    imageKey: text('image_key').notNull(),
    createdAt: createdAtColumn(),
    deletedAt: timeColumn('deleted_at'),
  },
  (t) => [index('sandbox_posts_handle_idx').on(t.handle, t.createdAt)],
);
