import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { type Html, html, trusted } from './escape.js';

/**
 * Charts drawn at build time to SVG with Observable Plot (linkedom stands in for the browser's document), so the
 * insights page reads without JavaScript. Plot's inline `<style>` and `style` attributes are removed: colours and
 * fonts come from site.css, and pages stay within a CSP that forbids inline styles. Each chart has a legend in
 * HTML and its numbers in a table below it, for screen readers and for print.
 */

export const SEVERITY_COLOURS: Readonly<Record<string, string>> = {
  SEV1: '#d1242f',
  SEV2: '#e16f24',
  SEV3: '#d4a72c',
  SEV4: '#2da44e',
  SEV5: '#8c959f',
  'No severity': '#6e7781',
};

export interface StackedBar {
  readonly x: string;
  readonly group: string;
  readonly value: number;
}

export interface LinePoint {
  readonly x: string;
  readonly series: string;
  readonly value: number;
}

const WIDTH = 860;
const HEIGHT = 280;

function documentForPlot() {
  return parseHTML('<!doctype html><html><body></body></html>').document;
}

function cleanSvg(node: { outerHTML: string }): Html {
  return trusted(
    node.outerHTML
      .replace(/<style>[\s\S]*?<\/style>/g, '')
      .replace(/\sstyle="[^"]*"/g, '')
      .replace(/\sclass="plot-[^"]*"/g, '')
      // The chart is one image with a label (its numbers are in the table below it); Plot's labels on inner
      // groups have no role to belong to, which screen readers and axe reject.
      .replace(/<g([^>]*?)\saria-label="[^"]*"/g, '<g$1')
      .replace(/^<svg/, '<svg role="img"'),
  );
}

function legend(entries: readonly (readonly [string, string])[]): Html {
  return html`<ul class="chart-legend">
    ${entries.map(
      ([label, colour]) =>
        html`<li>
          <svg class="swatch" width="12" height="12" aria-hidden="true">
            <rect width="12" height="12" fill="${colour}" /></svg
          >${label}
        </li>`,
    )}
  </ul>`;
}

/** Stacked bars (reviews per month by severity). `x` values sort as strings (`YYYY-MM`). */
export function stackedBarChart(input: {
  readonly title: string;
  readonly data: readonly StackedBar[];
  readonly colours: Readonly<Record<string, string>>;
  readonly yLabel: string;
}): Html {
  const groups = Object.keys(input.colours).filter((g) => input.data.some((d) => d.group === g));
  const options = overTime(input, 'band', groups);
  const svg = Plot.plot({
    ...options,
    // Counts: whole-number ticks only (no "0.5 reviews").
    y: { ...options.y, ticks: wholeTicks(stackedMaximum(input.data)), tickFormat: 'd' },
    marks: [
      Plot.barY([...input.data], { x: 'x', y: 'value', fill: 'group', order: groups }),
      Plot.ruleY([0]),
    ],
  });
  return html`<figure class="chart">
    ${legend(groups.map((g) => [g, input.colours[g] as string]))} ${cleanSvg(svg)}
  </figure>`;
}

/** What every chart over months or quarters shares: size, a thinned x axis, colours by group, a label. */
function overTime(
  input: {
    readonly title: string;
    readonly data: readonly { readonly x: string }[];
    readonly colours: Readonly<Record<string, string>>;
    readonly yLabel: string;
  },
  type: 'band' | 'point',
  groups: readonly string[],
): Plot.PlotOptions & { y: Plot.ScaleOptions } {
  const domain = periodsBetween(input.data.map((d) => d.x));
  return {
    document: documentForPlot(),
    width: WIDTH,
    height: HEIGHT,
    marginBottom: 40,
    x: {
      label: null,
      type,
      tickRotate: -45,
      domain,
      tickFormat: (x: string, i: number) => (i % tickStep(domain.length) === 0 ? x : ''),
    },
    y: { label: input.yLabel, grid: true, zero: true },
    color: { domain: [...groups], range: groups.map((g) => input.colours[g] as string) },
    ariaLabel: input.title,
  };
}

/** Every tick up to 24 bars, then every second, third … so labels never overlap. */
function tickStep(count: number): number {
  return Math.max(1, Math.ceil(count / 24));
}

/**
 * Every month (`YYYY-MM`) or quarter (`YYYY-Qn`) from the first to the last, so a quiet stretch shows as a gap
 * instead of the axis closing it up; other values stay as they are, sorted.
 */
