-- The open API for banks and insurers (SPEC §13, docs/decisions/021): API clients with their SM2
-- public keys, the nonces they used (a replay is refused by any process, after a restart too), the
-- events feed of each organisation; files an API client sent inside JSON; the client as an audit actor.
CREATE TABLE IF NOT EXISTS "api_clients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" text NOT NULL,
	"org_id" uuid NOT NULL,
	"public_key" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"disabled_at" timestamp with time zone,
	"disabled_by" uuid,
	CONSTRAINT "api_clients_public_key_ck" CHECK (public_key ~ '^04[0-9a-f]{128}$'),
	CONSTRAINT "api_clients_disabled_ck" CHECK (enabled = (disabled_at IS NULL))
);--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_clients" ADD CONSTRAINT "api_clients_disabled_by_users_id_fk" FOREIGN KEY ("disabled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "api_clients_app_id_uq" ON "api_clients" USING btree ("app_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "api_clients_org_idx" ON "api_clients" USING btree ("org_id");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "open_nonces" (
	"client_id" uuid NOT NULL,
	"nonce" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "open_nonces_pk" PRIMARY KEY("client_id","nonce")
);--> statement-breakpoint
ALTER TABLE "open_nonces" ADD CONSTRAINT "open_nonces_client_id_api_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."api_clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "open_nonces_seen_idx" ON "open_nonces" USING btree ("seen_at");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "open_events" (
	"cursor" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY NOT NULL,
	"org_id" uuid NOT NULL,
	"type" text NOT NULL,
	"object_no" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);--> statement-breakpoint
ALTER TABLE "open_events" ADD CONSTRAINT "open_events_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "open_events_org_cursor_idx" ON "open_events" USING btree ("org_id","cursor");--> statement-breakpoint
ALTER TABLE "files" ALTER COLUMN "uploader_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN IF NOT EXISTS "uploader_client_id" uuid;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_uploader_client_id_api_clients_id_fk" FOREIGN KEY ("uploader_client_id") REFERENCES "public"."api_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_uploader_ck" CHECK ((uploader_id IS NULL) <> (uploader_client_id IS NULL));--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "files_uploader_client_idx" ON "files" USING btree ("uploader_client_id");--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN IF NOT EXISTS "actor_client" text;
