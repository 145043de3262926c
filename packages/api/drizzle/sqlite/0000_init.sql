CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`secret_hash` text NOT NULL,
	`label` text NOT NULL,
	`site_ids` text,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_secret_hash` ON `api_keys` (`secret_hash`);--> statement-breakpoint
CREATE TABLE `config_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` text NOT NULL,
	`version` integer NOT NULL,
	`config` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `config_versions_site_version` ON `config_versions` (`site_id`,`version`);--> statement-breakpoint
CREATE TABLE `consents` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`site_id` text NOT NULL,
	`visitor_id` text,
	`external_user_id` text,
	`idempotency_key` text,
	`method` text NOT NULL,
	`functional` integer NOT NULL,
	`analytics` integer NOT NULL,
	`advertising` integer NOT NULL,
	`services` text NOT NULL,
	`do_not_sell` integer NOT NULL,
	`gpc` integer NOT NULL,
	`sec_gpc` integer NOT NULL,
	`policy_revision` integer NOT NULL,
	`config_version_id` text NOT NULL,
	`config_hash` text NOT NULL,
	`locale` text NOT NULL,
	`jurisdiction` text NOT NULL,
	`banner_version` text NOT NULL,
	`page_url` text,
	`decided_at` integer NOT NULL,
	`gpp_string` text,
	`ip` text,
	`user_agent` text,
	`salt` text,
	`personal_digest` text NOT NULL,
	`received_at` integer NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	`erased_at` integer,
	CONSTRAINT "consents_method_check" CHECK(method in ('accept_all','reject_all','custom','gpc','dns_link','withdraw','api'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consents_id` ON `consents` (`id`);--> statement-breakpoint
CREATE INDEX `consents_site_seq` ON `consents` (`site_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `consents_site_idempotency` ON `consents` (`site_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `consents_visitor` ON `consents` (`visitor_id`);--> statement-breakpoint
CREATE INDEX `consents_site_external_user` ON `consents` (`site_id`,`external_user_id`) WHERE external_user_id is not null;--> statement-breakpoint
CREATE TABLE `signing_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`private_key` text NOT NULL,
	`public_key` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sites` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`allowed_origins` text NOT NULL,
	`retention_days` integer,
	`published_version_id` text,
	`head_hash` text,
	`anchor_hash` text,
	`last_received_at` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
