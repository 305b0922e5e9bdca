CREATE TABLE "arrears_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"occurred_on" date NOT NULL,
	"removed_on" date,
	"source_document" text NOT NULL,
	"note" text,
	"entered_by" uuid NOT NULL,
	"entered_by_org_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_overrides" (
	"date" date PRIMARY KEY NOT NULL,
	"workday" boolean NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "enterprise_compliance" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"duties_met" boolean DEFAULT false NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quota_applications" (
	"id" bigint PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL,
	"enterprise_org_id" uuid NOT NULL,
	"hrss_org_id" uuid NOT NULL,
	"authority_org_id" uuid NOT NULL,
	"previous_id" bigint,
	"status" text NOT NULL,
	"contract_amount_fen" bigint NOT NULL,
	"prepay_mode" text NOT NULL,
	"prepay_ratio_ppm" integer NOT NULL,
	"applied_fen" bigint NOT NULL,
	"apply_type" text NOT NULL,
	"pay_method" text,
	"handler_name" text NOT NULL,
	"handler_phone" text NOT NULL,
	"description" text,
	"license_file_id" uuid,
	"bid_notice_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deferral_reason" text,
	"deferral_file_id" uuid,
	"required_ratio_ppm" integer NOT NULL,
	"required_fen" bigint NOT NULL,
	"exemption_allowed" boolean NOT NULL,
	"reasons" jsonb NOT NULL,
	"record" jsonb NOT NULL,
	"params_snapshot" jsonb NOT NULL,
	"below_requirement" boolean NOT NULL,
	"justification" text,
	"approved_fen" bigint,
	"justification_accepted" boolean,
	"review_comment" text,
	"reject_reason" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"due_on" date NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ratio_param_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"params" jsonb NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "arrears_records" ADD CONSTRAINT "arrears_records_enterprise_org_id_organizations_id_fk" FOREIGN KEY ("enterprise_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrears_records" ADD CONSTRAINT "arrears_records_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrears_records" ADD CONSTRAINT "arrears_records_entered_by_org_id_organizations_id_fk" FOREIGN KEY ("entered_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_compliance" ADD CONSTRAINT "enterprise_compliance_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_compliance" ADD CONSTRAINT "enterprise_compliance_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_applications" ADD CONSTRAINT "quota_applications_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_applications" ADD CONSTRAINT "quota_applications_enterprise_org_id_organizations_id_fk" FOREIGN KEY ("enterprise_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_applications" ADD CONSTRAINT "quota_applications_hrss_org_id_organizations_id_fk" FOREIGN KEY ("hrss_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_applications" ADD CONSTRAINT "quota_applications_authority_org_id_organizations_id_fk" FOREIGN KEY ("authority_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_applications" ADD CONSTRAINT "quota_applications_license_file_id_files_id_fk" FOREIGN KEY ("license_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_applications" ADD CONSTRAINT "quota_applications_deferral_file_id_files_id_fk" FOREIGN KEY ("deferral_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_applications" ADD CONSTRAINT "quota_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratio_param_versions" ADD CONSTRAINT "ratio_param_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "arrears_enterprise_idx" ON "arrears_records" USING btree ("enterprise_org_id","occurred_on");--> statement-breakpoint
CREATE UNIQUE INDEX "quota_live_project_uq" ON "quota_applications" USING btree ("project_id") WHERE status in ('pending','approved');--> statement-breakpoint
CREATE INDEX "quota_project_idx" ON "quota_applications" USING btree ("project_id","submitted_at");--> statement-breakpoint
CREATE INDEX "quota_enterprise_idx" ON "quota_applications" USING btree ("enterprise_org_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "quota_hrss_idx" ON "quota_applications" USING btree ("hrss_org_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "quota_hrss_status_idx" ON "quota_applications" USING btree ("hrss_org_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX "ratio_params_region_idx" ON "ratio_param_versions" USING btree ("region_code","effective_from");