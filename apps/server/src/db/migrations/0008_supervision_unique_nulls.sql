-- The same 人社 mapping (industry_type NULL) could be added twice: NULLs were distinct in the unique
-- index. Keep one of each (the default if there is one), then make NULLs equal.
DELETE FROM "supervision_mappings" a USING "supervision_mappings" b
  WHERE a.kind = b.kind AND a.region_code = b.region_code AND a.industry_type IS NOT DISTINCT FROM b.industry_type AND a.org_id = b.org_id
    AND (a.is_default::int < b.is_default::int OR (a.is_default = b.is_default AND a.id > b.id));--> statement-breakpoint
DROP INDEX "supervision_uq";--> statement-breakpoint
ALTER TABLE "supervision_mappings" ADD CONSTRAINT "supervision_uq" UNIQUE NULLS NOT DISTINCT("kind","region_code","industry_type","org_id");
