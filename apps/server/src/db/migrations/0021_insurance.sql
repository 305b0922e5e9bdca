-- Issue 12, ADR 024–027: 保险办理 — the catalogue (insurers' products and collection accounts), the
-- enterprise's 投保 (one application) and its orders, one per insurer. Files are attachments (owner
-- types insurance_product, insurance_application, insurance_order).
CREATE TABLE "insurance_products" (
	"id" bigint PRIMARY KEY NOT NULL,
	"insurer_org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"product_type" text NOT NULL,
	"regions" jsonb NOT NULL,
	"applicant_types" jsonb NOT NULL,
	"qualifications" jsonb NOT NULL,
	"annual_rate_ppm" integer NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "insurance_products_type_ck" CHECK ("insurance_products"."product_type" in ('project', 'annual')),
	CONSTRAINT "insurance_products_rate_ck" CHECK ("insurance_products"."annual_rate_ppm" > 0 and "insurance_products"."annual_rate_ppm" < 1000000)
);--> statement-breakpoint
CREATE TABLE "insurer_accounts" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"account_name" text NOT NULL,
	"account_bank" text NOT NULL,
	"account_no" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);--> statement-breakpoint
CREATE TABLE "insurance_applications" (
	"id" bigint PRIMARY KEY NOT NULL,
	"business_no" text NOT NULL,
	"project_id" bigint NOT NULL,
	"enterprise_org_id" uuid NOT NULL,
	"hrss_org_id" uuid NOT NULL,
	"authority_org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"product_type" text NOT NULL,
	"applicant_type" text NOT NULL,
	"qualification" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"days" integer NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "insurance_applications_period_ck" CHECK ("insurance_applications"."start_on" <= "insurance_applications"."end_on" and "insurance_applications"."days" > 0)
);--> statement-breakpoint
CREATE TABLE "insurance_orders" (
	"id" bigint PRIMARY KEY NOT NULL,
	"application_id" bigint NOT NULL,
	"product_id" bigint NOT NULL,
	"insurer_org_id" uuid NOT NULL,
	"project_id" bigint NOT NULL,
	"enterprise_org_id" uuid NOT NULL,
	"hrss_org_id" uuid NOT NULL,
	"authority_org_id" uuid NOT NULL,
	"status" text NOT NULL,
	"annual_rate_ppm" integer NOT NULL,
	"reference_rate" text NOT NULL,
	"reference_premium_fen" bigint NOT NULL,
	"final_rate" text,
	"final_premium_fen" bigint,
	"refuse_reason" text,
	"approved_at" timestamp with time zone,
	"refused_at" timestamp with time zone,
	"paying_at" timestamp with time zone,
	"voucher_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"policy_no" text,
	"policy_from" date,
	"policy_to" date,
	"issued_at" timestamp with time zone,
	"guarantee_id" bigint,
	"invoice_title" text,
	"invoice_tax_no" text,
	"invoice_email" text,
	"invoice_requested_at" timestamp with time zone,
	"invoice_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "insurance_orders_status_ck" CHECK ("insurance_orders"."status" in ('underwriting', 'approved', 'refused', 'paying', 'paid', 'issued', 'closed')),
	CONSTRAINT "insurance_orders_premium_ck" CHECK ("insurance_orders"."reference_premium_fen" >= 0 and ("insurance_orders"."final_premium_fen" is null or "insurance_orders"."final_premium_fen" > 0))
);--> statement-breakpoint
ALTER TABLE "insurance_products" ADD CONSTRAINT "insurance_products_insurer_org_id_organizations_id_fk" FOREIGN KEY ("insurer_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurer_accounts" ADD CONSTRAINT "insurer_accounts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurance_applications" ADD CONSTRAINT "insurance_applications_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurance_applications" ADD CONSTRAINT "insurance_applications_enterprise_org_id_organizations_id_fk" FOREIGN KEY ("enterprise_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurance_applications" ADD CONSTRAINT "insurance_applications_hrss_org_id_organizations_id_fk" FOREIGN KEY ("hrss_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurance_applications" ADD CONSTRAINT "insurance_applications_authority_org_id_organizations_id_fk" FOREIGN KEY ("authority_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurance_applications" ADD CONSTRAINT "insurance_applications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurance_orders" ADD CONSTRAINT "insurance_orders_application_id_insurance_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."insurance_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurance_orders" ADD CONSTRAINT "insurance_orders_product_id_insurance_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."insurance_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurance_orders" ADD CONSTRAINT "insurance_orders_insurer_org_id_organizations_id_fk" FOREIGN KEY ("insurer_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurance_orders" ADD CONSTRAINT "insurance_orders_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurance_orders" ADD CONSTRAINT "insurance_orders_enterprise_org_id_organizations_id_fk" FOREIGN KEY ("enterprise_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurance_orders" ADD CONSTRAINT "insurance_orders_hrss_org_id_organizations_id_fk" FOREIGN KEY ("hrss_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurance_orders" ADD CONSTRAINT "insurance_orders_authority_org_id_organizations_id_fk" FOREIGN KEY ("authority_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "insurance_products_insurer_idx" ON "insurance_products" USING btree ("insurer_org_id","created_at");--> statement-breakpoint
CREATE INDEX "insurance_applications_project_idx" ON "insurance_applications" USING btree ("project_id","submitted_at");--> statement-breakpoint
CREATE INDEX "insurance_applications_enterprise_idx" ON "insurance_applications" USING btree ("enterprise_org_id","submitted_at");--> statement-breakpoint
CREATE INDEX "insurance_orders_application_idx" ON "insurance_orders" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "insurance_orders_insurer_idx" ON "insurance_orders" USING btree ("insurer_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "insurance_orders_insurer_status_idx" ON "insurance_orders" USING btree ("insurer_org_id","status","created_at");--> statement-breakpoint
CREATE INDEX "insurance_orders_enterprise_idx" ON "insurance_orders" USING btree ("enterprise_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "insurance_orders_hrss_idx" ON "insurance_orders" USING btree ("hrss_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "insurance_orders_authority_idx" ON "insurance_orders" USING btree ("authority_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "insurance_orders_project_idx" ON "insurance_orders" USING btree ("project_id","created_at");--> statement-breakpoint
-- attachments.owner_type gains this migration's owner types, keeping whatever the constraint lists now
-- (the same DO block as 0020: other migrations of the release widen the same CHECK)
DO $$
DECLARE codes text[];
BEGIN
  SELECT coalesce(array_agg(DISTINCT m[1]), '{}') INTO codes
    FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([a-z_]+)''', 'g') AS m
   WHERE c.conname = 'attachments_owner_type_ck' AND c.conrelid = 'attachments'::regclass;
  codes := array(SELECT DISTINCT x FROM unnest(codes || ARRAY['insurance_product', 'insurance_application', 'insurance_order']) AS x ORDER BY x);
  ALTER TABLE attachments DROP CONSTRAINT IF EXISTS attachments_owner_type_ck;
  EXECUTE format('ALTER TABLE attachments ADD CONSTRAINT attachments_owner_type_ck CHECK (owner_type IN (%s))',
    (SELECT string_agg(quote_literal(x), ', ') FROM unnest(codes) AS x));
END $$;
