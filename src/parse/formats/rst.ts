import { type Conversion, conversionProblem } from './conversion.js';
import { runTool } from './external-tool.js';

/**
 * reStructuredText (Sphinx) → markdown through pandoc (Debian's `pandoc`): no maintained RST parser exists in
 * JavaScript. Sphinx's `.. toctree::` (an index page's list of pages) comes out as MyST's `{toctree}` fence, which
 * the classifier knows.
 */
export async function rstToMarkdown(text: string, file: string): Promise<Conversion> {
  const result = await runTool(
    'pandoc',
    // --sandbox: an `.. include::` of a local file (/etc/passwd) must not pull it into the review.
    ['--sandbox', '--from=rst-smart', '--to=gfm', '--wrap=none'],
    withoutRoles(text),
    'pandoc',
  );
  if ('problem' in result) {
    return {
      markdown: null,
      diagnostics: [conversionProblem(file, 'converter-failed', 'error', result.problem)],
    };
  }
  const warnings = result.warnings.map((warning) =>
    conversionProblem(file, 'converter-warning', 'warning', `pandoc: ${warning}`),
  );
  return { markdown: withoutDivs(toctreeFences(result.output)), diagnostics: warnings };
}

/** Sphinx roles pandoc does not know (`:doc:`the runbook <runbooks/cache>``) would come out as code: keep their text. */
function withoutRoles(text: string): string {
  return text
    .replace(/:(?:doc|ref|term|numref|any|download):`([^`<]*?)\s*<[^>]*>`/g, '$1')
    .replace(/:(?:doc|ref|term|numref|any|download):`([^`]*)`/g, '$1');
}

/** Admonitions (`.. note::`) come out as `<div>` wrappers around markdown: the text stays, the wrappers go. */
function withoutDivs(markdown: string): string {
  return markdown.replace(/^<\/?div\b[^>]*>\n\n?/gm, '');
}

/** Pandoc writes a toctree as `<div class="toctree">` with the page names on one line. */
function toctreeFences(markdown: string): string {
  return markdown.replace(
    /<div class="toctree"[^>]*>\n\n([\s\S]*?)\n\n<\/div>/g,
    (_all, entries: string) => `\`\`\`{toctree}\n${entries.trim().split(/\s+/).join('\n')}\n\`\`\``,
  );
}
