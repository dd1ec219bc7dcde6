// Small helpers the scenario definitions share.
import type { LoadPhase } from '../load/phase';
import type { PhaseResult, SubjectRun } from '../results';

export const q = (quick: boolean, quickValue: number, fullValue: number): number =>
  quick ? quickValue : fullValue;
export const warmup = (quick: boolean, rate = 1000, users = 100): LoadPhase => ({
  name: 'warm-up',
  rate,
  users,
  durationMs: q(quick, 500, 3000),
});
export const phaseByName = (run: SubjectRun, name: string): PhaseResult | undefined =>
  run.phases.find((p) => p.name === name);
export const rateLabel = (rate: number): string => (rate >= 1000 ? `${rate / 1000}k` : String(rate));
