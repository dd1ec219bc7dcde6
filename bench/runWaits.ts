// Bounded waits of the runner: draining after the last phase, settling between stress steps, and a progress
// line during long phases. None of them can wait forever.
import { epochNowMs } from './clock';
import type { LoadPhase } from './load/phase';
import type { OscSeqReceiver } from './load/receiver';
import { fetchState } from './subjects/engineState';
import { readProcSample } from './subjects/procStats';

/** While draining: nothing moved for this long means nothing more is coming. */
const QUIET_MS = 1_000;
/** Between stress steps: no datagram for this long means the previous step's stragglers are in. */
const SETTLE_QUIET_MS = 150;

/**
 * Waits until everything that is coming has arrived: every sent command processed by the engine and every
 * accepted one received (references: every sent one received), or nothing moved for QUIET_MS, or timeout.
 */
export async function drain(
  rx: OscSeqReceiver,
  httpUrl: string | null,
  totalSent: number,
  lastSendAt: number,
  timeoutMs: number,
): Promise<{ doneAt: number }> {
  const deadline = epochNowMs() + timeoutMs;
  let lastMove = epochNowMs();
  let lastSeen = -1;
  for (;;) {
    const now = epochNowMs();
    let progress = rx.counts.matched;
    if (httpUrl) {
      const st = await fetchState(httpUrl);
      if (st) {
        if (st.counters.received >= totalSent && rx.counts.matched >= st.counters.accepted)
          return { doneAt: Math.max(lastSendAt, rx.counts.lastAt) };
        progress += st.counters.received;
      }
    } else if (rx.counts.matched >= totalSent) {
      return { doneAt: Math.max(lastSendAt, rx.counts.lastAt) };
    }
    if (progress !== lastSeen) {
      lastSeen = progress;
      lastMove = now;
    }
    if (now - lastMove > QUIET_MS || now > deadline)
      return { doneAt: Math.max(lastSendAt, rx.counts.lastAt) };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function settle(rx: OscSeqReceiver, maxMs: number): Promise<void> {
  const deadline = epochNowMs() + maxMs;
  for (;;) {
    const now = epochNowMs();
    if (now - rx.counts.lastAt >= SETTLE_QUIET_MS || now >= deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function progressTicker(
  tag: string,
  p: LoadPhase,
  rx: OscSeqReceiver,
  pid: number,
  log: (line: string) => void,
): NodeJS.Timeout {
  const started = Date.now();
  const timer = setInterval(() => {
    const s = readProcSample(pid);
    log(
      `${tag} ${p.name}: ${((Date.now() - started) / 1000).toFixed(0)} s of ${(p.durationMs / 1000).toFixed(0)} s, ` +
        `${rx.counts.matched} datagrams matched${s ? `, RSS ${s.rssMb.toFixed(1)} MB` : ''}`,
    );
  }, 10_000);
  timer.unref();
  return timer;
}
