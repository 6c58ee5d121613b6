import { describe, expect, it } from 'vitest';
import { periodsBetween, stackedBarChart } from '../../src/render/html/charts.js';

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
});