export function periodsBetween(values: readonly string[]): string[] {
  const sorted = [...new Set(values)].sort();
  const period = PERIODS.find((p) => sorted.length > 0 && sorted.every((v) => p.pattern.test(v)));
  if (!period) return sorted;
  const index = (v: string) => {
    const [, year, part] = period.pattern.exec(v) as RegExpExecArray;
    return Number(year) * period.perYear + Number(part) - 1;
  };
  const out: string[] = [];
  for (let i = index(sorted[0] as string); i <= index(sorted.at(-1) as string); i++)
    out.push(period.name(Math.floor(i / period.perYear), (i % period.perYear) + 1));
  return out;
}

const PERIODS = [
  {
    pattern: /^(\d{4})-(\d{2})$/,
    perYear: 12,
    name: (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`,
  },
  { pattern: /^(\d{4})-Q([1-4])$/, perYear: 4, name: (y: number, q: number) => `${y}-Q${q}` },
] as const;

function stackedMaximum(data: readonly StackedBar[]): number {
  const totals = new Map<string, number>();
  for (const d of data) totals.set(d.x, (totals.get(d.x) ?? 0) + d.value);
  return Math.max(0, ...totals.values());
}

/** About five ticks at whole numbers from 0 up to `maximum`. */
function wholeTicks(maximum: number): number[] {
  const step = Math.max(1, Math.ceil(maximum / 5));
  const ticks: number[] = [];
  for (let t = 0; t <= maximum; t += step) ticks.push(t);
  return ticks;
}

/**
 * Lines over time (median TTD and TTR per month), one colour per series. A line breaks over a period without a value
 * rather than drawing a slope nobody measured. When one value dwarfs the rest (an incident resolved three months
 * later beside ones resolved in an hour), the scale is logarithmic, so the rest do not lie flat on the axis.
 */
export function lineChart(input: {
  readonly title: string;
  readonly data: readonly LinePoint[];
  readonly colours: Readonly<Record<string, string>>;
  readonly yLabel: string;
}): Html {
  const series = Object.keys(input.colours).filter((s) => input.data.some((d) => d.series === s));
  const options = overTime(input, 'point', series);
  const periods = options.x?.domain as readonly string[];
  const valueAt = new Map(input.data.map((d) => [`${d.series}\n${d.x}`, d.value]));
  const lines = series.flatMap((s) =>
    periods.map((x) => ({ x, series: s, value: valueAt.get(`${s}\n${x}`) ?? NaN })),
  );
  const svg = Plot.plot({
    ...options,
    y: {
      ...options.y,
      ...logScaleFor(
        input.data.map((d) => d.value),
        input.yLabel,
      ),
    },
    marks: [
      Plot.lineY(lines, { x: 'x', y: 'value', stroke: 'series', strokeWidth: 2 }),
      Plot.dot([...input.data], { x: 'x', y: 'value', fill: 'series', r: 2.5 }),
    ],
  });
  return html`<figure class="chart">
    ${legend(series.map((s) => [s, input.colours[s] as string]))} ${cleanSvg(svg)}
  </figure>`;
}

/** Past this ratio of the largest value to the median of the values, a linear scale flattens most of them. */
const WIDE_SPREAD = 25;

/**
 * A symmetric log scale (zero stays zero, values under 1 close to linear) with ticks at 0, 1, 10, 100 …, when the
 * values call for one.
 */
export function logScaleFor(values: readonly number[], label: string): Plot.ScaleOptions {
  const positive = values.filter((v) => v > 0).sort((a, b) => a - b);
  const largest = positive.at(-1) ?? 0;
  const middle = positive[Math.floor(positive.length / 2)] ?? 0;
  if (middle === 0 || largest / middle <= WIDE_SPREAD) return {};
  const ticks = [0];
  for (let tick = 1; tick <= largest; tick *= 10) ticks.push(tick);
  return {
    type: 'symlog',
    ticks,
    tickFormat: (v: number) => v.toLocaleString('en'),
    label: `${label} (log scale)`,
  };
}

/** Horizontal bars, biggest first (top themes). */
export function barChart(input: {
  readonly title: string;
  readonly data: readonly { readonly label: string; readonly value: number }[];
  readonly colour: string;
  readonly xLabel: string;
}): Html {
  const svg = Plot.plot({
    document: documentForPlot(),
    width: WIDTH,
    height: Math.max(120, input.data.length * 26 + 50),
    marginLeft: 150,
    x: { label: input.xLabel, grid: true },
    y: { label: null, domain: input.data.map((d) => d.label) },
    marks: [Plot.barX([...input.data], { x: 'value', y: 'label', fill: input.colour }), Plot.ruleX([0])],
    ariaLabel: input.title,
  });
  return html`<figure class="chart">${cleanSvg(svg)}</figure>`;
}
