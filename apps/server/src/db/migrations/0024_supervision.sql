-- Issue 15 (first half): the working-day calendar's years (ADR 036), warnings (ADR 037), the
-- message centre and the notification SMS records (ADR 038). The 首页 figures are counted from these
-- tables and the workflows' own (ADR 039).
CREATE TABLE IF NOT EXISTS "calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"confirmed" boolean DEFAULT false NOT NULL,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid REFERENCES "users"("id"),
	"text" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "calendar_years_year_ck" CHECK ("year" between 2000 and 2100)
);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "warnings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "warnings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"type" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text NOT NULL,
	"project_id" bigint NOT NULL REFERENCES "projects"("id"),
	"enterprise_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"hrss_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"authority_org_id" uuid NOT NULL REFERENCES "organizations"("id"),
	"addressee_org_id" uuid REFERENCES "organizations"("id"),
	"due_on" date NOT NULL,
	"detail" text NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"cleared_at" timestamp with time zone,
	"cleared_reason" text,
	CONSTRAINT "warnings_cleared_ck" CHECK (("cleared_at" is null) = ("cleared_reason" is null))
);--> statement-breakpoint
-- one open warning of a type per object: the sweep's insert is ON CONFLICT DO NOTHING
CREATE UNIQUE INDEX IF NOT EXISTS "warnings_open_uq" ON "warnings" USING btree ("type","object_type","object_id") WHERE cleared_at is null;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "warnings_project_idx" ON "warnings" USING btree ("project_id") WHERE cleared_at is null;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "warnings_enterprise_idx" ON "warnings" USING btree ("enterprise_org_id","raised_at","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "warnings_hrss_idx" ON "warnings" USING btree ("hrss_org_id","raised_at","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "warnings_authority_idx" ON "warnings" USING btree ("authority_org_id","raised_at","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "warnings_addressee_idx" ON "warnings" USING btree ("addressee_org_id","raised_at","id") WHERE addressee_org_id is not null;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "warnings_open_type_idx" ON "warnings" USING btree ("type","hrss_org_id") WHERE cleared_at is null;--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" uuid NOT NULL REFERENCES "users"("id"),
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"dedupe_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "messages_kind_ck" CHECK ("kind" in ('warning', 'decision'))
);--> statement-breakpoint
-- a redelivered event makes no second message
CREATE UNIQUE INDEX IF NOT EXISTS "messages_dedupe_uq" ON "messages" USING btree ("user_id","dedupe_key");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_user_idx" ON "messages" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "messages_unread_idx" ON "messages" USING btree ("user_id") WHERE read_at is null;--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "sms_records" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sms_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"phone" text NOT NULL,
	"template" text NOT NULL,
	"content" text NOT NULL,
	"warning_id" bigint REFERENCES "warnings"("id"),
	"send_on" date NOT NULL,
	"status" text NOT NULL,
	"result" text,
	"created_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "sms_records_status_ck" CHECK ("status" in ('queued', 'held', 'sent', 'failed', 'skipped'))
);--> statement-breakpoint
-- at most one SMS per warning, phone and Beijing day
CREATE UNIQUE INDEX IF NOT EXISTS "sms_records_warning_day_uq" ON "sms_records" USING btree ("warning_id","phone","send_on") WHERE warning_id is not null and status in ('queued', 'held', 'sent');--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "sms_records_created_idx" ON "sms_records" USING btree ("created_at","id");--> statement-breakpoint
-- the expiry rules read the guarantees in force by their end date
CREATE INDEX IF NOT EXISTS "guarantees_in_force_idx" ON "guarantees" USING btree ("valid_to") WHERE released_at is null and claimed_at is null;
