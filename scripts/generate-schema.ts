/**
 * Writes schema/front-matter.schema.json from the zod schema, for editors (YAML language servers).
 * With --check, fails when the committed file is stale, so CI catches a schema change without it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { FrontMatterSchema } from '../src/model/front-matter.js';

const target = new URL('../schema/front-matter.schema.json', import.meta.url);
const generated = `${JSON.stringify(z.toJSONSchema(FrontMatterSchema, { io: 'input' }), null, 2)}\n`;

if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== generated) {
    process.stderr.write(
      'schema/front-matter.schema.json is stale: run `npm run schema` and commit the result.\n',
    );
    process.exitCode = 1;
  }
} else {
  await writeFile(target, generated);
  process.stdout.write('Wrote schema/front-matter.schema.json\n');
}
