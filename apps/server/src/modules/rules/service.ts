import {
  calendarYearToConfirm,
  createWorkCalendar,
  PACKAGED_CALENDAR_LAST_YEAR,
  parseArrangement,
  type TCalendarStatus,
  type TCalendarYearBody,
  type TCalendarYearView,
  DEFAULT_RATIO_PARAMS,
  fenToYuan,
  ratioParamProblems,
  yuanToFen,
  type DayOverride,
  type RatioParams,
  type TRatioParamsBody,
  type WorkCalendar,
} from '@benxi/shared';
import type { Db, Tx } from '../../db/client';
import { writeAudit, type Actor } from '../../platform/audit';
import type { Clock } from '../../platform/clock';
import { AppError, notFound } from '../../platform/errors';
import { shanghaiDate } from '../../platform/clock';
import * as repo from './repository';

/** The dictionaries' regions (modules/dictionaries/repository.ts), passed in by app.ts. */
export interface RegionReads {
  listRegions(tx: Tx): Promise<{ code: string; name: string }[]>;
  findRegion(tx: Tx, code: string): Promise<{ code: string; name: string } | undefined>;
}

/** JSON form of the parameters (bigints as strings), as stored in versions and application snapshots. */
export type StoredParams = Omit<RatioParams, 'capFen' | 'exemptionThresholdFen'> & { capFen: string | null; exemptionThresholdFen: string };
export const storeParams = (p: RatioParams): StoredParams => ({ ...p, capFen: p.capFen === null ? null : p.capFen.toString(), exemptionThresholdFen: p.exemptionThresholdFen.toString() });
export const loadParams = (s: StoredParams): RatioParams => ({ ...s, capFen: s.capFen === null ? null : BigInt(s.capFen), exemptionThresholdFen: BigInt(s.exemptionThresholdFen) });

const pct = (ppm: number) => String(ppm / 10_000);
const ppm = (percent: string) => Math.round(Number(percent) * 10_000);

export type RatioParamsBody = TRatioParamsBody;

export function paramsToBody(p: RatioParams): RatioParamsBody {
  return {
    baseRatioPercent: pct(p.baseRatioPpm),
    minRatioPercent: pct(p.minRatioPpm),
    maxRatioPercent: pct(p.maxRatioPpm),
    capAmount: p.capFen === null ? null : fenToYuan(p.capFen),
    multiProjectRatioPercent: pct(p.multiProjectRatioPpm),
    floorPercent: pct(p.floorPpm),
    exemptionThresholdAmount: fenToYuan(p.exemptionThresholdFen),
    reduceAfterCleanYears: p.reduceAfterCleanYears,
    reducePct: p.reducePct,
    exemptAfterCleanYears: p.exemptAfterCleanYears,
    arrearsIncreasePct: p.arrearsIncreasePct,
    blacklistIncreasePct: p.blacklistIncreasePct,
  };
}

function bodyToParams(b: RatioParamsBody): RatioParams {
  return {
    baseRatioPpm: ppm(b.baseRatioPercent),
    minRatioPpm: ppm(b.minRatioPercent),
    maxRatioPpm: ppm(b.maxRatioPercent),
    capFen: b.capAmount === null ? null : yuanToFen(b.capAmount),
    multiProjectRatioPpm: ppm(b.multiProjectRatioPercent),
    floorPpm: ppm(b.floorPercent),
    exemptionThresholdFen: yuanToFen(b.exemptionThresholdAmount),
    reduceAfterCleanYears: b.reduceAfterCleanYears,
    reducePct: b.reducePct,
    exemptAfterCleanYears: b.exemptAfterCleanYears,
    arrearsIncreasePct: b.arrearsIncreasePct,
    blacklistIncreasePct: b.blacklistIncreasePct,
  };
}

const CITY_REGION = '210500';

