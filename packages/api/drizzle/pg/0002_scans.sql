CREATE TABLE "scans" (
	"id" text PRIMARY KEY NOT NULL,
	"site_id" text NOT NULL,
	"status" text NOT NULL,
	"url" text NOT NULL,
	"options" jsonb NOT NULL,
	"result" text,
	"error" text,
	"findings" integer,
	"created_at" bigint NOT NULL,
	"started_at" bigint,
	"finished_at" bigint,
	CONSTRAINT "scans_status_check" CHECK (status in ('queued','running','done','failed'))
);
--> statement-breakpoint
ALTER TABLE "scans" ADD CONSTRAINT "scans_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scans_site_created" ON "scans" USING btree ("site_id","created_at");