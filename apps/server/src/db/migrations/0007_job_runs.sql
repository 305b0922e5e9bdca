CREATE TABLE "job_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"run_date" date NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"summary" jsonb,
	"node" text NOT NULL,
	CONSTRAINT "job_runs_status_ck" CHECK ("job_runs"."status" in ('ok', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_job_date_uq" ON "job_runs" USING btree ("job","run_date");--> statement-breakpoint
CREATE INDEX "job_runs_started_idx" ON "job_runs" USING btree ("started_at");