/** Per-region ratio parameters (versioned) and the working-day calendar with its overrides. */
export function createRulesService(deps: { db: Db; clock: Clock; regions: RegionReads }) {
  const { db, clock, regions } = deps;
  let calendar: { cal: WorkCalendar; at: number } | null = null;

  async function paramsFor(regionCode: string, at: Date): Promise<{ params: RatioParams; versionId: string | null; effectiveFrom: Date | null }> {
    // the region's own version, else the city's (once: a city-level project asks for the city)
    for (const code of regionCode === CITY_REGION ? [CITY_REGION] : [regionCode, CITY_REGION]) {
      const v = await repo.paramVersionAt(db, code, at);
      if (v) return { params: loadParams(v.params as StoredParams), versionId: v.id, effectiveFrom: v.effectiveFrom };
    }
    return { params: DEFAULT_RATIO_PARAMS, versionId: null, effectiveFrom: null };
  }

  return {
    paramsFor,

    /** `tx`: read inside that transaction (a caller holding one on PGlite must not wait for the database). */
    async workCalendar(tx?: Tx): Promise<WorkCalendar> {
      if (calendar && Date.now() - calendar.at < 60_000) return calendar.cal;
      const rows = await repo.listCalendarOverrides(tx ?? db);
      const overrides: DayOverride[] = rows.map((r) => ({ date: r.date, workday: r.workday, note: r.note ?? undefined }));
      calendar = { cal: createWorkCalendar(overrides), at: Date.now() };
      return calendar.cal;
    },

    async listParams() {
      const now = clock.now();
      const rs = await regions.listRegions(db);
      return Promise.all(
        rs.map(async (r) => {
          const p = await paramsFor(r.code, now);
          return { regionCode: r.code, regionName: r.name, effectiveFrom: p.effectiveFrom?.toISOString() ?? null, ...paramsToBody(p.params) };
        }),
      );
    },

    /** A new version, effective from now: applications already submitted keep the snapshot they were computed with. */
    async setParams(regionCode: string, body: RatioParamsBody, actor: Actor) {
      const region = await regions.findRegion(db, regionCode);
      if (!region) throw notFound('地区');
      const params = bodyToParams(body);
      const problems = ratioParamProblems(params);
      if (problems.length) throw new AppError('VALIDATION_FAILED', problems.join('；'), { fields: { _: problems } });
      const now = clock.now();
      const before = await paramsFor(regionCode, now);
      await db.transaction(async (tx) => {
        const versionId = await repo.insertParamVersion(tx, { regionCode, params: storeParams(params), effectiveFrom: now, createdBy: actor.id, createdAt: now });
        await writeAudit(tx, actor, now, {
          action: 'ratio.update',
          targetType: 'ratio_params',
          targetId: regionCode,
          before: paramsToBody(before.params),
          after: { ...body, versionId },
        });
      });
      return { regionCode, regionName: region.name, effectiveFrom: now.toISOString(), ...paramsToBody(params) };
    },

    // -------------------------------------------------------------------------------------------
    // 节假日安排 by year (ADR 036)

    /** The years whose arrangement counts: the package's (≤ 2026) and those the operator confirmed. */
    async calendarStatus(): Promise<TCalendarStatus> {
      const rows = await repo.listCalendarYears(db);
      const confirmedYears = rows.filter((r) => r.confirmed && r.year > PACKAGED_CALENDAR_LAST_YEAR).map((r) => r.year);
      return { confirmedYears, yearToConfirm: calendarYearToConfirm(shanghaiDate(clock.now()), confirmedYears) };
    },

    /** This year, the next two, every year with a row: each with its days and whether it is confirmed. */
    async listCalendarYears(): Promise<TCalendarYearView[]> {
      const rows = await repo.listCalendarYears(db);
      const thisYear = Number(shanghaiDate(clock.now()).slice(0, 4));
      const years = [...new Set([thisYear, thisYear + 1, ...rows.map((r) => r.year)])].sort((a, b) => a - b);
      return Promise.all(years.map((y) => this.calendarYear(y)));
    },

    async calendarYear(year: number): Promise<TCalendarYearView> {
      const row = (await repo.listCalendarYears(db)).find((r) => r.year === year);
      const days = (await repo.overridesOfYear(db, year)).map((d) => ({ date: d.date, workday: d.workday, ...(d.note ? { note: d.note } : {}) }));
      const packaged = year <= PACKAGED_CALENDAR_LAST_YEAR;
      return {
        year,
        source: packaged && !row ? 'package' : 'admin',
        confirmed: packaged || (row?.confirmed ?? false),
        confirmedAt: row?.confirmedAt?.toISOString() ?? null,
        confirmedBy: row?.confirmedBy ?? null,
        days,
        text: row?.text ?? days.map((d) => `${d.date} ${d.workday ? '班' : '休'}${d.note ? ` ${d.note}` : ''}`).join('\n'),
      };
    },

    /**
     * The year's arrangement as entered or pasted (replaces the year's overrides), and whether it is
     * confirmed. A line that cannot be read refuses the whole text, naming the line.
     */
    async setCalendarYear(year: number, body: TCalendarYearBody, actor: Actor): Promise<TCalendarYearView> {
      if (year <= PACKAGED_CALENDAR_LAST_YEAR) {
        throw new AppError('VALIDATION_FAILED', `${year} 年及以前的节假日安排来自国务院已发布的通知，已确认，无需录入；个别日期请用“工作日调整”`);
      }
      const parsed = parseArrangement(body.text, year);
      if (parsed.problems.length) throw new AppError('VALIDATION_FAILED', parsed.problems[0]!, { fields: { text: parsed.problems } });
      if (body.confirmed && parsed.days.length === 0) {
        throw new AppError('VALIDATION_FAILED', `请先录入 ${year} 年的节假日安排（放假日与调休上班日），再确认`, { fields: { text: ['请录入节假日安排'] } });
      }
      const now = clock.now();
      await db.transaction(async (tx) => {
        const before = await repo.findCalendarYear(tx, year);
        const beforeDays = await repo.overridesOfYear(tx, year);
        const wasConfirmed = before?.confirmed ?? false;
        await repo.replaceCalendarYear(
          tx,
          year,
          parsed.days.map((d) => ({ date: d.date, workday: d.workday, note: d.note ?? null })),
          {
            text: body.text,
            confirmed: body.confirmed,
            confirmedAt: body.confirmed ? (wasConfirmed ? (before?.confirmedAt ?? now) : now) : null,
            confirmedBy: body.confirmed ? (wasConfirmed ? (before?.confirmedBy ?? actor.id) : actor.id) : null,
            updatedAt: now,
          },
        );
        await writeAudit(tx, actor, now, {
          action: body.confirmed && !wasConfirmed ? 'calendar.year.confirm' : 'calendar.year.update',
          targetType: 'calendar',
          targetId: String(year),
          before: { confirmed: wasConfirmed, days: beforeDays.length },
          after: { confirmed: body.confirmed, days: parsed.days.length, rest: parsed.days.filter((d) => !d.workday).length, work: parsed.days.filter((d) => d.workday).length },
        });
      });
      calendar = null;
      return this.calendarYear(year);
    },

    async listOverrides() {
      return (await repo.listCalendarOverrides(db)).map((r) => ({ date: r.date, workday: r.workday, note: r.note ?? undefined }));
    },

    async setOverride(o: { date: string; workday: boolean; note?: string }, actor: Actor) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        await repo.upsertCalendarOverride(tx, { date: o.date, workday: o.workday, note: o.note ?? null });
        await writeAudit(tx, actor, now, { action: 'calendar.override', targetType: 'calendar', targetId: o.date, after: o });
      });
      calendar = null;
      return this.listOverrides();
    },

    async deleteOverride(date: string, actor: Actor) {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const gone = await repo.deleteCalendarOverride(tx, date);
        if (!gone) throw notFound('日历调整');
        await writeAudit(tx, actor, now, { action: 'calendar.override.delete', targetType: 'calendar', targetId: date, before: gone });
      });
      calendar = null;
      return this.listOverrides();
    },
  };
}

export type RulesService = ReturnType<typeof createRulesService>;
