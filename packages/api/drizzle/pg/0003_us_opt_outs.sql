ALTER TABLE "consents" ADD COLUMN "opt_out_sharing" boolean;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "opt_out_targeted_ads" boolean;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "limit_sensitive_data" boolean;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "opt_out_profiling" boolean;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "sale_free" boolean;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "canonical_version" integer DEFAULT 1 NOT NULL;