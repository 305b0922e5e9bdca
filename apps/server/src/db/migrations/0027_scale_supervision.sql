-- issue 15, second half (ADR 045, 046): the daily warnings sweep at a million projects, and the 首页's
-- aggregates kept up to date by the database itself.
--
-- 1. Indexes of the sweep's set-based reads (modules/warnings/rules.ts): the projects that may still owe
--    their deposit by contract date, the pending 定额申请 by deadline, the open online 保函 applications.
CREATE INDEX IF NOT EXISTS "projects_payable_signed_idx" ON "projects" USING btree ("contract_signed_on") WHERE deposit_status in ('to_pay', 'paying');--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "quota_pending_due_idx" ON "quota_applications" USING btree ("due_on") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "guarantee_apps_open_idx" ON "guarantee_applications" USING btree ("project_id") WHERE status in ('submitted', 'accepted');--> statement-breakpoint
-- 2. The 首页 counts (ADR 046). dashboard_counts holds, per (source, dim, hrss unit, authority unit), how
--    many rows of a list's table fall in it; statement-level triggers of those tables append the net
--    change of each statement to dashboard_count_deltas (an insert only: no two commands wait for the
--    same counter row), which the dashboard folds into dashboard_counts now and then. A reader sums
--    both in one statement (one snapshot): the figure equals the list's exact count at that moment.
--    sources / dims:
--      project          deposit:<deposit_status>, region:<region_code>  (辖区项目 = the sum of deposit:*)
--      quota_pending    ''                                              (待审核定额申请)
--      offline_pending  ''                                              (待审核保单保函)
--      guarantee        <kind>                                          (保函 / 保单 登记数)
--      warning_open     <type>                                          (预警中, by type)
--      warning_month    YYYY-MM of raised_at in Beijing time            (近六个月新增预警)
CREATE TABLE IF NOT EXISTS "dashboard_counts" (
	"source" text NOT NULL,
	"dim" text NOT NULL,
	"hrss_org_id" uuid NOT NULL,
	"authority_org_id" uuid NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "dashboard_counts_pk" PRIMARY KEY ("source", "dim", "hrss_org_id", "authority_org_id")
);--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "dashboard_count_deltas" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"source" text NOT NULL,
	"dim" text NOT NULL,
	"hrss_org_id" uuid NOT NULL,
	"authority_org_id" uuid NOT NULL,
	"n" bigint NOT NULL
);--> statement-breakpoint
-- TG_ARGV[0]: a SELECT of (source, dim, hrss_org_id, authority_org_id) from the relation named by %1$s
CREATE OR REPLACE FUNCTION "dashboard_count_delta"() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  parts text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    parts := format('select k.*, 1::bigint as n from (%s) k', format(TG_ARGV[0], 'new_rows'));
  ELSIF TG_OP = 'DELETE' THEN
    parts := format('select k.*, -1::bigint as n from (%s) k', format(TG_ARGV[0], 'old_rows'));
  ELSE
    parts := format('select k.*, -1::bigint as n from (%s) k union all select k.*, 1::bigint from (%s) k', format(TG_ARGV[0], 'old_rows'), format(TG_ARGV[0], 'new_rows'));
  END IF;
  EXECUTE format(
    'insert into dashboard_count_deltas (source, dim, hrss_org_id, authority_org_id, n) '
    'select source, dim, hrss_org_id, authority_org_id, sum(n) from (%s) x group by 1, 2, 3, 4 having sum(n) <> 0', parts);
  RETURN NULL;
END
$fn$;--> statement-breakpoint
DO $do$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('projects', $q$select 'project'::text as source, d.dim, r.hrss_org_id, r.authority_org_id from %1$s r cross join lateral (values ('deposit:' || r.deposit_status), ('region:' || r.region_code)) d(dim)$q$),
    ('quota_applications', $q$select 'quota_pending'::text as source, ''::text as dim, r.hrss_org_id, r.authority_org_id from %1$s r where r.status = 'pending'$q$),
    ('offline_guarantees', $q$select 'offline_pending'::text as source, ''::text as dim, r.hrss_org_id, r.authority_org_id from %1$s r where r.status = 'pending'$q$),
    ('guarantees', $q$select 'guarantee'::text as source, r.kind as dim, r.hrss_org_id, r.authority_org_id from %1$s r$q$),
    ('warnings', $q$select 'warning_open'::text as source, r.type as dim, r.hrss_org_id, r.authority_org_id from %1$s r where r.cleared_at is null union all select 'warning_month', to_char((r.raised_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM'), r.hrss_org_id, r.authority_org_id from %1$s r$q$)
  ) AS v(tbl, keys) LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t.tbl || '_dashboard_ins', t.tbl);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t.tbl || '_dashboard_upd', t.tbl);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t.tbl || '_dashboard_del', t.tbl);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_count_delta(%L)', t.tbl || '_dashboard_ins', t.tbl, t.keys);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_count_delta(%L)', t.tbl || '_dashboard_upd', t.tbl, t.keys);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dashboard_count_delta(%L)', t.tbl || '_dashboard_del', t.tbl, t.keys);
    -- the rows already there (in this migration's transaction, with the triggers in place: nothing is counted twice or missed)
    EXECUTE format('LOCK TABLE %I IN SHARE MODE', t.tbl);
    EXECUTE format('insert into dashboard_counts (source, dim, hrss_org_id, authority_org_id, n) select source, dim, hrss_org_id, authority_org_id, count(*) from (%s) k group by 1, 2, 3, 4 on conflict (source, dim, hrss_org_id, authority_org_id) do update set n = dashboard_counts.n + excluded.n', format(t.keys, t.tbl));
  END LOOP;
END
$do$;
