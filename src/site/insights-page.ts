import { median } from '../insights/percentiles.js';
import { formatMinutes } from '../render/duration-format.js';
import { barChart, lineChart, SEVERITY_COLOURS, stackedBarChart } from '../render/html/charts.js';
import { severityLabel } from '../render/html/components.js';
import { type Html, html } from '../render/html/escape.js';
import type { PageContent } from '../render/html/layout.js';
import type { ReviewSummary } from '../render/html/summary.js';

/** Past this many months the time charts count by quarter, so bars stay readable. */
const MONTHS_SHOWN = 48;
const TOP_THEMES = 10;
const DURATION_COLOURS = { 'Time to detect': '#cf222e', 'Time to resolve': '#0969da' };

export interface InsightsInput {
  readonly reviews: readonly ReviewSummary[];
  /** Review key → its cause themes (src/insights/themes.ts). */
  readonly themes: ReadonlyMap<string, readonly string[]>;
  /** Theme id → the label shown (the taxonomy's, with the config's renames). */
  readonly themeLabels: ReadonlyMap<string, string>;
}

/** Trends across reviews, as charts drawn at build time (readable without JavaScript) with their numbers. */
export function insightsPage(input: InsightsInput): PageContent {
  const dated = input.reviews.filter((r) => r.date !== null);
  const months = new Set(dated.map((r) => (r.date as string).slice(0, 7)));
  const byQuarter = months.size > MONTHS_SHOWN;
  const period = (date: string) => (byQuarter ? quarter(date) : date.slice(0, 7));
  const unit = byQuarter ? 'quarter' : 'month';
  return {
    title: 'Insights',
    current: 'insights',
    main: html`<h1>Insights</h1>
      <p class="lead">
        ${input.reviews.length}
        reviews${dated.length < input.reviews.length ? `, ${input.reviews.length - dated.length} undated` : ''}
      </p>
      ${severityChart(dated, period, unit)} ${durationChart(dated, period, unit)} ${themeChart(input)}`,
  };
}

function quarter(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

function severityChart(reviews: readonly ReviewSummary[], period: (d: string) => string, unit: string): Html {
  const counts = new Map<string, number>();
  for (const r of reviews) {
    const key = `${period(r.date as string)}\u0000${severityLabel(r.severity?.level ?? null)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const data = [...counts]
    .map(([key, value]) => {
      const [x, group] = key.split('\u0000') as [string, string];
      return { x, group, value };
    })
    .sort((a, b) => a.x.localeCompare(b.x));
  if (data.length === 0) return html`<p class="muted">No dated reviews to chart.</p>`;
  const periods = [...new Set(data.map((d) => d.x))];
  const groups = Object.keys(SEVERITY_COLOURS).filter((g) => data.some((d) => d.group === g));
  const cell = (x: string, g: string) => data.find((d) => d.x === x && d.group === g)?.value ?? 0;
  return html`<section aria-labelledby="chart-severity">
    <h2 id="chart-severity">Reviews per ${unit} by severity</h2>
    ${stackedBarChart({ title: `Reviews per ${unit} by severity`, data, colours: SEVERITY_COLOURS, yLabel: 'reviews' })}
    ${numbersTable(
      `Reviews per ${unit}`,
      [unit, ...groups],
      periods.map((x) => [x, ...groups.map((g) => String(cell(x, g)))]),
    )}
  </section>`;
}

function durationChart(reviews: readonly ReviewSummary[], period: (d: string) => string, unit: string): Html {
  const groups = new Map<string, { ttd: number[]; ttr: number[] }>();
  for (const r of reviews) {
    const key = period(r.date as string);
    const group = groups.get(key) ?? { ttd: [], ttr: [] };
    if (r.durations.toDetectMinutes !== undefined) group.ttd.push(r.durations.toDetectMinutes);
    if (r.durations.toResolveMinutes !== undefined) group.ttr.push(r.durations.toResolveMinutes);
    groups.set(key, group);
  }
  const rows = [...groups].sort(([a], [b]) => a.localeCompare(b));
  const data = rows.flatMap(([x, g]) => [
    ...(g.ttd.length > 0 ? [{ x, series: 'Time to detect', value: (median(g.ttd) ?? 0) / 60 }] : []),
    ...(g.ttr.length > 0 ? [{ x, series: 'Time to resolve', value: (median(g.ttr) ?? 0) / 60 }] : []),
  ]);
  if (data.length === 0) return html``;
  const show = (values: number[]) =>
    values.length === 0 ? '–' : `${formatMinutes(median(values) ?? 0)} (n ${values.length})`;
  return html`<section aria-labelledby="chart-durations">
    <h2 id="chart-durations">Time to detect and to resolve, median per ${unit}</h2>
    ${lineChart({ title: `Median time to detect and to resolve per ${unit}`, data, colours: DURATION_COLOURS, yLabel: 'hours' })}
    ${numbersTable(
      'Medians',
      [unit, 'time to detect', 'time to resolve'],
      rows.map(([x, g]) => [x, show(g.ttd), show(g.ttr)]),
    )}
  </section>`;
}

function themeChart(input: InsightsInput): Html {
  const counts = new Map<string, number>();
  for (const r of input.reviews)
    for (const theme of input.themes.get(r.key) ?? []) counts.set(theme, (counts.get(theme) ?? 0) + 1);
  const top = [...counts]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, TOP_THEMES)
    .map(([id, value]) => ({ label: input.themeLabels.get(id) ?? id, value }));
  if (top.length === 0) return html``;
  return html`<section aria-labelledby="chart-themes">
    <h2 id="chart-themes">Top cause themes</h2>
    ${barChart({ title: 'Reviews per cause theme', data: top, colour: '#8250df', xLabel: 'reviews' })}
    ${numbersTable(
      'Reviews per theme',
      ['theme', 'reviews'],
      top.map((t) => [t.label, String(t.value)]),
    )}
  </section>`;
}

function numbersTable(
  caption: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): Html {
  return html`<details class="chart-table">
    <summary>${caption} as a table</summary>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            ${header.map((h) => html`<th scope="col">${h}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) =>
              html`<tr>
                ${row.map((c) => html`<td>${c}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </details>`;
}
