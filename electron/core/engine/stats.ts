// Counters by outcome and reason, and per-second rates for the dashboard. O(1) per message.
import { REFUSAL_REASONS, type RefusalReason } from '../../../shared/domain';
import { ErrorRateMeter } from '../metrics/rate';

export class EngineStats {
  received = 0;
  accepted = 0;
  refused = 0;
  readonly byReason: Record<RefusalReason, number> = Object.fromEntries(
    REFUSAL_REASONS.map((r) => [r, 0]),
  ) as Record<RefusalReason, number>;
  private readonly meter = new ErrorRateMeter(5);

  /** One decision. `reason` null means accepted. */
  count(reason: RefusalReason | null, wallNow: number): void {
    this.received++;
    if (reason === null) {
      this.accepted++;
    } else {
      this.refused++;
      this.byReason[reason]++;
    }
    // Only the system's own failures count as errors; a viewer's typo is a refusal, not an error.
    this.meter.mark(wallNow, reason === 'overloaded');
  }

  /** Commands per second and system error rate over the last few whole seconds. */
  rates(wallNow: number): { commandsPerSec: number; errorRate: number } {
    return { commandsPerSec: this.meter.commandsPerSec(wallNow), errorRate: this.meter.errorRate(wallNow) };
  }
}
