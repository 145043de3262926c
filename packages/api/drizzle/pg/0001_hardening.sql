CREATE TABLE "chain_purges" (
	"site_id" text NOT NULL,
	"number" integer NOT NULL,
	"purged_at" bigint NOT NULL,
	"count" bigint NOT NULL,
	"up_to_hash" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL,
	CONSTRAINT "chain_purges_site_id_number_pk" PRIMARY KEY("site_id","number")
);
--> statement-breakpoint
CREATE TABLE "checkpoints" (
	"site_id" text NOT NULL,
	"tree_size" bigint NOT NULL,
	"head_hash" text NOT NULL,
	"created_at" bigint NOT NULL,
	"key_id" text NOT NULL,
	"signature" text NOT NULL,
	CONSTRAINT "checkpoints_site_id_tree_size_pk" PRIMARY KEY("site_id","tree_size")
);
--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "external_user_verified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "server_jurisdiction" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "identity_secret" text;