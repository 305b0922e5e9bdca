CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "dict_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dict_type" text NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" bigint PRIMARY KEY NOT NULL,
	"enterprise_org_id" uuid NOT NULL,
	"industry_type" text NOT NULL,
	"region_code" text NOT NULL,
	"authority_org_id" uuid NOT NULL,
	"hrss_org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"location" text NOT NULL,
	"project_region_code" text NOT NULL,
	"project_type" text NOT NULL,
	"contract_amount_fen" bigint NOT NULL,
	"planned_start" date NOT NULL,
	"planned_end" date NOT NULL,
	"contractor_name" text NOT NULL,
	"contractor_credit_code" text NOT NULL,
	"builder_name" text NOT NULL,
	"builder_credit_code" text NOT NULL,
	"contract_signed_on" date NOT NULL,
	"wage_day" integer NOT NULL,
	"manager_name" text NOT NULL,
	"manager_phone" text NOT NULL,
	"labor_officer_name" text NOT NULL,
	"labor_officer_phone" text NOT NULL,
	"category" text NOT NULL,
	"permit_date" date,
	"actual_start" date,
	"expected_completion" date,
	"actual_completion" date,
	"status" text DEFAULT 'not_started' NOT NULL,
	"deposit_status" text DEFAULT 'none' NOT NULL,
	"needs_replenish" boolean DEFAULT false NOT NULL,
	"base_locked" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"parent_code" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"industry_type" text,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "industry_type" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_enterprise_org_id_organizations_id_fk" FOREIGN KEY ("enterprise_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_authority_org_id_organizations_id_fk" FOREIGN KEY ("authority_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_hrss_org_id_organizations_id_fk" FOREIGN KEY ("hrss_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_mappings" ADD CONSTRAINT "supervision_mappings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dict_items_type_code_uq" ON "dict_items" USING btree ("dict_type","code");--> statement-breakpoint
CREATE INDEX "projects_enterprise_idx" ON "projects" USING btree ("enterprise_org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "projects_hrss_idx" ON "projects" USING btree ("hrss_org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "projects_authority_idx" ON "projects" USING btree ("authority_org_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "projects_created_idx" ON "projects" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "projects_name_trgm_idx" ON "projects" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "supervision_key_idx" ON "supervision_mappings" USING btree ("kind","region_code","industry_type");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_uq" ON "supervision_mappings" USING btree ("kind","region_code","industry_type","org_id");--> statement-breakpoint
CREATE INDEX "organizations_parent_idx" ON "organizations" USING btree ("parent_id");