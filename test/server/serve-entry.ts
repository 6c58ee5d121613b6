// `hindsight serve` as its own process, from the TypeScript sources (bin/hindsight.js runs dist/): the CLI test
// sends it signals.
import { main } from '../../src/cli/main.js';

const { argv, stdout, stderr, env } = process;
process.exitCode = await main({ argv: argv.slice(2), cwd: process.cwd(), stdout, stderr, env });
