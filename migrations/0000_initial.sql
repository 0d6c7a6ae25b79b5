CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`store_id` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`discount_type` text NOT NULL,
	`discount_value` integer NOT NULL,
	`min_order_minor` integer,
	`code_prefix` text DEFAULT 'SHARE' NOT NULL,
	`code_usage_limit` integer,
	`code_valid_days` integer,
	`hashtags` text DEFAULT '[]' NOT NULL,
	`pages` text DEFAULT '{}' NOT NULL,
	`platforms` text NOT NULL,
	`default_photo_key` text,
	`colors` text DEFAULT '{"background":"#1f1235","accent":"#ff8e3c","text":"#ffffff"}' NOT NULL,
	`offer_text` text NOT NULL,
	`ad_disclosure` text DEFAULT '#ad' NOT NULL,
	`blocked_words` text DEFAULT '[]' NOT NULL,
	`hold_hours` integer DEFAULT 24 NOT NULL,
	`search_hours` integer DEFAULT 72 NOT NULL,
	`frame_origins` text DEFAULT '[]' NOT NULL,
	`test_mode` integer DEFAULT true NOT NULL,
	`starts_at` integer,
	`ends_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "campaigns_status_check" CHECK("campaigns"."status" in ('draft', 'active', 'paused', 'ended')),
	CONSTRAINT "campaigns_discount_type_check" CHECK("campaigns"."discount_type" in ('percentage', 'fixed_amount'))
);
--> statement-breakpoint
CREATE INDEX `campaigns_merchant_idx` ON `campaigns` (`merchant_id`,`status`);--> statement-breakpoint
CREATE INDEX `campaigns_store_idx` ON `campaigns` (`store_id`);--> statement-breakpoint
CREATE TABLE `journeys` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`order_ref` text,
	`email` text,
	`created_at` integer NOT NULL,
	`opened_at` integer,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `journeys_campaign_order_unique` ON `journeys` (`campaign_id`,`order_ref`);--> statement-breakpoint
CREATE INDEX `journeys_campaign_created_idx` ON `journeys` (`campaign_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`email` text NOT NULL,
	`name` text,
	`role` text DEFAULT 'staff' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "members_role_check" CHECK("members"."role" in ('owner', 'staff'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_merchant_email_unique` ON `members` (`merchant_id`,`email`);--> statement-breakpoint
CREATE INDEX `members_email_idx` ON `members` (`email`);--> statement-breakpoint
CREATE TABLE `merchants` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`retention_days` integer DEFAULT 180 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stores` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text NOT NULL,
	`platform` text NOT NULL,
	`name` text NOT NULL,
	`domain` text NOT NULL,
	`credentials_ciphertext` text,
	`credentials_key_id` text,
	`currency` text DEFAULT 'USD' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "stores_platform_check" CHECK("stores"."platform" in ('shopify', 'woocommerce', 'webhook', 'sandbox'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stores_merchant_domain_unique` ON `stores` (`merchant_id`,`domain`);--> statement-breakpoint
CREATE TABLE `email_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`merchant_id` text,
	`submission_id` text,
	`dedupe_key` text NOT NULL,
	`kind` text NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_error` text,
	`provider_message_id` text,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`merchant_id`) REFERENCES `merchants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "email_outbox_status_check" CHECK("email_outbox"."status" in ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_outbox_dedupe_unique` ON `email_outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `email_outbox_due_idx` ON `email_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `promo_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`submission_id` text,
	`code` text NOT NULL,
	`status` text DEFAULT 'reserved' NOT NULL,
	`external_id` text,
	`activated_at` integer,
	`expires_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "promo_codes_status_check" CHECK("promo_codes"."status" in ('reserved', 'active', 'disabled', 'expired'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `promo_codes_store_code_unique` ON `promo_codes` (`store_id`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `promo_codes_submission_unique` ON `promo_codes` (`submission_id`);--> statement-breakpoint
CREATE INDEX `promo_codes_campaign_idx` ON `promo_codes` (`campaign_id`,`status`);--> statement-breakpoint
CREATE TABLE `redemptions` (
	`id` text PRIMARY KEY NOT NULL,
	`promo_code_id` text NOT NULL,
	`store_id` text NOT NULL,
	`order_id` text NOT NULL,
	`amount_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`ordered_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`promo_code_id`) REFERENCES `promo_codes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `redemptions_store_order_code_unique` ON `redemptions` (`store_id`,`order_id`,`promo_code_id`);--> statement-breakpoint
CREATE INDEX `redemptions_code_idx` ON `redemptions` (`promo_code_id`);--> statement-breakpoint
CREATE TABLE `webhook_receipts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`external_id` text NOT NULL,
	`topic` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_receipts_source_id_unique` ON `webhook_receipts` (`source`,`external_id`);--> statement-breakpoint
CREATE TABLE `submission_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`actor` text NOT NULL,
	`kind` text NOT NULL,
	`from_state` text,
	`to_state` text,
	`reason` text,
	`data` text,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "submission_events_actor_check" CHECK("submission_events"."actor" in ('shopper', 'monitor', 'merchant', 'system'))
);
--> statement-breakpoint
CREATE INDEX `submission_events_submission_idx` ON `submission_events` (`submission_id`,`id`);--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`journey_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`platform` text NOT NULL,
	`handle` text NOT NULL,
	`photo_key` text,
	`post_image_key` text,
	`rating` integer,
	`comment` text,
	`caption` text,
	`state` text DEFAULT 'draft' NOT NULL,
	`post_url` text,
	`post_id` text,
	`posted_at` integer,
	`first_seen_at` integer,
	`last_seen_at` integer,
	`image_score` real,
	`caption_score` real,
	`language_passed` integer,
	`left_for_platform_at` integer,
	`next_check_at` integer,
	`deadline_at` integer,
	`decided_at` integer,
	`outcome_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`journey_id`) REFERENCES `journeys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "submissions_state_check" CHECK("submissions"."state" in ('draft', 'generated', 'awaiting_post', 'found', 'holding', 'verified', 'activated', 'activation_failed', 'expired', 'removed', 'rejected', 'manual_review', 'approved')),
	CONSTRAINT "submissions_platform_check" CHECK("submissions"."platform" in ('instagram', 'bluesky', 'mastodon', 'x', 'tiktok', 'facebook', 'sandbox')),
	CONSTRAINT "submissions_rating_check" CHECK("submissions"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE INDEX `submissions_campaign_state_idx` ON `submissions` (`campaign_id`,`state`,`created_at`);--> statement-breakpoint
CREATE INDEX `submissions_journey_idx` ON `submissions` (`journey_id`);--> statement-breakpoint
CREATE INDEX `submissions_next_check_idx` ON `submissions` (`next_check_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `submissions_platform_post_unique` ON `submissions` (`platform`,`post_id`);