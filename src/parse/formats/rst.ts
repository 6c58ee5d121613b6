import { type Conversion, conversionProblem } from './conversion.js';
import { runTool } from './external-tool.js';

/**
 * reStructuredText (Sphinx) → markdown through pandoc (Debian's `pandoc`): no maintained RST parser exists in
 * JavaScript. Sphinx's `.. toctree::` (an index page's list of pages) comes out as MyST's `{toctree}` fence, which
 * the classifier knows.
 */
export async function rstToMarkdown(text: string, file: string): Promise<Conversion> {
  const result = await runTool('pandoc', ['--from=rst', '--to=gfm', '--wrap=none'], text, 'pandoc');
  if ('problem' in result) {
    return {
      markdown: null,
      diagnostics: [conversionProblem(file, 'converter-failed', 'error', result.problem)],
    };
  }
  return { markdown: toctreeFences(result.output), diagnostics: [] };
}

/** Pandoc writes a toctree as `<div class="toctree">` with the page names on one line. */
function toctreeFences(markdown: string): string {
  return markdown.replace(
    /<div class="toctree"[^>]*>\n\n([\s\S]*?)\n\n<\/div>/g,
    (_all, entries: string) => `\`\`\`{toctree}\n${entries.trim().split(/\s+/).join('\n')}\n\`\`\``,
  );
}
