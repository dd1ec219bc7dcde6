import { describe, expect, it } from 'vitest';
import { escapeXml, formatTick, lineChart, logTicks, niceTicks } from '../../bench/report/svg';

describe('ticks', () => {
  it('are round numbers covering the range', () => {
    expect(niceTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(0, 0.9, 4)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(logTicks(0.1, 100)).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100]);
    expect(logTicks(0.01, 10_000)).toEqual([0.01, 0.1, 1, 10, 100, 1000, 10_000]);
    expect(formatTick(40_000)).toBe('40k');
    expect(formatTick(0.25)).toBe('0.25');
  });
});

describe('lineChart', () => {
  it('draws one path per series, legends, labels, and escapes text', () => {
    const svg = lineChart({
      title: 'P99 <engine> & peer',
      xLabel: 'seconds',
      yLabel: 'ms',
      yLog: true,
      series: [
        {
          name: 'engine',
          color: '#00f',
          points: [
            [0, 0.2],
            [1, 0.3],
            [2, 5],
          ],
        },
        {
          name: 'peer',
          color: '#f80',
          points: [
            [0, 0.4],
            [1, NaN],
            [2, 0.5],
          ],
          markers: true,
        },
      ],
      hLines: [{ y: 10, label: '10 ms' }],
      vLines: [{ x: 1, label: 'burst' }],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('P99 &lt;engine&gt; &amp; peer');
    expect(svg.match(/<path /g)).toHaveLength(2);
    // The NaN point breaks the peer's line into two pieces (two M commands), its markers skip it.
    const peerPath = /<path d="([^"]+)"[^>]*><title>peer<\/title>/.exec(svg)![1]!;
    expect(peerPath.match(/M/g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain('>10 ms<');
    expect(svg).toContain('>burst<');
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });

  it('drops values a log axis cannot show instead of drawing NaN coordinates', () => {
    const svg = lineChart({
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      yLog: true,
      series: [
        {
          name: 's',
          color: '#000',
          points: [
            [0, 0],
            [1, 1],
            [2, 2],
          ],
        },
      ],
    });
    expect(svg).not.toContain('NaN');
    expect(svg).not.toContain('Infinity');
  });

  it('escapes all five XML specials', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
