// Live performance: the capacity report's dashboard. Each big number is its own component reading one
// formatted string, so a tile re-renders only when what it shows changes.
import { useAppStore } from '../store';
import type { AppState } from '../store/types';
import { fmtCount, fmtMs, fmtPct, fmtRate } from '../lib/format';
import { Panel } from './ui';
import { LatencyChart, ThroughputChart } from './charts';
import type { AlertMetric } from '../../../shared/alerts';

function useAlertLevel(metric: AlertMetric): string {
  return useAppStore((s) => s.alerts.find((a) => a.metric === metric)?.level ?? 'ok');
}

function Stat(props: {
  testId: string;
  label: string;
  unit?: string;
  select(s: AppState): string;
  sub?(s: AppState): string;
  level?: string;
}) {
  const value = useAppStore(props.select);
  const sub = useAppStore((s) => (props.sub ? props.sub(s) : ''));
  return (
    <div className={`stat level-${props.level ?? 'ok'}`} data-testid={props.testId}>
      <div className="stat-label">{props.label}</div>
      <div className="stat-value">
        <span data-testid={`${props.testId}-value`}>{value}</span>
        {props.unit && <span className="stat-unit">{props.unit}</span>}
      </div>
      {sub && <div className="stat-sub">{sub}</div>}
    </div>
  );
}

const none = '–';

export function PerformancePanel() {
  const latencyLevel = useAlertLevel('latency');
  const errorLevel = useAlertLevel('errorRate');
  const memoryLevel = useAlertLevel('memory');
  return (
    <Panel title="Live performance" testId="performance-panel" className="performance">
      <div className="stats">
        <Stat
          testId="stat-cps"
          label="Commands / s"
          select={(s) => (s.snapshot ? fmtRate(s.snapshot.rates.commandsPerSec) : none)}
        />
        <Stat
          testId="stat-p95"
          label="Latency P95"
          unit="ms"
          level={latencyLevel}
          select={(s) => (s.snapshot?.latency.process.count ? fmtMs(s.snapshot.latency.process.p95) : none)}
          sub={(s) => {
            const l = s.snapshot?.latency.process;
            return l && l.count
              ? `P50 ${fmtMs(l.p50)} · P99 ${fmtMs(l.p99)} · max ${fmtMs(l.max)}`
              : 'no commands yet';
          }}
        />
        <Stat
          testId="stat-error-rate"
          label="Error rate"
          unit="%"
          level={errorLevel}
          select={(s) => (s.snapshot ? fmtPct(s.snapshot.rates.errorRate) : none)}
        />
        <Stat
          testId="stat-active-users"
          label="Active users"
          select={(s) => (s.snapshot ? fmtCount(s.snapshot.activeUsers) : none)}
          sub={() => 'last 5 minutes'}
        />
        <Stat
          testId="stat-accepted"
          label="Accepted"
          select={(s) => (s.snapshot ? fmtCount(s.snapshot.counters.accepted) : none)}
          sub={(s) => (s.snapshot ? `${fmtCount(s.snapshot.counters.refused)} refused` : '')}
        />
        <Stat
          testId="stat-rss"
          label="Memory"
          unit="MB"
          level={memoryLevel}
          select={(s) => (s.snapshot ? String(Math.round(s.snapshot.memory.rssMb)) : none)}
          sub={(s) => (s.snapshot ? `heap ${Math.round(s.snapshot.memory.heapUsedMb)} MB` : '')}
        />
      </div>
      <div className="charts">
        <div className="chart-card wide">
          <div className="chart-title">Latency, arrival → OSC send</div>
          <LatencyChart />
        </div>
        <div className="chart-card">
          <div className="chart-title">Throughput</div>
          <ThroughputChart />
        </div>
      </div>
    </Panel>
  );
}

export function AlertBanners() {
  const alerts = useAppStore((s) => s.alerts);
  if (alerts.length === 0) return null;
  return (
    <div className="alerts" data-testid="alerts">
      {alerts.map((a) => (
        <div
          key={a.metric}
          className={`banner banner-${a.level}`}
          role="alert"
          data-testid={`alert-${a.metric}`}
          data-level={a.level}
        >
          <strong>{a.level === 'critical' ? 'Critical' : 'Warning'}</strong> {a.message}
        </div>
      ))}
    </div>
  );
}
