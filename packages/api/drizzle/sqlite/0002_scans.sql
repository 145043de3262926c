CREATE TABLE `scans` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`status` text NOT NULL,
	`url` text NOT NULL,
	`options` text NOT NULL,
	`result` text,
	`error` text,
	`findings` integer,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "scans_status_check" CHECK(status in ('queued','running','done','failed'))
);
--> statement-breakpoint
CREATE INDEX `scans_site_created` ON `scans` (`site_id`,`created_at`);