// Counters by outcome and reason, and per-second rates for the dashboard. O(1) per message.
import { REFUSAL_REASONS, type RefusalReason } from '../../../shared/domain';

const WINDOW_SECONDS = 5;

export class EngineStats {
  received = 0;
  accepted = 0;
  refused = 0;
  readonly byReason: Record<RefusalReason, number> = Object.fromEntries(
    REFUSAL_REASONS.map((r) => [r, 0]),
  ) as Record<RefusalReason, number>;
  /** Ring of completed seconds: [received, systemErrors] per slot. */
  private readonly ring = new Float64Array(WINDOW_SECONDS * 2);
  private slot = 0;
  private filled = 0;
  private secondReceived = 0;
  private secondErrors = 0;
  private secondStartedAt = 0;

  /** One decision. `reason` null means accepted. */
  count(reason: RefusalReason | null, wallNow: number): void {
    if (this.secondStartedAt === 0) this.secondStartedAt = wallNow;
    this.received++;
    this.secondReceived++;
    if (reason === null) {
      this.accepted++;
      return;
    }
    this.refused++;
    this.byReason[reason]++;
    // Only the system's own failures count as errors; a viewer's typo is a refusal, not an error.
    if (reason === 'overloaded') this.secondErrors++;
  }

  /** Called about once a second: closes the current second into the ring. */
  roll(wallNow: number): void {
    if (this.secondStartedAt === 0) this.secondStartedAt = wallNow;
    if (wallNow - this.secondStartedAt < 950) return;
    this.ring[this.slot * 2] = this.secondReceived;
    this.ring[this.slot * 2 + 1] = this.secondErrors;
    this.slot = (this.slot + 1) % WINDOW_SECONDS;
    this.filled = Math.min(this.filled + 1, WINDOW_SECONDS);
    this.secondReceived = 0;
    this.secondErrors = 0;
    this.secondStartedAt = wallNow;
  }

  /** Commands per second and system error rate over the last few completed seconds. */
  rates(extraErrors = 0): { commandsPerSec: number; errorRate: number } {
    if (this.filled === 0) return { commandsPerSec: this.secondReceived, errorRate: 0 };
    let received = 0;
    let errors = 0;
    for (let i = 0; i < this.filled; i++) {
      received += this.ring[i * 2]!;
      errors += this.ring[i * 2 + 1]!;
    }
    errors += extraErrors;
    return {
      commandsPerSec: received / this.filled,
      errorRate: received > 0 ? Math.min(1, errors / received) : 0,
    };
  }
}
