DROP INDEX "projects_enterprise_idx";--> statement-breakpoint
DROP INDEX "projects_hrss_idx";--> statement-breakpoint
DROP INDEX "projects_authority_idx";--> statement-breakpoint
DROP INDEX "projects_created_idx";--> statement-breakpoint
CREATE INDEX "projects_enterprise_created_idx" ON "projects" USING btree ("enterprise_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "projects_hrss_created_idx" ON "projects" USING btree ("hrss_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "projects_authority_created_idx" ON "projects" USING btree ("authority_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "projects_created_at_idx" ON "projects" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "projects_hrss_scope_idx" ON "projects" USING btree ("hrss_org_id");--> statement-breakpoint
CREATE INDEX "projects_authority_scope_idx" ON "projects" USING btree ("authority_org_id");