import type { Rule } from '../../lint/rule.js';
import type { Diagnostic } from '../../model/diagnostic.js';

const LEVELS = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0, the format GitHub code scanning and other tools read. */
export function formatSarif(
  diagnostics: readonly Diagnostic[],
  rules: readonly Rule[],
  version: string,
): unknown {
  const ids = rules.map((r) => r.id);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'hindsight',
            version,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              fullDescription: { text: rule.docs },
              defaultConfiguration: { level: LEVELS[rule.defaultSeverity] },
            })),
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.rule,
          ...(ids.includes(d.rule) && { ruleIndex: ids.indexOf(d.rule) }),
          level: LEVELS[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file.split('\\').join('/') },
                region: { startLine: d.line, startColumn: d.column },
              },
            },
          ],
        })),
      },
    ],
  };
}
