ALTER TABLE `consents` ADD `opt_out_sharing` integer;--> statement-breakpoint
ALTER TABLE `consents` ADD `opt_out_targeted_ads` integer;--> statement-breakpoint
ALTER TABLE `consents` ADD `limit_sensitive_data` integer;--> statement-breakpoint
ALTER TABLE `consents` ADD `opt_out_profiling` integer;--> statement-breakpoint
ALTER TABLE `consents` ADD `sale_free` integer;--> statement-breakpoint
ALTER TABLE `consents` ADD `canonical_version` integer DEFAULT 1 NOT NULL;