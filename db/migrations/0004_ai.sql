CREATE TABLE `ai_card_texts` (
	`cabinet_id` text NOT NULL,
	`nm_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`cabinet_id`, `nm_id`),
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `ai_chunks` (
	`id` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`cabinet_id` text,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`nm_id` integer,
	`text` text NOT NULL,
	`content_hash` text NOT NULL,
	`embedding` blob,
	`embedding_model` text,
	`indexed_at` integer,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ai_chunks_scope_key_idx` ON `ai_chunks` (`scope`,`key`);--> statement-breakpoint
CREATE INDEX `ai_chunks_scope_indexed_idx` ON `ai_chunks` (`scope`,`indexed_at`);--> statement-breakpoint
CREATE TABLE `ai_reply_drafts` (
	`cabinet_id` text NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`text` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`sent_at` integer,
	`error` text,
	PRIMARY KEY(`cabinet_id`, `target_kind`, `target_id`),
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `ai_reply_drafts_status_idx` ON `ai_reply_drafts` (`cabinet_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `ai_reply_settings` (
	`cabinet_id` text PRIMARY KEY NOT NULL,
	`tone` text DEFAULT 'friendly' NOT NULL,
	`signature` text,
	`auto_send_positive` integer DEFAULT false NOT NULL,
	`auto_send_since` integer,
	`updated_by` integer,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
