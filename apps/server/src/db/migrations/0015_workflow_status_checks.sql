-- ADR 017: status columns hold only the codes of the shared workflow definitions
-- (packages/shared/src/workflow/*.ts); workflow-status-checks.test.ts asserts these lists equal them.
ALTER TABLE "projects" ADD CONSTRAINT "projects_deposit_status_ck" CHECK ("deposit_status" in ('none', 'quota_review', 'to_pay', 'exempted', 'deferred', 'paying', 'paid', 'filing', 'filed', 'cancelling', 'cancelled'));--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_status_ck" CHECK ("status" in ('not_started', 'in_progress', 'completed'));--> statement-breakpoint
ALTER TABLE "quota_applications" ADD CONSTRAINT "quota_applications_status_ck" CHECK ("status" in ('pending', 'approved', 'rejected', 'withdrawn'));--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_status_ck" CHECK ("status" in ('pending', 'approved', 'rejected'));
