CREATE TABLE "outbox_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"aggregate_type" text NOT NULL,
	"aggregate_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"available_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"dead_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE INDEX "outbox_events_pending_idx" ON "outbox_events" USING btree ("id") WHERE "delivered_at" IS NULL AND "dead_at" IS NULL;--> statement-breakpoint
CREATE INDEX "outbox_events_aggregate_pending_idx" ON "outbox_events" USING btree ("aggregate_type","aggregate_id","id") WHERE "delivered_at" IS NULL AND "dead_at" IS NULL;--> statement-breakpoint
CREATE TABLE "outbox_receipts" (
	"event_id" bigint NOT NULL,
	"handler" text NOT NULL,
	"node" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "outbox_receipts_pk" PRIMARY KEY("event_id","handler")
);
