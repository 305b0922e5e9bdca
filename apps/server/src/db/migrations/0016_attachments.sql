-- ADR 019: one attachments table instead of file-id columns on each workflow table. Every existing
-- link moves over (a jsonb entry that names no file is not a link and is dropped), then the old
-- columns and their indexes (migration 0011) go. The DTOs keep their shapes (licenseFile, bidNoticeFiles, …).
CREATE TABLE IF NOT EXISTS "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_id" uuid NOT NULL,
	"owner_type" text NOT NULL,
	"owner_id" text NOT NULL,
	"kind" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "attachments_owner_type_ck" CHECK (owner_type in ('quota_application', 'certification'))
);--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "attachments_owner_kind_file_uq" ON "attachments" USING btree ("owner_type","owner_id","kind","file_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "attachments_file_idx" ON "attachments" USING btree ("file_id");--> statement-breakpoint
INSERT INTO "attachments" ("file_id", "owner_type", "owner_id", "kind", "position", "created_at")
SELECT q.license_file_id, 'quota_application', q.id::text, 'license', 0, q.submitted_at FROM quota_applications q WHERE q.license_file_id IS NOT NULL
UNION ALL
SELECT f.id, 'quota_application', q.id::text, 'bid_notice', (e.n - 1)::int, q.submitted_at
  FROM quota_applications q
  CROSS JOIN LATERAL jsonb_array_elements_text(q.bid_notice_file_ids) WITH ORDINALITY AS e(file_id, n)
  JOIN files f ON f.id::text = lower(e.file_id)
UNION ALL
SELECT q.deferral_file_id, 'quota_application', q.id::text, 'deferral', 0, q.submitted_at FROM quota_applications q WHERE q.deferral_file_id IS NOT NULL
UNION ALL
SELECT c.license_file_id, 'certification', c.id::text, 'license', 0, c.submitted_at FROM certifications c WHERE c.license_file_id IS NOT NULL
UNION ALL
SELECT c.qualification_file_id, 'certification', c.id::text, 'qualification', 0, c.submitted_at FROM certifications c WHERE c.qualification_file_id IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
DROP INDEX IF EXISTS "quota_license_file_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "quota_deferral_file_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "quota_bid_notice_files_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "certifications_license_file_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "certifications_qualification_file_idx";--> statement-breakpoint
ALTER TABLE "quota_applications" DROP COLUMN IF EXISTS "license_file_id";--> statement-breakpoint
ALTER TABLE "quota_applications" DROP COLUMN IF EXISTS "bid_notice_file_ids";--> statement-breakpoint
ALTER TABLE "quota_applications" DROP COLUMN IF EXISTS "deferral_file_id";--> statement-breakpoint
ALTER TABLE "certifications" DROP COLUMN IF EXISTS "license_file_id";--> statement-breakpoint
ALTER TABLE "certifications" DROP COLUMN IF EXISTS "qualification_file_id";
