CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`token_prefix` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`last_used_at` integer,
	`expires_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_uq` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `cabinet_members` (
	`cabinet_id` text NOT NULL,
	`user_id` integer NOT NULL,
	`role` text NOT NULL,
	`added_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`cabinet_id`, `user_id`),
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `cabinet_members_user_idx` ON `cabinet_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `cabinets` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`seller_id` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`wb_api_base` text,
	`token_ciphertext` text NOT NULL,
	`token_iv` text NOT NULL,
	`token_type` text NOT NULL,
	`token_categories` text DEFAULT '[]' NOT NULL,
	`token_read_only` integer DEFAULT false NOT NULL,
	`token_expires_at` integer,
	`token_id` text,
	`client_secret_ciphertext` text,
	`client_secret_iv` text,
	`status` text DEFAULT 'active' NOT NULL,
	`status_reason` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cabinets_seller_id_idx` ON `cabinets` (`seller_id`);--> statement-breakpoint
CREATE TABLE `daily_rollups` (
	`cabinet_id` text NOT NULL,
	`day` text NOT NULL,
	`nm_id` integer NOT NULL,
	`orders_count` integer DEFAULT 0 NOT NULL,
	`orders_sum_kopecks` integer DEFAULT 0 NOT NULL,
	`cancels_count` integer DEFAULT 0 NOT NULL,
	`sales_count` integer DEFAULT 0 NOT NULL,
	`sales_sum_kopecks` integer DEFAULT 0 NOT NULL,
	`returns_count` integer DEFAULT 0 NOT NULL,
	`returns_sum_kopecks` integer DEFAULT 0 NOT NULL,
	`for_pay_kopecks` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`cabinet_id`, `day`, `nm_id`),
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `feedbacks` (
	`cabinet_id` text NOT NULL,
	`id` text NOT NULL,
	`nm_id` integer NOT NULL,
	`imt_id` integer,
	`product_name` text,
	`supplier_article` text,
	`size` text,
	`rating` integer NOT NULL,
	`text` text,
	`pros` text,
	`cons` text,
	`user_name` text,
	`created_at` integer NOT NULL,
	`state` text,
	`answer_text` text,
	`answer_state` text,
	`answered_at` integer,
	`answer_source` text,
	`is_answered` integer DEFAULT false NOT NULL,
	`order_status` text,
	`photo_count` integer DEFAULT 0 NOT NULL,
	`has_video` integer DEFAULT false NOT NULL,
	`was_viewed` integer DEFAULT false NOT NULL,
	`synced_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`cabinet_id`, `id`),
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `feedbacks_answered_created_idx` ON `feedbacks` (`cabinet_id`,`is_answered`,`created_at`);--> statement-breakpoint
CREATE INDEX `feedbacks_rating_created_idx` ON `feedbacks` (`cabinet_id`,`rating`,`created_at`);--> statement-breakpoint
CREATE INDEX `feedbacks_nm_created_idx` ON `feedbacks` (`cabinet_id`,`nm_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `finance_report_rows` (
	`cabinet_id` text NOT NULL,
	`rrd_id` integer NOT NULL,
	`report_id` text NOT NULL,
	`report_type` integer,
	`date_from` text,
	`date_to` text,
	`create_date` text,
	`currency` text,
	`rr_date` text NOT NULL,
	`order_at` integer,
	`sale_at` integer,
	`gi_id` integer,
	`nm_id` integer NOT NULL,
	`subject_name` text,
	`brand_name` text,
	`vendor_code` text,
	`title` text,
	`tech_size` text,
	`sku` text,
	`doc_type_name` text,
	`seller_oper_name` text,
	`bonus_type_name` text,
	`office_name` text,
	`country` text,
	`srid` text,
	`order_id` integer,
	`is_b2b` integer DEFAULT false NOT NULL,
	`quantity` integer DEFAULT 0 NOT NULL,
	`delivery_amount` integer DEFAULT 0 NOT NULL,
	`return_amount` integer DEFAULT 0 NOT NULL,
	`commission_percent` real,
	`retail_price_kopecks` integer DEFAULT 0 NOT NULL,
	`retail_price_with_disc_kopecks` integer DEFAULT 0 NOT NULL,
	`retail_amount_kopecks` integer DEFAULT 0 NOT NULL,
	`for_pay_kopecks` integer DEFAULT 0 NOT NULL,
	`vw_kopecks` integer DEFAULT 0 NOT NULL,
	`vw_nds_kopecks` integer DEFAULT 0 NOT NULL,
	`ppvz_sales_commission_kopecks` integer DEFAULT 0 NOT NULL,
	`ppvz_reward_kopecks` integer DEFAULT 0 NOT NULL,
	`acquiring_fee_kopecks` integer DEFAULT 0 NOT NULL,
	`delivery_service_kopecks` integer DEFAULT 0 NOT NULL,
	`rebill_logistic_cost_kopecks` integer DEFAULT 0 NOT NULL,
	`paid_storage_kopecks` integer DEFAULT 0 NOT NULL,
	`paid_acceptance_kopecks` integer DEFAULT 0 NOT NULL,
	`penalty_kopecks` integer DEFAULT 0 NOT NULL,
	`deduction_kopecks` integer DEFAULT 0 NOT NULL,
	`additional_payment_kopecks` integer DEFAULT 0 NOT NULL,
	`cashback_amount_kopecks` integer DEFAULT 0 NOT NULL,
	`cashback_discount_kopecks` integer DEFAULT 0 NOT NULL,
	`cashback_commission_change_kopecks` integer DEFAULT 0 NOT NULL,
	`installment_cofinancing_amount_kopecks` integer DEFAULT 0 NOT NULL,
	`synced_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`cabinet_id`, `rrd_id`),
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `finance_rows_nm_date_idx` ON `finance_report_rows` (`cabinet_id`,`nm_id`,`rr_date`);--> statement-breakpoint
CREATE INDEX `finance_rows_date_idx` ON `finance_report_rows` (`cabinet_id`,`rr_date`);--> statement-breakpoint
CREATE TABLE `invites` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`cabinet_id` text NOT NULL,
	`role` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`expires_at` integer NOT NULL,
	`used_by` integer,
	`used_at` integer,
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`used_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `invites_cabinet_idx` ON `invites` (`cabinet_id`);--> statement-breakpoint
CREATE TABLE `login_links` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `login_links_user_idx` ON `login_links` (`user_id`);--> statement-breakpoint
CREATE TABLE `notification_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`cabinet_id` text,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`not_before_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notification_outbox_dedupe_uq` ON `notification_outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notification_outbox_status_idx` ON `notification_outbox` (`status`,`not_before_at`);--> statement-breakpoint
CREATE INDEX `notification_outbox_cabinet_idx` ON `notification_outbox` (`cabinet_id`);--> statement-breakpoint
CREATE INDEX `notification_outbox_user_idx` ON `notification_outbox` (`user_id`);--> statement-breakpoint
CREATE TABLE `notification_settings` (
	`user_id` integer NOT NULL,
	`cabinet_id` text NOT NULL,
	`enabled_kinds` text DEFAULT '{}' NOT NULL,
	`stock_threshold_days` integer DEFAULT 7 NOT NULL,
	`quiet_hours_start_min` integer,
	`quiet_hours_end_min` integer,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`user_id`, `cabinet_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notification_settings_cabinet_idx` ON `notification_settings` (`cabinet_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`cabinet_id` text NOT NULL,
	`srid` text NOT NULL,
	`g_number` text,
	`ordered_at` integer NOT NULL,
	`last_change_at` integer NOT NULL,
	`nm_id` integer NOT NULL,
	`barcode` text,
	`supplier_article` text,
	`tech_size` text,
	`brand` text,
	`subject` text,
	`category` text,
	`warehouse_name` text,
	`warehouse_type` text,
	`country` text,
	`okrug` text,
	`region` text,
	`total_price_kopecks` integer NOT NULL,
	`discount_percent` integer DEFAULT 0 NOT NULL,
	`spp` real DEFAULT 0 NOT NULL,
	`finished_price_kopecks` integer NOT NULL,
	`price_with_disc_kopecks` integer NOT NULL,
	`is_cancel` integer DEFAULT false NOT NULL,
	`cancelled_at` integer,
	`income_id` integer,
	`is_supply` integer DEFAULT false NOT NULL,
	`is_realization` integer DEFAULT false NOT NULL,
	`sticker` text,
	PRIMARY KEY(`cabinet_id`, `srid`),
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `orders_ordered_idx` ON `orders` (`cabinet_id`,`ordered_at`);--> statement-breakpoint
CREATE INDEX `orders_nm_ordered_idx` ON `orders` (`cabinet_id`,`nm_id`,`ordered_at`);--> statement-breakpoint
CREATE INDEX `orders_last_change_idx` ON `orders` (`cabinet_id`,`last_change_at`);--> statement-breakpoint
CREATE TABLE `prices` (
	`cabinet_id` text NOT NULL,
	`nm_id` integer NOT NULL,
	`chrt_id` integer NOT NULL,
	`tech_size` text,
	`price_kopecks` integer NOT NULL,
	`discounted_price_kopecks` integer NOT NULL,
	`club_discounted_price_kopecks` integer,
	`discount_percent` integer DEFAULT 0 NOT NULL,
	`club_discount_percent` integer DEFAULT 0 NOT NULL,
	`synced_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`cabinet_id`, `nm_id`, `chrt_id`),
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `product_sizes` (
	`cabinet_id` text NOT NULL,
	`chrt_id` integer NOT NULL,
	`nm_id` integer NOT NULL,
	`tech_size` text,
	`wb_size` text,
	`skus` text DEFAULT '[]' NOT NULL,
	PRIMARY KEY(`cabinet_id`, `chrt_id`),
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `product_sizes_nm_idx` ON `product_sizes` (`cabinet_id`,`nm_id`);--> statement-breakpoint
CREATE TABLE `products` (
	`cabinet_id` text NOT NULL,
	`nm_id` integer NOT NULL,
	`imt_id` integer,
	`vendor_code` text,
	`brand` text,
	`subject_id` integer,
	`subject_name` text,
	`title` text,
	`description` text,
	`characteristics` text,
	`photo_url` text,
	`updated_at_wb` integer,
	`synced_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`cabinet_id`, `nm_id`),
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `products_vendor_code_idx` ON `products` (`cabinet_id`,`vendor_code`);--> statement-breakpoint
CREATE TABLE `questions` (
	`cabinet_id` text NOT NULL,
	`id` text NOT NULL,
	`nm_id` integer NOT NULL,
	`imt_id` integer,
	`product_name` text,
	`supplier_article` text,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	`state` text,
	`answer_text` text,
	`answered_at` integer,
	`answer_source` text,
	`is_answered` integer DEFAULT false NOT NULL,
	`was_viewed` integer DEFAULT false NOT NULL,
	`synced_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`cabinet_id`, `id`),
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `questions_answered_created_idx` ON `questions` (`cabinet_id`,`is_answered`,`created_at`);--> statement-breakpoint
CREATE TABLE `sales` (
	`cabinet_id` text NOT NULL,
	`sale_id` text NOT NULL,
	`srid` text NOT NULL,
	`g_number` text,
	`sold_at` integer NOT NULL,
	`last_change_at` integer NOT NULL,
	`nm_id` integer NOT NULL,
	`barcode` text,
	`supplier_article` text,
	`tech_size` text,
	`brand` text,
	`subject` text,
	`category` text,
	`warehouse_name` text,
	`warehouse_type` text,
	`country` text,
	`okrug` text,
	`region` text,
	`income_id` integer,
	`is_supply` integer DEFAULT false NOT NULL,
	`is_realization` integer DEFAULT false NOT NULL,
	`sticker` text,
	`is_return` integer DEFAULT false NOT NULL,
	`total_price_kopecks` integer NOT NULL,
	`discount_percent` integer DEFAULT 0 NOT NULL,
	`spp` real DEFAULT 0 NOT NULL,
	`for_pay_kopecks` integer NOT NULL,
	`finished_price_kopecks` integer NOT NULL,
	`price_with_disc_kopecks` integer NOT NULL,
	`payment_sale_amount_kopecks` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`cabinet_id`, `sale_id`),
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sales_sold_idx` ON `sales` (`cabinet_id`,`sold_at`);--> statement-breakpoint
CREATE INDEX `sales_nm_sold_idx` ON `sales` (`cabinet_id`,`nm_id`,`sold_at`);--> statement-breakpoint
CREATE INDEX `sales_srid_idx` ON `sales` (`cabinet_id`,`srid`);--> statement-breakpoint
CREATE TABLE `stock_history_daily` (
	`cabinet_id` text NOT NULL,
	`day` text NOT NULL,
	`chrt_id` integer NOT NULL,
	`nm_id` integer NOT NULL,
	`quantity` integer DEFAULT 0 NOT NULL,
	`in_way_to_client` integer DEFAULT 0 NOT NULL,
	`in_way_from_client` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`cabinet_id`, `day`, `chrt_id`),
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `stock_history_nm_day_idx` ON `stock_history_daily` (`cabinet_id`,`nm_id`,`day`);--> statement-breakpoint
CREATE TABLE `stock_snapshots` (
	`cabinet_id` text NOT NULL,
	`chrt_id` integer NOT NULL,
	`warehouse_name` text NOT NULL,
	`nm_id` integer NOT NULL,
	`quantity` integer DEFAULT 0 NOT NULL,
	`in_way_to_client` integer DEFAULT 0 NOT NULL,
	`in_way_from_client` integer DEFAULT 0 NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`cabinet_id`, `chrt_id`, `warehouse_name`),
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `stock_snapshots_nm_idx` ON `stock_snapshots` (`cabinet_id`,`nm_id`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`cabinet_id` text NOT NULL,
	`dataset` text NOT NULL,
	`cursor` text,
	`last_success_at` integer,
	`last_attempt_at` integer,
	`next_due_at` integer,
	`rows_total` integer DEFAULT 0 NOT NULL,
	`last_run_rows` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`last_error_at` integer,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`backfill_from` integer,
	`backfill_done` integer DEFAULT false NOT NULL,
	`backfill_progress` real DEFAULT 0 NOT NULL,
	`in_flight_since` integer,
	PRIMARY KEY(`cabinet_id`, `dataset`),
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sync_state_due_idx` ON `sync_state` (`next_due_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY NOT NULL,
	`username` text,
	`first_name` text DEFAULT '' NOT NULL,
	`language` text,
	`time_zone` text DEFAULT 'Europe/Moscow' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`notifications_paused` integer DEFAULT false NOT NULL,
	`notifications_paused_reason` text,
	`notifications_paused_at` integer
);
--> statement-breakpoint
CREATE TABLE `wb_sandbox_answers` (
	`kind` text NOT NULL,
	`id` text NOT NULL,
	`text` text NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `id`)
);
--> statement-breakpoint
CREATE TABLE `wb_sandbox_revoked_tokens` (
	`token_id` text PRIMARY KEY NOT NULL,
	`revoked_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `web_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `web_sessions_user_idx` ON `web_sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `web_sessions_expires_idx` ON `web_sessions` (`expires_at`);