/**
 * Writes the JSON Schemas editors use (YAML/JSON language servers) from the zod schemas: the front matter of a
 * review and hindsight.config. With --check, fails when a committed file is stale, so CI catches a schema change
 * that was not regenerated.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { ConfigSchema } from '../src/config/config.js';
import { FrontMatterSchema } from '../src/model/front-matter.js';

const SCHEMAS: ReadonlyArray<readonly [string, z.ZodType]> = [
  ['schema/front-matter.schema.json', FrontMatterSchema],
  ['schema/config.schema.json', ConfigSchema],
];

const check = process.argv.includes('--check');
for (const [path, schema] of SCHEMAS) {
  const target = new URL(`../${path}`, import.meta.url);
  const generated = `${JSON.stringify(z.toJSONSchema(schema, { io: 'input' }), null, 2)}\n`;
  if (check) {
    const current = await readFile(target, 'utf8').catch(() => '');
    if (current !== generated) {
      process.stderr.write(`${path} is stale: run \`npm run schema\` and commit the result.\n`);
      process.exitCode = 1;
    }
  } else {
    await writeFile(target, generated);
    process.stdout.write(`Wrote ${path}\n`);
  }
}
