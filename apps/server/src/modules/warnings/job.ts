import type { DailyJob } from '../../platform/jobs';
import { sweepWarnings, type SweepDeps } from './sweep';

/** 预警巡检: once a Beijing day across processes (platform/jobs.ts, ADR 012), every rule over every project. */
export function warningJobs(deps: SweepDeps): DailyJob[] {
  return [
    {
      name: 'warnings.sweep',
      label: '预警巡检',
      at: '00:30',
      async run({ tx, now }) {
        const r = await sweepWarnings(tx, deps, now);
        return { summary: { raised: r.raised, cleared: r.cleared, open: r.open } };
      },
    },
  ];
}
