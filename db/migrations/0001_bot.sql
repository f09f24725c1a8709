CREATE TABLE `bot_callback_stash` (
	`token` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bot_callback_stash_created_idx` ON `bot_callback_stash` (`created_at`);--> statement-breakpoint
CREATE TABLE `bot_updates` (
	`bot` text NOT NULL,
	`update_id` integer NOT NULL,
	`received_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`bot`, `update_id`)
);
--> statement-breakpoint
CREATE INDEX `bot_updates_received_idx` ON `bot_updates` (`received_at`);--> statement-breakpoint
CREATE TABLE `bot_user_state` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`active_cabinet_id` text,
	`pending_kind` text,
	`pending_payload` text,
	`pending_at` integer,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`active_cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE set null
);
