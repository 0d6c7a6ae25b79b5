import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAtColumn, idColumn, timeColumn } from './columns';
import { stores } from './merchants';

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

/**
 * Instagram media in which a store's professional account was @mentioned, as Instagram's
 * mentions webhook reports them. Instagram's API cannot list a stranger's posts, so these ids
 * are how the monitor finds a shopper's Instagram post.
 */
export const instagramMentions = sqliteTable(
  'instagram_mentions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id, { onDelete: 'cascade' }),
    mediaId: text('media_id').notNull(),
    // Set when the mention was in a comment rather than in the caption.
    commentId: text('comment_id'),
    receivedAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex('instagram_mentions_store_media_unique').on(t.storeId, t.mediaId),
    index('instagram_mentions_store_received_idx').on(t.storeId, t.receivedAt),
  ],
);
