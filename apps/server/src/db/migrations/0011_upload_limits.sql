-- The cap on an account's unattached uploads (files/service.ts) asks, at every upload, which of the
-- uploader's files nothing references: an index on the uploader and on every column that holds file ids.
CREATE INDEX IF NOT EXISTS "files_uploader_idx" ON "files" USING btree ("uploader_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "certifications_license_file_idx" ON "certifications" USING btree ("license_file_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "certifications_qualification_file_idx" ON "certifications" USING btree ("qualification_file_id") WHERE "qualification_file_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "quota_license_file_idx" ON "quota_applications" USING btree ("license_file_id") WHERE "license_file_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "quota_deferral_file_idx" ON "quota_applications" USING btree ("deferral_file_id") WHERE "deferral_file_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "quota_bid_notice_files_idx" ON "quota_applications" USING gin ("bid_notice_file_ids" jsonb_path_ops);
