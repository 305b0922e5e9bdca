/**
 * Two PostgreSQL roles (docs/decisions/015): the owner runs the migrations (MIGRATION_DATABASE_URL),
 * the application (DATABASE_URL) gets only what it needs. PGlite has one role and needs none of this.
 */

interface Queryable {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Tables the application may read and append to, never change or empty. */
export const APPEND_ONLY_TABLES = ['audit_log'] as const;

/**
 * Grants `appRole` what the application uses, as the owner of the tables, in one transaction:
 * SELECT/INSERT/UPDATE/DELETE on every table of schema public except UPDATE/DELETE on the
 * append-only ones, the sequences, and the same by default on whatever the owner creates later
 * (ALTER DEFAULT PRIVILEGES), so a new migration's table is usable without a change here. No
 * TRUNCATE, REFERENCES, TRIGGER, no ownership: the role can run no DDL and cannot disable a
 * trigger. Idempotent; the caller holds the migration lock (concurrent GRANTs on one object fail).
 */
export async function grantApplicationRole(owner: Queryable, appRole: string): Promise<void> {
  // two URLs that log in as the same role: nothing to grant (and no privilege of the owner to take away)
  const me = (await owner.query('select current_user as role')).rows[0] as { role: string };
  if (me.role === appRole) return;
  const r = ident(appRole);
  const statements = [
    `grant usage on schema public to ${r}`,
    `grant select, insert, update, delete on all tables in schema public to ${r}`,
    ...APPEND_ONLY_TABLES.map((t) => `revoke update, delete, truncate, references, trigger on ${ident(t)} from ${r}`),
    `grant usage, select on all sequences in schema public to ${r}`,
    `alter default privileges in schema public grant select, insert, update, delete on tables to ${r}`,
    `alter default privileges in schema public grant usage, select on sequences to ${r}`,
    // PostgreSQL < 15 lets every role create tables in public: take that back where the owner may
    `do $$ begin
       if has_schema_privilege('public', 'public', 'CREATE')
          and pg_has_role(current_user, (select nspowner from pg_namespace where nspname = 'public'), 'USAGE') then
         revoke create on schema public from public;
       end if;
     end $$`,
  ];
  await owner.query('begin');
  try {
    for (const s of statements) await owner.query(s);
    await owner.query('commit');
  } catch (err) {
    await owner.query('rollback').catch(() => {});
    throw err;
  }
}

/**
 * Why the connected role is more than the application needs, or null: a superuser, the owner of the
 * audit log (it could disable its trigger), or a role that may change or empty it, or create tables.
 */
export async function applicationRoleRisk(db: Queryable): Promise<string | null> {
  const { rows } = await db.query(`
    select current_user as role,
           (select rolsuper from pg_roles where rolname = current_user) as super,
           pg_has_role(current_user, (select relowner from pg_class where oid = 'audit_log'::regclass), 'USAGE') as owner,
           has_table_privilege('audit_log', 'UPDATE') or has_table_privilege('audit_log', 'DELETE')
             or has_table_privilege('audit_log', 'TRUNCATE') as can_change_audit,
           has_schema_privilege('public', 'CREATE') as can_create`);
  const r = rows[0] as { role: string; super: boolean; owner: boolean; can_change_audit: boolean; can_create: boolean };
  if (r.super) return `role ${r.role} is a superuser`;
  if (r.owner) return `role ${r.role} owns the tables (it could disable the audit trigger)`;
  if (r.can_change_audit) return `role ${r.role} may update, delete or truncate audit_log`;
  if (r.can_create) return `role ${r.role} may create tables in schema public`;
  return null;
}
