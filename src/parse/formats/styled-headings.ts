import type { Element, Root } from 'hast';
import { select, selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';
import { classifyHeading } from '../headings.js';

interface TextStyle {
  readonly bold: boolean;
  readonly sizePt: number | null;
}

/** Class → style from the page's `<style>` rules (Google Docs styles every run through classes like `.c7`). */
export function documentStyles(tree: Root): Map<string, TextStyle> {
  const css = selectAll('style', tree)
    .map((style) => toText(style))
    .join('\n');
  const styles = new Map<string, TextStyle>();
  for (const rule of css.matchAll(/\.([\w-]+)\s*\{([^}]*)\}/g)) {
    styles.set(rule[1] as string, declarationsStyle(rule[2] as string));
  }
  return styles;
}

function declarationsStyle(declarations: string): TextStyle {
  const weight = /font-weight\s*:\s*(\w+)/i.exec(declarations)?.[1] ?? '';
  const size = /font-size\s*:\s*([\d.]+)pt/i.exec(declarations)?.[1];
  return { bold: weight === 'bold' || Number(weight) >= 600, sizePt: size ? Number(size) : null };
}

/**
 * Google Docs exports headings as paragraphs whose text is large or bold (`<p class="c3"><span class="c9">`). A
 * short paragraph set entirely in large type becomes a heading sized by its type; one only in bold, when it names
 * a section ("Root cause", "Action items").
 */
export function markStyledHeadings(root: Root, styles: ReadonlyMap<string, TextStyle>): void {
  // Most pages style nothing this way: one look says so before every paragraph is examined.
  if (styles.size === 0 && select('p.title, p[style], p [style]', root) === undefined) return;
  const styleOf = (element: Element): TextStyle => {
    const classes = (element.properties.className as string[] | undefined) ?? [];
    const inline = declarationsStyle(element.properties.style?.toString() ?? '');
    const fromClasses = classes.map((c) => styles.get(c)).filter((s) => s !== undefined);
    return {
      bold: inline.bold || fromClasses.some((s) => s.bold) || ['b', 'strong'].includes(element.tagName),
      sizePt: inline.sizePt ?? fromClasses.find((s) => s.sizePt !== null)?.sizePt ?? null,
    };
  };
  for (const paragraph of selectAll('p', root)) {
    const classes = (paragraph.properties.className as string[] | undefined) ?? [];
    const text = toText(paragraph).trim();
    if (text === '' || text.length > 80 || /[.,;:]$/.test(text)) continue;
    if (classes.includes('title')) {
      paragraph.tagName = 'h1';
      continue;
    }
    const runs = selectAll('span, b, strong', paragraph).filter((run) => toText(run).trim() !== '');
    if (runs.length === 0) continue;
    const runStyles = runs.map(styleOf);
    const size = Math.min(...runStyles.map((s) => s.sizePt ?? 0));
    const bold = runStyles.every((s) => s.bold);
    if (size >= 20) paragraph.tagName = 'h1';
    else if (size >= 16) paragraph.tagName = 'h2';
    else if (bold && classifyHeading(text) !== 'other') paragraph.tagName = 'h2';
    else if (size >= 13) paragraph.tagName = 'h3';
  }
}
