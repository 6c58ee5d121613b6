/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and says where the time went: self time by area (our
 * code, each npm package, Node internals, GC) and the functions with the most self time.
 * `node --import tsx bench/cpu-profile.ts <file.cpuprofile>` prints the same summary for any profile.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface ProfileNode {
  readonly id: number;
  readonly children?: readonly number[];
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

interface Place {
  readonly area: string;
  readonly label: string;
  readonly ours: boolean;
}

function placeOf(node: ProfileNode, root: string): Place {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = functionName === '' ? '(anonymous)' : functionName;
  if (url === '') return { area: name.startsWith('(') ? name : 'V8 / native', label: name, ours: false };
  if (url.startsWith('node:')) return { area: 'Node internals', label: `${name} ${url}`, ours: false };
  const path = url.startsWith('file:') ? fileURLToPath(url) : url;
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
  if (packageMatch)
    return { area: packageMatch[1] ?? 'node_modules', label: `${name} (${packageMatch[1]})`, ours: false };
  const ownMatch = /\/(dist|src)\/(.+)\.(js|ts)$/.exec(
    path.startsWith(root) ? path.slice(root.length - 1) : '',
  );
  if (ownMatch)
    return {
      area: 'our code',
      label: `${name} — src/${ownMatch[2]}.ts (${ownMatch[1]}:${lineNumber + 1})`,
      ours: true,
    };
  return { area: 'other', label: `${name} ${path}:${lineNumber + 1}`, ours: false };
}

function percent(part: number, total: number): string {
  return `${((100 * part) / total).toFixed(1)}%`.padStart(6);
}

function ms(us: number): string {
  return `${Math.round(us / 1000)} ms`.padStart(9);
}

/** Lines of text: the areas, then the top functions of our code and overall. */
export function summariseProfile(file: string, root: string, top = 10): string[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfById = new Map<number, number>();
  // The time up to the next sample belongs to this sample's function.
  profile.samples.forEach((id, i) => {
    selfById.set(id, (selfById.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  const rootDir = root.endsWith('/') ? root : `${root}/`;
  const areas = new Map<string, number>();
  const functions = new Map<string, { us: number; ours: boolean }>();
  let total = 0;
  for (const [id, us] of selfById) {
    const node = byId.get(id);
    if (!node) continue;
    const place = placeOf(node, rootDir);
    if (place.area === '(idle)') continue;
    total += us;
    areas.set(place.area, (areas.get(place.area) ?? 0) + us);
    const entry = functions.get(place.label) ?? { us: 0, ours: place.ours };
    entry.us += us;
    functions.set(place.label, entry);
  }
  // Total (inclusive) time of our functions: each sample counts once for every function on its stack.
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const inclusive = new Map<string, number>();
  for (const [id, us] of selfById) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (!node) break;
      const place = placeOf(node, rootDir);
      if (place.area === '(idle)') break;
      if (place.ours && !seen.has(place.label)) {
        seen.add(place.label);
        inclusive.set(place.label, (inclusive.get(place.label) ?? 0) + us);
      }
    }
  }
  const lines = [
    `Sampled CPU time (excluding idle): ${Math.round(total / 1000)} ms`,
    '',
    'Self time by area:',
  ];
  for (const [area, us] of [...areas].sort((a, b) => b[1] - a[1]).slice(0, top))
    lines.push(`  ${percent(us, total)} ${ms(us)}  ${area}`);
  const ranked = [...functions].sort((a, b) => b[1].us - a[1].us);
  lines.push('', `Top ${top} functions of our code by self time:`);
  for (const [label, { us }] of ranked.filter(([, f]) => f.ours).slice(0, top))
    lines.push(`  ${percent(us, total)} ${ms(us)}  ${label}`);
  lines.push('', `Top ${top * 2} functions of our code by total time (self + callees):`);
  for (const [label, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top * 2))
    lines.push(`  ${percent(us, total)} ${ms(us)}  ${label}`);
  lines.push('', `Top ${top} functions overall by self time:`);
  for (const [label, { us }] of ranked.slice(0, top))
    lines.push(`  ${percent(us, total)} ${ms(us)}  ${label}`);
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: node --import tsx bench/cpu-profile.ts <file.cpuprofile>');
  console.log(summariseProfile(file, fileURLToPath(new URL('..', import.meta.url))).join('\n'));
}
