import { findRecurrences, type RecurrenceCluster } from '../../insights/recurrence.js';
import {
  buildSimilarityIndex,
  LINK_TERM,
  type SimilarityIndex,
  similarTo,
  type SimilarResult,
} from '../../insights/similarity.js';
import { taxonomyFromConfig } from '../../insights/themes.js';
import type { Review } from '../../model/review.js';
import { parseSource } from '../../parse/parse-source.js';
import { parseInputs, reviewsOf } from '../../pipeline.js';
import { decode } from '../../read/decode.js';
import { outputFormat, parseCommandArgs } from '../args.js';
import { type CliIO, EXIT, type ExitCode, UsageError } from '../io.js';
import { writeJson } from '../report.js';
import { READ_OPTIONS, READ_USAGE, readReviewSet } from '../review-set.js';

const DEFAULT_TOP = 5;
/** The path a draft read from stdin carries: it can never be a file of the index. */
const STDIN_PATH = '-';

export const similarCommand = {
  name: 'similar',
  summary:
    'Past reviews most like a review or a draft (explicit links first), or recurring incidents as clusters.',
  usage: [
    `hindsight similar <file|-> [--in <dir>...] [--top N] [--format human|json] ${READ_USAGE}`,
    `       hindsight similar --clusters [--in <dir>...] [--format human|json] ${READ_USAGE}`,
    '',
    '  <file|->     the review to compare, or - to read a draft from stdin',
    '  --in <dir>   where past reviews are (repeatable; default: the config\'s "reviews", else docs/incidents)',
    '  --top N      how many to show (default 5)',
    '  --clusters   list recurring incidents instead: reviews joined by an explicit link (related, "second',
    '               occurrence of …"), or by high similarity plus a shared cause theme (and a shared service',
    '               when both name services). JSON: { "clusters": [{ "members": [...], "links": [...] }] }',
  ].join('\n'),
  async run(io: CliIO, argv: readonly string[]): Promise<ExitCode> {
    const { values, positionals } = parseCommandArgs('similar', argv, {
      in: { type: 'string', multiple: true },
      top: { type: 'string' },
      format: { type: 'string' },
      ...READ_OPTIONS,
      clusters: { type: 'boolean' },
    });
    const format = outputFormat(values.format);
    const clusters = values.clusters === true;
    if (clusters && (positionals.length > 0 || values.top !== undefined))
      throw new UsageError(
        '--clusters looks at every review and takes neither a file nor --top.',
        'Example: hindsight similar --clusters --in docs/incidents',
      );
    if (!clusters && positionals.length !== 1)
      throw new UsageError(
        positionals.length === 0
          ? 'Name the review to compare: a file, or - to read a draft from stdin.'
          : `Name one review to compare, not ${positionals.length}.`,
        'Example: hindsight similar docs/incidents/2025-03-02-checkout-db-failover.md --top 5',
      );
    const top = parseTop(values.top);
    const started = performance.now();
    const { loaded, parsed, reviews } = await readReviewSet(io.cwd, values.in ?? [], values);
    const { missing } = parsed;
    if (missing.length > 0) {
      for (const path of missing) io.stderr.write(`hindsight similar: ${path}: no such file or folder\n`);
      return EXIT.usage;
    }
    const index = buildSimilarityIndex(reviews, { taxonomy: taxonomyFromConfig(loaded.config.themes) });
    const indexed = performance.now();

    if (clusters) {
      const found = findRecurrences(reviews, { index });
      if (format === 'json') writeJson(io.stdout, { clusters: found });
      else {
        io.stdout.write(describeClusters(found));
        io.stderr.write(
          `${found.length} cluster${found.length === 1 ? '' : 's'} among ${index.reviews.length} reviews (${seconds(started)} s).\n`,
        );
      }
      return EXIT.ok;
    }

    const query = await readQuery(positionals[0] as string, io);
    const queried = performance.now();
    const results = similarTo(index, query, top);
    if (format === 'json') writeJson(io.stdout, results);
    else {
      io.stdout.write(describeResults(query, results, index));
      io.stderr.write(
        `Read and indexed ${index.reviews.length} reviews in ${Math.round(indexed - started)} ms; query in ${Math.round(performance.now() - queried)} ms.\n`,
      );
    }
    return EXIT.ok;
  },
};

function parseTop(value: unknown): number {
  if (value === undefined) return DEFAULT_TOP;
  if (!/^\d+$/.test(String(value)) || Number(value) < 1)
    throw new UsageError(`--top "${String(value)}" is not a positive whole number.`, 'Example: --top 5');
  return Number(value);
}

/** The query: the (first) review of a file, or a draft from stdin parsed like any other text. */
async function readQuery(input: string, io: CliIO): Promise<Review> {
  if (input === STDIN_PATH) {
    const decoded = decode(io.stdin ? await readAll(io.stdin) : new Uint8Array(), STDIN_PATH);
    if (decoded.text === null || decoded.text.trim() === '')
      throw new UsageError(
        'Nothing to compare: stdin is empty or not text.',
        'Example: cat draft.md | hindsight similar -',
      );
    const review = parseSource({ path: STDIN_PATH, text: decoded.text, diagnostics: [] }).reviews[0]?.review;
    if (!review) throw new UsageError('Could not read a review from stdin.');
    return review;
  }
  const parsed = await parseInputs([input], io.cwd);
  if (parsed.missing.length > 0)
    throw new UsageError(`${input}: no such file.`, 'Name a review file, or - to read a draft from stdin.');
  const reviews = reviewsOf(parsed);
  const review = reviews.find((r) => r.isReview) ?? reviews[0];
  if (!review) throw new UsageError(`${input}: no review could be read from it.`);
  return review;
}

async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function describeResults(query: Review, results: readonly SimilarResult[], index: SimilarityIndex): string {
  const name = query.source.path === STDIN_PATH ? 'the draft' : query.source.path;
  const head = `Most like ${query.title ? `"${query.title}" (${name})` : name}, among ${index.reviews.length} reviews:\n`;
  if (results.length === 0) return `${head}  nothing shares enough words with it.\n`;
  const lines = results.map((r, i) => {
    const linked = r.terms[0] === LINK_TERM;
    const terms = (linked ? r.terms.slice(1) : r.terms).join(', ');
    return [
      `${String(i + 1).padStart(3)}. ${r.score.toFixed(3)}  ${r.title ?? r.id}`,
      `        ${r.path}`,
      `        ${linked ? 'linked (related) · ' : ''}shared: ${terms || '—'}`,
    ].join('\n');
  });
  return `${head}${lines.join('\n')}\n`;
}

function describeClusters(clusters: readonly RecurrenceCluster[]): string {
  if (clusters.length === 0) return 'No recurring incidents found.\n';
  return clusters
    .map((cluster, i) => {
      const members = cluster.members.map(
        (m) => `  ${m.date ?? 'no date   '}  ${m.title ?? m.id}\n              ${m.path}`,
      );
      const links = cluster.links.map((l) => `    ${l.from} ↔ ${l.to}\n      ${l.kind}: ${l.reason}`);
      return `Cluster ${i + 1}: ${cluster.members.length} reviews\n${members.join('\n')}\n  links:\n${links.join('\n')}\n`;
    })
    .join('\n');
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(2);
}
