-- ADR 022: 缴纳 (SPEC §6). Payment attempts (at most one open per project), the banks' offers,
-- 现金存缴 with its arrivals, online 银行保函 applications; their files are attachments.
CREATE TABLE IF NOT EXISTS "payment_attempts" (
	"id" bigint PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL REFERENCES "projects"("id"),
	"way" text NOT NULL,
	"ref_id" text NOT NULL,
	"status" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"opened_by" uuid REFERENCES "users"("id"),
	"closed_at" timestamp with time zone,
	"closed_reason" text,
	CONSTRAINT "payment_attempts_way_ck" CHECK ("way" in ('cash', 'bank_guarantee', 'offline_guarantee', 'insurance')),
	CONSTRAINT "payment_attempts_status_ck" CHECK ("status" in ('open', 'covered', 'closed'))
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "payment_attempts_open_uq" ON "payment_attempts" USING btree ("project_id") WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "payment_attempts_ref_uq" ON "payment_attempts" USING btree ("way","ref_id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "payment_attempts_project_idx" ON "payment_attempts" USING btree ("project_id","opened_at");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "bank_offers" (
	"org_id" uuid PRIMARY KEY NOT NULL REFERENCES "organizations"("id"),
	"regions" jsonb NOT NULL,
	"offers_cash_account" boolean DEFAULT false NOT NULL,
	"offers_guarantee" boolean DEFAULT false NOT NULL,
	"account_instructions" text DEFAULT '' NOT NULL,
	"account_bank" text,
	"contact_name" text,
	"contact_phone" text,
	"updated_at" timestamp with time zone NOT NULL
);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "cash_deposits" (
	"id" bigint PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL REFERENCES "projects"("id"),
	"enterprise_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"hrss_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"authority_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"bank_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"status" text NOT NULL,
	"required_fen" bigint NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	"account_no" text,
	"handler_name" text NOT NULL,
	"handler_phone" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid REFERENCES "users"("id"),
	"covered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "cash_deposits_status_ck" CHECK ("status" in ('awaiting', 'partial', 'arrived', 'closed')),
	CONSTRAINT "cash_deposits_paid_ck" CHECK ("paid_fen" >= 0)
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cash_deposits_bank_idx" ON "cash_deposits" USING btree ("bank_org_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cash_deposits_bank_status_idx" ON "cash_deposits" USING btree ("bank_org_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cash_deposits_project_idx" ON "cash_deposits" USING btree ("project_id","submitted_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cash_deposits_enterprise_idx" ON "cash_deposits" USING btree ("enterprise_org_id","submitted_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cash_deposits_hrss_idx" ON "cash_deposits" USING btree ("hrss_org_id","submitted_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cash_deposits_authority_idx" ON "cash_deposits" USING btree ("authority_org_id","submitted_at");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "cash_arrivals" (
	"id" bigint PRIMARY KEY NOT NULL,
	"cash_deposit_id" bigint NOT NULL REFERENCES "cash_deposits"("id"),
	"account_no" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"arrived_on" date NOT NULL,
	"payer_name" text NOT NULL,
	"voucher_sha256" text NOT NULL,
	"voucher_no" text,
	"confirmed_at" timestamp with time zone NOT NULL,
	"confirmed_by" uuid REFERENCES "users"("id"),
	CONSTRAINT "cash_arrivals_amount_ck" CHECK ("amount_fen" > 0)
);--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "cash_arrivals_voucher_uq" ON "cash_arrivals" USING btree ("cash_deposit_id","voucher_sha256");--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "cash_arrivals_voucher_no_uq" ON "cash_arrivals" USING btree ("cash_deposit_id","voucher_no") WHERE voucher_no is not null;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cash_arrivals_deposit_idx" ON "cash_arrivals" USING btree ("cash_deposit_id","confirmed_at");--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "guarantee_applications" (
	"id" bigint PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL REFERENCES "projects"("id"),
	"enterprise_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"hrss_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"authority_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"bank_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"status" text NOT NULL,
	"required_fen" bigint NOT NULL,
	"amount_fen" bigint NOT NULL,
	"beneficiary_name" text NOT NULL,
	"term_from" date NOT NULL,
	"term_to" date NOT NULL,
	"handler_name" text NOT NULL,
	"handler_phone" text NOT NULL,
	"remark" text,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid REFERENCES "users"("id"),
	"accepted_at" timestamp with time zone,
	"refused_at" timestamp with time zone,
	"refuse_reason" text,
	"issued_at" timestamp with time zone,
	"guarantee_no" text,
	"issued_on" date,
	"valid_from" date,
	"valid_to" date,
	"issued_amount_fen" bigint,
	"fee_fen" bigint,
	"guarantee_id" bigint,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "guarantee_applications_status_ck" CHECK ("status" in ('submitted', 'accepted', 'issued', 'refused', 'closed')),
	CONSTRAINT "guarantee_applications_amount_ck" CHECK ("amount_fen" > 0)
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "guarantee_apps_bank_idx" ON "guarantee_applications" USING btree ("bank_org_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "guarantee_apps_bank_status_idx" ON "guarantee_applications" USING btree ("bank_org_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "guarantee_apps_project_idx" ON "guarantee_applications" USING btree ("project_id","submitted_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "guarantee_apps_enterprise_idx" ON "guarantee_applications" USING btree ("enterprise_org_id","submitted_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "guarantee_apps_hrss_idx" ON "guarantee_applications" USING btree ("hrss_org_id","submitted_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "guarantee_apps_authority_idx" ON "guarantee_applications" USING btree ("authority_org_id","submitted_at");--> statement-breakpoint
-- the new owners of attachments (the list of codes is ATTACHMENT_OWNER_TYPE_CODES in db/schema/attachments.ts)
ALTER TABLE "attachments" DROP CONSTRAINT IF EXISTS "attachments_owner_type_ck";--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_owner_type_ck" CHECK (owner_type in ('quota_application', 'certification', 'cash_deposit', 'cash_arrival', 'guarantee_application'));
