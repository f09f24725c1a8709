CREATE TABLE `cost_prices` (
	`cabinet_id` text NOT NULL,
	`nm_id` integer NOT NULL,
	`cost_kopecks` integer NOT NULL,
	`source` text DEFAULT 'api' NOT NULL,
	`updated_by` integer,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`cabinet_id`, `nm_id`),
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
