-- 工程名称 "contains" search that works for Chinese: pg_trgm needs three characters, but people
-- type two (桥梁, 道路). Index every one- and two-character piece of the name (the pg_bigm idea in
-- plain SQL); a query's pieces must all be present, then ILIKE confirms the exact substring.
CREATE OR REPLACE FUNCTION name_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, n)), '{}')
  FROM generate_series(1, length(t)) AS i, (VALUES (1), (2)) AS v(n)
  WHERE i + n - 1 <= length(t)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION query_grams(q text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN length(q) = 1 THEN ARRAY[lower(q)]
    ELSE coalesce((SELECT array_agg(DISTINCT substr(lower(q), i, 2)) FROM generate_series(1, length(q) - 1) AS i), '{}') END
$$;
--> statement-breakpoint
CREATE INDEX "projects_name_grams_idx" ON "projects" USING gin (name_grams("name"));
--> statement-breakpoint
DROP INDEX IF EXISTS "projects_name_trgm_idx";
--> statement-breakpoint
CREATE INDEX "projects_region_idx" ON "projects" USING btree ("region_code");
--> statement-breakpoint
CREATE INDEX "projects_status_idx" ON "projects" USING btree ("status");
--> statement-breakpoint
CREATE INDEX "projects_deposit_status_idx" ON "projects" USING btree ("deposit_status");
