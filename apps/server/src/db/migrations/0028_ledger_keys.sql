-- issue 15 (ADR 044): the 台账 list and 月度统计 answered from SQL. ledger_keys holds, per project that
-- has a ledger entry, what the list filters, counts, sums and groups by (way, settled_on, settled_fen,
-- balance_fen) plus the project's scope columns; it is computed by modules/ledger (the composition of
-- ADR 043 stays the reference) for the projects named in ledger_dirty, which statement triggers of
-- every table the composition reads fill in the writer's own transaction. stale_on: the day the balance
-- changes by itself (a guarantee's 期限 ends); rows due are recomputed like dirty ones.
CREATE TABLE IF NOT EXISTS "ledger_keys" (
	"project_id" bigint PRIMARY KEY NOT NULL,
	"hrss_org_id" uuid NOT NULL,
	"authority_org_id" uuid NOT NULL,
	"enterprise_org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"deposit_status" text NOT NULL,
	"name" text NOT NULL,
	"contractor_name" text NOT NULL,
	"project_created_at" timestamp with time zone NOT NULL,
	"way" text NOT NULL,
	"settled_on" date NOT NULL,
	"settled_fen" bigint NOT NULL,
	"balance_fen" bigint NOT NULL,
	"stale_on" date
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ledger_keys_hrss_idx" ON "ledger_keys" USING btree ("hrss_org_id", "project_created_at" DESC, "project_id" DESC);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ledger_keys_authority_idx" ON "ledger_keys" USING btree ("authority_org_id", "project_created_at" DESC, "project_id" DESC);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ledger_keys_settled_idx" ON "ledger_keys" USING btree ("settled_on", "way");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "ledger_keys_stale_idx" ON "ledger_keys" USING btree ("stale_on") WHERE stale_on IS NOT NULL;--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "ledger_dirty" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"project_id" bigint NOT NULL
);--> statement-breakpoint
-- TG_ARGV[0]: the column of the changed rows naming the project (cash_arrivals: via its cash deposit)
CREATE OR REPLACE FUNCTION "ledger_mark_dirty"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_ARGV[0] = 'cash_deposit_id' THEN
    IF TG_OP <> 'DELETE' THEN
      insert into ledger_dirty (project_id) select distinct d.project_id from new_rows r join cash_deposits d on d.id = r.cash_deposit_id;
    END IF;
    IF TG_OP <> 'INSERT' THEN
      insert into ledger_dirty (project_id) select distinct d.project_id from old_rows r join cash_deposits d on d.id = r.cash_deposit_id;
    END IF;
  ELSE
    IF TG_OP <> 'DELETE' THEN
      EXECUTE format('insert into ledger_dirty (project_id) select distinct r.%I from new_rows r', TG_ARGV[0]);
    END IF;
    IF TG_OP <> 'INSERT' THEN
      EXECUTE format('insert into ledger_dirty (project_id) select distinct r.%I from old_rows r', TG_ARGV[0]);
    END IF;
  END IF;
  RETURN NULL;
END
$fn$;--> statement-breakpoint
DO $do$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('projects', 'id'), ('cash_deposits', 'project_id'), ('cash_arrivals', 'cash_deposit_id'), ('guarantees', 'project_id'),
    ('deposit_uses', 'project_id'), ('return_confirmations', 'project_id'), ('quota_applications', 'project_id')
  ) AS v(tbl, col) LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t.tbl || '_ledger_ins', t.tbl);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t.tbl || '_ledger_upd', t.tbl);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t.tbl || '_ledger_del', t.tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_mark_dirty(%L)', t.tbl || '_ledger_ins', t.tbl, t.col);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_mark_dirty(%L)', t.tbl || '_ledger_upd', t.tbl, t.col);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_mark_dirty(%L)', t.tbl || '_ledger_del', t.tbl, t.col);
  END LOOP;
END
$do$;--> statement-breakpoint
-- the projects already there: computed on the first read
INSERT INTO ledger_dirty (project_id) SELECT id FROM projects;
