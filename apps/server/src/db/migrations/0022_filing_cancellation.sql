-- The platform's document numbers (docs/decisions/028, platform/documents/numbering.ts): one counter per
-- kind and Beijing year, incremented in the transaction of the decision that issues the document.
CREATE TABLE IF NOT EXISTS "document_counters" (
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "document_counters_pk" PRIMARY KEY("kind","year"),
	CONSTRAINT "document_counters_seq_ck" CHECK ("document_counters"."last_seq" >= 1),
	CONSTRAINT "document_counters_year_ck" CHECK ("document_counters"."year" between 2000 and 2999)
);
--> statement-breakpoint
-- 备案 / 注销 / 返还 (SPEC §7–8, issue 13, docs/decisions/029–031)
CREATE TABLE IF NOT EXISTS "filings" (
	"id" bigint PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL REFERENCES "projects"("id"),
	"enterprise_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"hrss_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"authority_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"previous_id" bigint,
	"status" text NOT NULL,
	"deposit_from" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"due_on" date NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid REFERENCES "users"("id"),
	"reject_reason" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "filings_status_ck" CHECK ("filings"."status" in ('pending', 'approved', 'rejected')),
	CONSTRAINT "filings_deposit_from_ck" CHECK ("filings"."deposit_from" in ('paid', 'deferred'))
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "filings_live_project_uq" ON "filings" USING btree ("project_id") WHERE status in ('pending','approved');--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "filings_project_idx" ON "filings" USING btree ("project_id","submitted_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "filings_enterprise_idx" ON "filings" USING btree ("enterprise_org_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "filings_hrss_idx" ON "filings" USING btree ("hrss_org_id","status","submitted_at","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "filings_authority_idx" ON "filings" USING btree ("authority_org_id","submitted_at","id");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "cancellations" (
	"id" bigint PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL REFERENCES "projects"("id"),
	"enterprise_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"hrss_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"authority_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"previous_id" bigint,
	"status" text NOT NULL,
	"actual_start" date NOT NULL,
	"actual_completion" date NOT NULL,
	"publicity_start" date NOT NULL,
	"handler_name" text NOT NULL,
	"handler_phone" text NOT NULL,
	"note" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"due_on" date NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid REFERENCES "users"("id"),
	"reject_reason" text,
	"document_no" text,
	"instruments" text,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cancellations_status_ck" CHECK ("cancellations"."status" in ('pending', 'approved', 'rejected')),
	CONSTRAINT "cancellations_document_ck" CHECK (("cancellations"."status" = 'approved') = ("cancellations"."document_no" is not null))
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "cancellations_live_project_uq" ON "cancellations" USING btree ("project_id") WHERE status in ('pending','approved');--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "cancellations_document_no_uq" ON "cancellations" USING btree ("document_no");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cancellations_project_idx" ON "cancellations" USING btree ("project_id","submitted_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cancellations_enterprise_idx" ON "cancellations" USING btree ("enterprise_org_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cancellations_hrss_idx" ON "cancellations" USING btree ("hrss_org_id","status","submitted_at","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cancellations_authority_idx" ON "cancellations" USING btree ("authority_org_id","submitted_at","id");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "return_confirmations" (
	"id" bigint PRIMARY KEY NOT NULL,
	"cancellation_id" bigint NOT NULL REFERENCES "cancellations"("id"),
	"project_id" bigint NOT NULL REFERENCES "projects"("id"),
	"enterprise_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"hrss_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"bank_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"kind" text NOT NULL,
	"instruments" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"due_on" date NOT NULL,
	"returned_on" date,
	"principal_fen" bigint,
	"interest_fen" bigint,
	"original_returned" boolean,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "return_confirmations_status_ck" CHECK ("return_confirmations"."status" in ('pending', 'returned')),
	CONSTRAINT "return_confirmations_kind_ck" CHECK ("return_confirmations"."kind" in ('cash', 'guarantee')),
	CONSTRAINT "return_confirmations_amount_ck" CHECK ("return_confirmations"."amount_fen" >= 0 and coalesce("return_confirmations"."principal_fen", 0) >= 0 and coalesce("return_confirmations"."interest_fen", 0) >= 0)
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "return_confirmations_uq" ON "return_confirmations" USING btree ("cancellation_id","bank_org_id","kind");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "return_confirmations_bank_idx" ON "return_confirmations" USING btree ("bank_org_id","status","issued_at","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "return_confirmations_enterprise_idx" ON "return_confirmations" USING btree ("enterprise_org_id","issued_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "return_confirmations_hrss_idx" ON "return_confirmations" USING btree ("hrss_org_id","issued_at");--> statement-breakpoint
-- 清查 (SPEC §8): completed projects whose deposit is still live
CREATE INDEX IF NOT EXISTS "projects_completion_idx" ON "projects" USING btree ("hrss_org_id","actual_completion") WHERE actual_completion IS NOT NULL;--> statement-breakpoint
-- attachments.owner_type gains 'cancellation' (read back as migration 0020 does, never restated)
DO $$
DECLARE codes text[];
BEGIN
  SELECT coalesce(array_agg(DISTINCT m[1]), '{}') INTO codes
    FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([a-z_]+)''', 'g') AS m
   WHERE c.conname = 'attachments_owner_type_ck' AND c.conrelid = 'attachments'::regclass;
  codes := array(SELECT DISTINCT x FROM unnest(codes || ARRAY['cancellation']) AS x ORDER BY x);
  ALTER TABLE attachments DROP CONSTRAINT IF EXISTS attachments_owner_type_ck;
  EXECUTE format('ALTER TABLE attachments ADD CONSTRAINT attachments_owner_type_ck CHECK (owner_type IN (%s))',
    (SELECT string_agg(quote_literal(x), ', ') FROM unnest(codes) AS x));
END $$;
