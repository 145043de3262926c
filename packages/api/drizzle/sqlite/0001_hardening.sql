CREATE TABLE `chain_purges` (
	`site_id` text NOT NULL,
	`number` integer NOT NULL,
	`purged_at` integer NOT NULL,
	`count` integer NOT NULL,
	`up_to_hash` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	`key_id` text NOT NULL,
	`signature` text NOT NULL,
	PRIMARY KEY(`site_id`, `number`)
);
--> statement-breakpoint
CREATE TABLE `checkpoints` (
	`site_id` text NOT NULL,
	`tree_size` integer NOT NULL,
	`head_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`key_id` text NOT NULL,
	`signature` text NOT NULL,
	PRIMARY KEY(`site_id`, `tree_size`)
);
--> statement-breakpoint
ALTER TABLE `consents` ADD `external_user_verified` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `consents` ADD `server_jurisdiction` text;--> statement-breakpoint
ALTER TABLE `sites` ADD `identity_secret` text;