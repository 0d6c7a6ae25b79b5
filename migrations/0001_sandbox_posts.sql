CREATE TABLE `sandbox_posts` (
	`id` text PRIMARY KEY NOT NULL,
	`handle` text NOT NULL,
	`caption` text NOT NULL,
	`image_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `sandbox_posts_handle_idx` ON `sandbox_posts` (`handle`,`created_at`);