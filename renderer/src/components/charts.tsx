// uPlot charts fed by a transient store subscription: the store's history changes ten times a second and
// goes straight to setData, without a React render. React only mounts and sizes the chart.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useAppStore } from '../store';
import type { AppState, PerfHistory } from '../store/types';

const AXIS = {
  stroke: '#8b93a7',
  grid: { stroke: 'rgba(255,255,255,0.06)', width: 1 },
  ticks: { show: false },
};

const two = (n: number) => String(n).padStart(2, '0');
/** Wall-clock tick labels (the default shows sub-second fractions and a date line). */
const clockTicks = (_u: uPlot, splits: number[]) =>
  splits.map((t) => {
    const d = new Date(t * 1000);
    return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  });

interface ChartSpec {
  testId: string;
  ariaLabel: string;
  series: uPlot.Series[];
  columns(h: PerfHistory): uPlot.AlignedData;
  yLabel: string;
  /** Horizontal threshold lines (value, colour), read fresh from the store on every draw. */
  thresholds?(s: AppState): [number, string][];
}

function thresholdPlugin(getLines: () => [number, string][]): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const { ctx, bbox } = u;
        ctx.save();
        ctx.setLineDash([6, 6]);
        ctx.lineWidth = 1.5;
        for (const [value, colour] of getLines()) {
          const y = Math.round(u.valToPos(value, 'y', true));
          if (y < bbox.top || y > bbox.top + bbox.height) continue;
          ctx.strokeStyle = colour;
          ctx.beginPath();
          ctx.moveTo(bbox.left, y);
          ctx.lineTo(bbox.left + bbox.width, y);
          ctx.stroke();
        }
        ctx.restore();
      },
    },
  };
}

function Chart({ spec }: { spec: ChartSpec }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current!;
    const store = useAppStore;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: Math.max(120, el.clientHeight),
      scales: {
        x: { time: true },
        y: { range: (_u, _min, max) => [0, Math.max(max * 1.15, spec.yLabel === 'ms' ? 1 : 5)] },
      },
      axes: [
        { ...AXIS, size: 28, space: 90, values: clockTicks },
        { ...AXIS, size: 44, label: spec.yLabel, labelSize: 14, labelGap: 0 },
      ],
      series: [{}, ...spec.series.map((x) => ({ points: { show: false }, ...x }))],
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false }, points: { size: 6 } },
      plugins: spec.thresholds ? [thresholdPlugin(() => spec.thresholds!(store.getState()))] : [],
    };
    const plot = new uPlot(opts, spec.columns(store.getState().history), el);
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.history !== prev.history) plot.setData(spec.columns(s.history));
    });
    const resize = new ResizeObserver(() => {
      const legend = (el.querySelector('.u-legend') as HTMLElement | null)?.offsetHeight ?? 0;
      plot.setSize({ width: el.clientWidth, height: Math.max(120, el.clientHeight - legend) });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      unsubscribe();
      plot.destroy();
    };
  }, [spec]);
  return <div className="chart" ref={box} data-testid={spec.testId} role="img" aria-label={spec.ariaLabel} />;
}

const latencySpec: ChartSpec = {
  testId: 'latency-chart',
  ariaLabel: 'Latency over the last five minutes: P50, P95 and P99 in milliseconds',
  yLabel: 'ms',
  series: [
    { label: 'P50', stroke: '#4cc9f0', width: 2, value: (_u, v) => (v == null ? '–' : `${v.toFixed(2)} ms`) },
    { label: 'P95', stroke: '#f8c537', width: 2, value: (_u, v) => (v == null ? '–' : `${v.toFixed(2)} ms`) },
    { label: 'P99', stroke: '#f4845f', width: 2, value: (_u, v) => (v == null ? '–' : `${v.toFixed(2)} ms`) },
  ],
  columns: (h) => [h.t, h.p50, h.p95, h.p99],
  thresholds: (s) =>
    s.config
      ? [
          [s.config.alerts.p95WarnMs, 'rgba(248,197,55,0.55)'],
          [s.config.alerts.p95CritMs, 'rgba(239,71,111,0.65)'],
        ]
      : [],
};

const throughputSpec: ChartSpec = {
  testId: 'throughput-chart',
  ariaLabel: 'Commands per second over the last five minutes',
  yLabel: '/s',
  series: [
    {
      label: 'Commands/s',
      stroke: '#9b5de5',
      width: 2,
      fill: 'rgba(155,93,229,0.15)',
      value: (_u, v) => (v == null ? '–' : v.toFixed(1)),
    },
  ],
  columns: (h) => [h.t, h.cps],
};

export function LatencyChart() {
  return <Chart spec={latencySpec} />;
}

export function ThroughputChart() {
  return <Chart spec={throughputSpec} />;
}
