CREATE TABLE `feedback_stats` (
	`cabinet_id` text PRIMARY KEY NOT NULL,
	`reviews` integer DEFAULT 0 NOT NULL,
	`rating_sum` integer DEFAULT 0 NOT NULL,
	`unanswered` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`cabinet_id`) REFERENCES `cabinets`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
DROP INDEX `orders_ordered_idx`;--> statement-breakpoint
DROP INDEX `orders_nm_ordered_idx`;--> statement-breakpoint
CREATE INDEX `orders_ordered_idx` ON `orders` (`cabinet_id`,`ordered_at`,`srid`,`price_with_disc_kopecks`);--> statement-breakpoint
CREATE INDEX `orders_nm_ordered_idx` ON `orders` (`cabinet_id`,`nm_id`,`ordered_at`,`srid`);--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model triggers): feedback_stats is kept by these
-- triggers in the same transaction as every write to feedbacks, then filled from the rows that
-- already exist. See feedbackStats in db/schema.ts.
CREATE TRIGGER `feedback_stats_after_insert` AFTER INSERT ON `feedbacks` BEGIN
	INSERT INTO `feedback_stats` (`cabinet_id`, `reviews`, `rating_sum`, `unanswered`)
	VALUES (NEW.`cabinet_id`, 1, NEW.`rating`, NEW.`is_answered` = 0)
	ON CONFLICT (`cabinet_id`) DO UPDATE SET
		`reviews` = `reviews` + 1,
		`rating_sum` = `rating_sum` + excluded.`rating_sum`,
		`unanswered` = `unanswered` + excluded.`unanswered`;
END;
--> statement-breakpoint
CREATE TRIGGER `feedback_stats_after_delete` AFTER DELETE ON `feedbacks` BEGIN
	UPDATE `feedback_stats` SET
		`reviews` = `reviews` - 1,
		`rating_sum` = `rating_sum` - OLD.`rating`,
		`unanswered` = `unanswered` - (OLD.`is_answered` = 0)
	WHERE `cabinet_id` = OLD.`cabinet_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `feedback_stats_after_update` AFTER UPDATE OF `cabinet_id`, `rating`, `is_answered` ON `feedbacks`
WHEN OLD.`cabinet_id` IS NOT NEW.`cabinet_id` OR OLD.`rating` IS NOT NEW.`rating` OR OLD.`is_answered` IS NOT NEW.`is_answered`
BEGIN
	UPDATE `feedback_stats` SET
		`reviews` = `reviews` - 1,
		`rating_sum` = `rating_sum` - OLD.`rating`,
		`unanswered` = `unanswered` - (OLD.`is_answered` = 0)
	WHERE `cabinet_id` = OLD.`cabinet_id`;
	INSERT INTO `feedback_stats` (`cabinet_id`, `reviews`, `rating_sum`, `unanswered`)
	VALUES (NEW.`cabinet_id`, 1, NEW.`rating`, NEW.`is_answered` = 0)
	ON CONFLICT (`cabinet_id`) DO UPDATE SET
		`reviews` = `reviews` + 1,
		`rating_sum` = `rating_sum` + excluded.`rating_sum`,
		`unanswered` = `unanswered` + excluded.`unanswered`;
END;
--> statement-breakpoint
INSERT INTO `feedback_stats` (`cabinet_id`, `reviews`, `rating_sum`, `unanswered`)
SELECT `cabinet_id`, count(*), sum(`rating`), sum(`is_answered` = 0) FROM `feedbacks` GROUP BY `cabinet_id`;
