-- ADR 032: 保证金动用 (SPEC §9). A use and its workers' transfers; the replenishing cash deposit names
-- its use; a guarantee or policy paid on a notice keeps its 已理赔 amount.
CREATE TABLE "deposit_uses" (
	"id" bigint PRIMARY KEY NOT NULL,
	"notice_no" text NOT NULL,
	"project_id" bigint NOT NULL REFERENCES "projects"("id"),
	"enterprise_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"hrss_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"authority_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"recorded_by_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"payer_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"instrument_type" text NOT NULL,
	"instrument_id" bigint NOT NULL,
	"decision_type" text NOT NULL,
	"decision_no" text NOT NULL,
	"decision_date" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_fen" bigint DEFAULT 0 NOT NULL,
	"status" text NOT NULL,
	"pay_due_on" date NOT NULL,
	"replenish_status" text NOT NULL,
	"replenish_due_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid REFERENCES "users"("id"),
	"paid_at" timestamp with time zone,
	"replenish_confirmed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deposit_uses_status_ck" CHECK ("deposit_uses"."status" in ('notified', 'paid')),
	CONSTRAINT "deposit_uses_replenish_ck" CHECK ("deposit_uses"."replenish_status" in ('pending', 'confirmed')),
	CONSTRAINT "deposit_uses_instrument_ck" CHECK ("deposit_uses"."instrument_type" in ('cash_deposit', 'guarantee')),
	CONSTRAINT "deposit_uses_decision_ck" CHECK ("deposit_uses"."decision_type" in ('order_to_pay', 'advance_payment')),
	CONSTRAINT "deposit_uses_amount_ck" CHECK ("deposit_uses"."amount_fen" > 0 and "deposit_uses"."paid_fen" >= 0 and "deposit_uses"."paid_fen" <= "deposit_uses"."amount_fen")
);--> statement-breakpoint
CREATE TABLE "deposit_use_transfers" (
	"id" bigint PRIMARY KEY NOT NULL,
	"use_id" bigint NOT NULL REFERENCES "deposit_uses"("id"),
	"seq" integer NOT NULL,
	"name" text NOT NULL,
	"id_number" text NOT NULL,
	"bank_name" text NOT NULL,
	"card_no" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"status" text NOT NULL,
	"reference" text,
	"fail_reason" text,
	"paid_on" date,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deposit_use_transfers_status_ck" CHECK ("deposit_use_transfers"."status" in ('pending', 'paid', 'failed')),
	CONSTRAINT "deposit_use_transfers_amount_ck" CHECK ("deposit_use_transfers"."amount_fen" > 0)
);--> statement-breakpoint
CREATE INDEX "deposit_uses_project_idx" ON "deposit_uses" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE INDEX "deposit_uses_instrument_idx" ON "deposit_uses" USING btree ("instrument_type","instrument_id");--> statement-breakpoint
CREATE INDEX "deposit_uses_hrss_idx" ON "deposit_uses" USING btree ("hrss_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "deposit_uses_enterprise_idx" ON "deposit_uses" USING btree ("enterprise_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "deposit_uses_authority_idx" ON "deposit_uses" USING btree ("authority_org_id","created_at","id");--> statement-breakpoint
CREATE INDEX "deposit_uses_payer_idx" ON "deposit_uses" USING btree ("payer_org_id","status","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "deposit_use_transfers_person_uq" ON "deposit_use_transfers" USING btree ("use_id","id_number");--> statement-breakpoint
CREATE UNIQUE INDEX "deposit_use_transfers_seq_uq" ON "deposit_use_transfers" USING btree ("use_id","seq");--> statement-breakpoint
ALTER TABLE "cash_deposits" ADD COLUMN "replenish_use_id" bigint REFERENCES "deposit_uses"("id");--> statement-breakpoint
ALTER TABLE "guarantees" ADD COLUMN "claimed_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- attachments.owner_type gains deposit_use (the decision file); read the codes the constraint lists
-- now, as migration 0020 does, so that the other migrations of this release keep theirs.
DO $$
DECLARE codes text[];
BEGIN
  SELECT coalesce(array_agg(DISTINCT m[1]), '{}') INTO codes
    FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([a-z_]+)''', 'g') AS m
   WHERE c.conname = 'attachments_owner_type_ck' AND c.conrelid = 'attachments'::regclass;
  codes := array(SELECT DISTINCT x FROM unnest(codes || ARRAY['deposit_use']) AS x ORDER BY x);
  ALTER TABLE attachments DROP CONSTRAINT IF EXISTS attachments_owner_type_ck;
  EXECUTE format('ALTER TABLE attachments ADD CONSTRAINT attachments_owner_type_ck CHECK (owner_type IN (%s))',
    (SELECT string_agg(quote_literal(x), ', ') FROM unnest(codes) AS x));
END $$;
