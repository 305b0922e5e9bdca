-- Issue 9, items 2 and 13.
--
-- 欠薪及失信记录 belong to the unit that entered them (ADR 014): that unit or one above it may remove an
-- entry, a unit reads its remit's and those above it. The owner is entered_by_org_id, NOT NULL since
-- 0005 and always set from the entering hrss user's unit at the time of entry (the audit log's
-- arrears.create actor is that same user, whose unit may have changed since, so the column is the
-- better source). Only hrss could ever enter rows, so every existing row already has a true owner.
-- Should a row name a unit that is not an hrss bureau (entered outside the application), it is given
-- to the city-level bureau (the hrss unit with no parent), so that it stays visible and removable by
-- the bureau responsible for the whole register rather than by nobody.
UPDATE "arrears_records" SET "entered_by_org_id" = "city"."id"
FROM (SELECT "id" FROM "organizations" WHERE "type" = 'hrss' AND "parent_id" IS NULL ORDER BY "created_at", "id" LIMIT 1) AS "city"
WHERE NOT EXISTS (
  SELECT 1 FROM "organizations" "o" WHERE "o"."id" = "arrears_records"."entered_by_org_id" AND "o"."type" = 'hrss'
);--> statement-breakpoint
-- The register list is filtered by owner.
CREATE INDEX "arrears_entered_by_org_idx" ON "arrears_records" USING btree ("entered_by_org_id");--> statement-breakpoint
-- Only codes that no successful login, registration or reset used count against the daily cap of 10
-- (ADR 014). consumed_at cannot tell a used code from a superseded one, so existing codes stay unused
-- (used_at null): they count as they did before, and only for the rest of the day they were sent.
ALTER TABLE "sms_codes" ADD COLUMN "used_at" timestamp with time zone;
