CREATE TABLE `instagram_mentions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`store_id` text NOT NULL,
	`media_id` text NOT NULL,
	`comment_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `instagram_mentions_store_media_unique` ON `instagram_mentions` (`store_id`,`media_id`);--> statement-breakpoint
CREATE INDEX `instagram_mentions_store_received_idx` ON `instagram_mentions` (`store_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `journeys` ADD `email_consent_at` integer;--> statement-breakpoint
ALTER TABLE `submissions` ADD `screenshot_key` text;