import { and, asc, between, desc, eq, lte } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { calendarOverrides, calendarYears, ratioParamVersions } from '../../db/schema/index';

/** The deposit rules: versioned ratio parameters per region and the working-day calendar's overrides (ADR 018). */

export type RatioParamVersionRow = typeof ratioParamVersions.$inferSelect;
export type CalendarOverrideRow = typeof calendarOverrides.$inferSelect;

/** The version of a region in force at `at` (the latest effective by then), if any. */
export async function paramVersionAt(tx: Tx, regionCode: string, at: Date): Promise<RatioParamVersionRow | undefined> {
  const [v] = await tx
    .select()
    .from(ratioParamVersions)
    .where(and(eq(ratioParamVersions.regionCode, regionCode), lte(ratioParamVersions.effectiveFrom, at)))
    .orderBy(desc(ratioParamVersions.effectiveFrom))
    .limit(1);
  return v;
}

export async function insertParamVersion(
  tx: Tx,
  v: { regionCode: string; params: unknown; effectiveFrom: Date; createdBy: string | null; createdAt: Date },
): Promise<string> {
  const [row] = await tx.insert(ratioParamVersions).values(v).returning({ id: ratioParamVersions.id });
  return row!.id;
}

/** Every override, by date. */
export async function listCalendarOverrides(tx: Tx): Promise<CalendarOverrideRow[]> {
  return tx.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date));
}

/** Sets the day's override (a second one for the same day replaces it). */
export async function upsertCalendarOverride(tx: Tx, o: { date: string; workday: boolean; note: string | null }): Promise<void> {
  await tx
    .insert(calendarOverrides)
    .values(o)
    .onConflictDoUpdate({ target: calendarOverrides.date, set: { workday: o.workday, note: o.note } });
}

/** The deleted override, or undefined when the day had none. */
export async function deleteCalendarOverride(tx: Tx, date: string): Promise<CalendarOverrideRow | undefined> {
  const [gone] = await tx.delete(calendarOverrides).where(eq(calendarOverrides.date, date)).returning();
  return gone;
}

// ---------------------------------------------------------------------------------------------
// A year's arrangement (ADR 036): its days are the overrides of that year; calendar_years keeps the
// text as entered and whether it is confirmed.

export type CalendarYearRow = typeof calendarYears.$inferSelect;

export async function listCalendarYears(tx: Tx): Promise<CalendarYearRow[]> {
  return tx.select().from(calendarYears).orderBy(asc(calendarYears.year));
}

export async function findCalendarYear(tx: Tx, year: number): Promise<CalendarYearRow | undefined> {
  const [row] = await tx.select().from(calendarYears).where(eq(calendarYears.year, year)).for('update');
  return row;
}

export async function overridesOfYear(tx: Tx, year: number): Promise<CalendarOverrideRow[]> {
  return tx
    .select()
    .from(calendarOverrides)
    .where(between(calendarOverrides.date, `${year}-01-01`, `${year}-12-31`))
    .orderBy(asc(calendarOverrides.date));
}

/** Replaces the year's overrides by `days` and stores the text and the confirmation. */
export async function replaceCalendarYear(
  tx: Tx,
  year: number,
  days: { date: string; workday: boolean; note: string | null }[],
  row: { text: string; confirmed: boolean; confirmedAt: Date | null; confirmedBy: string | null; updatedAt: Date },
): Promise<void> {
  await tx.delete(calendarOverrides).where(between(calendarOverrides.date, `${year}-01-01`, `${year}-12-31`));
  if (days.length) await tx.insert(calendarOverrides).values(days);
  await tx
    .insert(calendarYears)
    .values({ year, ...row })
    .onConflictDoUpdate({ target: calendarYears.year, set: row });
}
