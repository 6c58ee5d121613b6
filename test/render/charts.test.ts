import { describe, expect, it } from 'vitest';
import { lineChart, logScaleFor, periodsBetween, stackedBarChart } from '../../src/render/html/charts.js';

describe('charts over time', () => {
  it('lists every month or quarter between the first and the last, so quiet stretches show', () => {
    expect(periodsBetween(['2024-11', '2025-02', '2024-11'])).toEqual([
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
    ]);
    expect(periodsBetween(['2025-Q1', '2024-Q3'])).toEqual(['2024-Q3', '2024-Q4', '2025-Q1']);
    expect(periodsBetween(['b', 'a'])).toEqual(['a', 'b']);
    expect(periodsBetween([])).toEqual([]);
  });

  it('draws counts with whole-number ticks and an axis that keeps empty months', () => {
    const svg = stackedBarChart({
      title: 'Reviews per month',
      data: [
        { x: '2024-01', group: 'SEV1', value: 1 },
        { x: '2024-04', group: 'SEV2', value: 1 },
      ],
      colours: { SEV1: '#d1242f', SEV2: '#e16f24' },
      yLabel: 'reviews',
    }).toString();
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(expect.arrayContaining(['2024-02', '2024-03']));
    expect(texts.filter((t) => /^\d+(\.\d+)?$/.test(t ?? ''))).toEqual(['0', '1']);
  });

  const durations = (values: readonly (readonly [string, number])[]) =>
    lineChart({
      title: 'Median time to resolve',
      data: values.map(([x, value]) => ({ x, series: 'Time to resolve', value })),
      colours: { 'Time to resolve': '#0969da' },
      yLabel: 'hours',
    }).toString();
  const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

  it('breaks a line over a period without a value instead of drawing across it', () => {
    const svg = durations([
      ['2024-Q1', 2],
      ['2024-Q2', 3],
      ['2024-Q4', 1],
      ['2025-Q1', 2],
    ]);
    const line = [...svg.matchAll(/<path d="([^"]*)"[^>]*\sstroke=/g)].map((m) => m[1]);
    expect(line).toHaveLength(1);
    const path = line[0] ?? '';
    expect(path.match(/M/g)).toHaveLength(2);
    expect(texts(svg)).toContain('2024-Q3');
  });

  it('turns to a log scale when one value dwarfs the rest, and stays linear otherwise', () => {
    expect(logScaleFor([0.5, 1, 2, 3], 'hours')).toEqual({});
    expect(logScaleFor([0, 0, 0], 'hours')).toEqual({});
    const wide = logScaleFor([0, 0.2, 1.5, 2, 2184], 'hours');
    expect(wide).toMatchObject({ type: 'symlog', ticks: [0, 1, 10, 100, 1000], label: 'hours (log scale)' });
    const svg = durations([
      ['2013-Q4', 2184],
      ['2024-Q1', 0.5],
      ['2024-Q2', 2],
      ['2024-Q3', 1.5],
    ]);
    expect(texts(svg)).toEqual(expect.arrayContaining(['0', '1', '10', '100', '1,000']));
    expect(svg).toContain('hours (log scale)');
  });
});
