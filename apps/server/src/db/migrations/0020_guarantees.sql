-- ADR 023: the guarantees register (保函管理) and the offline uploads (保单保函上传) verified by hrss.
-- A guarantee's 状态 is not stored: it is computed from valid_to / released_at / claimed_at on the
-- platform's clock. Files are attachments (owner types guarantee, offline_guarantee).
CREATE TABLE "guarantees" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "guarantees_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"number_key" text NOT NULL,
	"project_id" bigint NOT NULL,
	"enterprise_org_id" uuid NOT NULL,
	"hrss_org_id" uuid NOT NULL,
	"authority_org_id" uuid NOT NULL,
	"issuer_org_id" uuid,
	"issuer_name" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"fee_fen" bigint,
	"issued_on" date NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"released_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "guarantees_kind_ck" CHECK ("guarantees"."kind" in ('bank_guarantee', 'offline_guarantee', 'insurance_policy')),
	CONSTRAINT "guarantees_amount_ck" CHECK ("guarantees"."amount_fen" > 0 and ("guarantees"."fee_fen" is null or "guarantees"."fee_fen" >= 0)),
	CONSTRAINT "guarantees_period_ck" CHECK ("guarantees"."valid_from" <= "guarantees"."valid_to")
);--> statement-breakpoint
CREATE TABLE "offline_guarantees" (
	"id" bigint PRIMARY KEY NOT NULL,
	"project_id" bigint NOT NULL,
	"enterprise_org_id" uuid NOT NULL,
	"hrss_org_id" uuid NOT NULL,
	"authority_org_id" uuid NOT NULL,
	"status" text NOT NULL,
	"instrument_type" text NOT NULL,
	"handler_name" text NOT NULL,
	"handler_phone" text NOT NULL,
	"bank_brand" text NOT NULL,
	"issuer_org_id" uuid,
	"issuer_name" text NOT NULL,
	"product_name" text NOT NULL,
	"guarantee_no" text NOT NULL,
	"guarantee_no_key" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"fee_fen" bigint NOT NULL,
	"issued_on" date NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"required_fen" bigint NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid,
	"due_on" date NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"return_reason" text,
	"closed_reason" text,
	"guarantee_id" bigint,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "offline_guarantees_status_ck" CHECK ("offline_guarantees"."status" in ('pending', 'approved', 'returned', 'closed')),
	CONSTRAINT "offline_guarantees_type_ck" CHECK ("offline_guarantees"."instrument_type" in ('bank_guarantee', 'surety_insurance')),
	CONSTRAINT "offline_guarantees_amount_ck" CHECK ("offline_guarantees"."amount_fen" > 0 and "offline_guarantees"."fee_fen" >= 0),
	CONSTRAINT "offline_guarantees_period_ck" CHECK ("offline_guarantees"."valid_from" <= "offline_guarantees"."valid_to")
);--> statement-breakpoint
ALTER TABLE "guarantees" ADD CONSTRAINT "guarantees_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantees" ADD CONSTRAINT "guarantees_enterprise_org_id_organizations_id_fk" FOREIGN KEY ("enterprise_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantees" ADD CONSTRAINT "guarantees_hrss_org_id_organizations_id_fk" FOREIGN KEY ("hrss_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantees" ADD CONSTRAINT "guarantees_authority_org_id_organizations_id_fk" FOREIGN KEY ("authority_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guarantees" ADD CONSTRAINT "guarantees_issuer_org_id_organizations_id_fk" FOREIGN KEY ("issuer_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_guarantees" ADD CONSTRAINT "offline_guarantees_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_guarantees" ADD CONSTRAINT "offline_guarantees_enterprise_org_id_organizations_id_fk" FOREIGN KEY ("enterprise_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_guarantees" ADD CONSTRAINT "offline_guarantees_hrss_org_id_organizations_id_fk" FOREIGN KEY ("hrss_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_guarantees" ADD CONSTRAINT "offline_guarantees_authority_org_id_organizations_id_fk" FOREIGN KEY ("authority_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_guarantees" ADD CONSTRAINT "offline_guarantees_issuer_org_id_organizations_id_fk" FOREIGN KEY ("issuer_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_guarantees" ADD CONSTRAINT "offline_guarantees_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_guarantees" ADD CONSTRAINT "offline_guarantees_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_guarantees" ADD CONSTRAINT "offline_guarantees_guarantee_id_guarantees_id_fk" FOREIGN KEY ("guarantee_id") REFERENCES "public"."guarantees"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "guarantees_source_uq" ON "guarantees" USING btree ("source_type","source_id");--> statement-breakpoint
CREATE INDEX "guarantees_number_idx" ON "guarantees" USING btree ("number_key","valid_to");--> statement-breakpoint
CREATE INDEX "guarantees_project_idx" ON "guarantees" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "guarantees_enterprise_idx" ON "guarantees" USING btree ("enterprise_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "guarantees_hrss_idx" ON "guarantees" USING btree ("hrss_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "guarantees_authority_idx" ON "guarantees" USING btree ("authority_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "guarantees_issuer_idx" ON "guarantees" USING btree ("issuer_org_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "offline_guarantees_pending_project_uq" ON "offline_guarantees" USING btree ("project_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "offline_guarantees_project_idx" ON "offline_guarantees" USING btree ("project_id","submitted_at");--> statement-breakpoint
CREATE INDEX "offline_guarantees_enterprise_idx" ON "offline_guarantees" USING btree ("enterprise_org_id","submitted_at","id");--> statement-breakpoint
CREATE INDEX "offline_guarantees_hrss_status_idx" ON "offline_guarantees" USING btree ("hrss_org_id","status","submitted_at","id");--> statement-breakpoint
CREATE INDEX "offline_guarantees_no_idx" ON "offline_guarantees" USING btree ("guarantee_no_key");--> statement-breakpoint
-- attachments.owner_type gains this migration's owner types. Other migrations of the same release
-- widen the same CHECK with their own (the payment helpers work in parallel): rather than a fixed
-- list that would drop theirs, keep whatever the constraint lists now and add ours.
DO $$
DECLARE codes text[];
BEGIN
  SELECT coalesce(array_agg(DISTINCT m[1]), '{}') INTO codes
    FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([a-z_]+)''', 'g') AS m
   WHERE c.conname = 'attachments_owner_type_ck' AND c.conrelid = 'attachments'::regclass;
  codes := array(SELECT DISTINCT x FROM unnest(codes || ARRAY['quota_application', 'certification', 'guarantee', 'offline_guarantee']) AS x ORDER BY x);
  ALTER TABLE attachments DROP CONSTRAINT IF EXISTS attachments_owner_type_ck;
  -- written as IN ('…', …): PostgreSQL shows it as ANY (ARRAY['…'::text, …]), which the next such
  -- migration reads back with the same regular expression
  EXECUTE format('ALTER TABLE attachments ADD CONSTRAINT attachments_owner_type_ck CHECK (owner_type IN (%s))',
    (SELECT string_agg(quote_literal(x), ', ') FROM unnest(codes) AS x));
END $$;
