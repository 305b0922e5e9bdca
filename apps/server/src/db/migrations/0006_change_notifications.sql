-- Each app process keeps sessions and the unit tree in memory (docs/decisions/011). Whatever changes
-- them tells every process, from the database itself so that no code path can forget: a NOTIFY on
-- channel bx_changes, delivered when the transaction commits (never for a rolled-back change).
CREATE OR REPLACE FUNCTION bx_notify_change() RETURNS trigger AS $$
DECLARE
  row_id text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    row_id := OLD.id::text;
  ELSE
    row_id := NEW.id::text;
  END IF;
  PERFORM pg_notify('bx_changes', TG_ARGV[0] || ':' || row_id);
  IF TG_OP = 'UPDATE' AND OLD.id IS DISTINCT FROM NEW.id THEN
    PERFORM pg_notify('bx_changes', TG_ARGV[0] || ':' || OLD.id::text);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- A session ends (logout, password change, lock, disable, expiry). Refreshing last_seen_at is not a change.
CREATE TRIGGER sessions_notify_delete AFTER DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION bx_notify_change('session');
--> statement-breakpoint
CREATE TRIGGER users_notify_change AFTER UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION bx_notify_change('user');
--> statement-breakpoint
CREATE TRIGGER organizations_notify_change AFTER INSERT OR UPDATE OR DELETE ON organizations
  FOR EACH ROW EXECUTE FUNCTION bx_notify_change('org');
