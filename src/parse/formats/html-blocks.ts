import type { Element, ElementContent, Root, Text } from 'hast';
import { selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';

/**
 * Rewrites of an HTML page's blocks into the shapes the review parser reads: Confluence tasks and page properties,
 * Asciidoctor's checklists and loose items, `<time datetime>` stamps in timelines.
 */

/** Confluence task lists mark done items with a class; checkboxes make them GFM task items. */
export function markConfluenceTasks(root: Root): void {
  for (const item of selectAll('ul.inline-task-list > li, li[data-inline-task-id]', root)) {
    const classes = (item.properties.className as string[] | undefined) ?? [];
    const checkbox: Element = {
      type: 'element',
      tagName: 'input',
      properties: { type: 'checkbox', checked: classes.includes('checked') },
      children: [],
    };
    item.children.unshift(checkbox);
  }
}

/**
 * A table whose every row is a header cell and a value (Confluence's page properties: "Severity | SEV-2") is a list
 * of fields; written as `- **Severity:** SEV-2` the review parser reads them as fields.
 */
export function fieldTablesToLists(root: Root): void {
  for (const table of selectAll('table', root)) {
    const rows = selectAll('tr', table);
    const fieldRows = rows.filter((row) => {
      const cells = row.children.filter((c): c is Element => c.type === 'element');
      return cells.length === 2 && cells[0]?.tagName === 'th' && cells[1]?.tagName === 'td';
    });
    if (rows.length === 0 || fieldRows.length !== rows.length) continue;
    const items = fieldRows.map((row): Element => {
      const [label, value] = row.children.filter((c): c is Element => c.type === 'element') as [
        Element,
        Element,
      ];
      const strong: Element = {
        type: 'element',
        tagName: 'strong',
        properties: {},
        children: [{ type: 'text', value: `${toText(label).trim()}:` }],
      };
      return {
        type: 'element',
        tagName: 'li',
        properties: {},
        children: [strong, { type: 'text', value: ' ' }, ...value.children],
      };
    });
    table.tagName = 'ul';
    table.properties = {};
    table.children = items;
  }
}

const GLYPH_CHECKBOX = /^\s*([✓✔☑☒❏☐])\s*/u;

/**
 * An item holding one paragraph is a tight item (Asciidoctor wraps every item's text in `<p>`); a leading
 * check glyph (Asciidoctor's checklists: ✓ done, ❏ open) becomes a checkbox.
 */
export function tightenListItems(root: Root): void {
  for (const item of selectAll('li', root)) {
    const elements = item.children.filter((c) => c.type === 'element');
    const only = elements[0];
    if (elements.length === 1 && only?.tagName === 'p') {
      item.children = item.children.flatMap((c) =>
        c === only ? only.children : c.type === 'text' ? [] : [c],
      );
    }
    const first = item.children[0];
    const glyph = first?.type === 'text' ? GLYPH_CHECKBOX.exec(first.value) : null;
    if (first?.type === 'text' && glyph) {
      first.value = first.value.slice(glyph[0].length);
      item.children.unshift({
        type: 'element',
        tagName: 'input',
        properties: { type: 'checkbox', checked: !/[❏☐]/u.test(glyph[1] as string) },
        children: [],
      });
    }
  }
}

/**
 * A `<time datetime>` in a timeline row or item stamps it with its full date and time, which the timeline reader
 * needs; the words shown on the page stay beside it.
 */
export function stampTimes(root: Root): void {
  for (const time of selectAll('td time[datetime], li time[datetime]', root)) {
    const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::[\d.]+)?(Z|[+-]00:?00)?)?/.exec(
      time.properties.dateTime?.toString() ?? '',
    );
    if (!match) continue;
    const stamp = [match[1], match[2], match[3] ? 'UTC' : undefined].filter(Boolean).join(' ');
    const shown = toText(time).trim();
    const text: Text = {
      type: 'text',
      value: shown === '' || stamp.includes(shown) ? stamp : `${stamp} (${shown})`,
    };
    time.children = [text as ElementContent];
  }
}
