-- 台账 (issue 15, ADR 043): the ledger reads each workflow's rows by project (a page of projects at a time).
-- cash_deposits, guarantees, deposit_uses and quota_applications have their (project_id, …) indexes; the
-- confirmed returns had none by project.
CREATE INDEX IF NOT EXISTS "return_confirmations_project_idx" ON "return_confirmations" USING btree ("project_id","status");
