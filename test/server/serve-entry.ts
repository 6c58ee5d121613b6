// `hindsight serve` as its own process, from the TypeScript sources (bin/hindsight.js runs dist/): the CLI test
// sends it signals.
import { main } from '../../src/cli/main.js';

process.exitCode = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
