import { actionsCommand } from './commands/actions.js';
import { buildCommand } from './commands/build.js';
import { exportCommand } from './commands/export.js';
import { fmtCommand } from './commands/fmt.js';
import { importCommand } from './commands/import.js';
import { lintCommand } from './commands/lint.js';
import { newCommand } from './commands/new.js';
import { parseCommand } from './commands/parse.js';
import { serveCommand } from './commands/serve.js';
import { similarCommand } from './commands/similar.js';
import { statsCommand } from './commands/stats.js';
import { themesCommand } from './commands/themes.js';
import { type CliIO, EXIT, type ExitCode, UsageError } from './io.js';
import { version } from './version.js';
import { ConfigError } from '../config/load-config.js';

interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(io: CliIO, argv: readonly string[]): Promise<ExitCode>;
}

const COMMANDS: readonly Command[] = [
  parseCommand,
  lintCommand,
  newCommand,
  fmtCommand,
  statsCommand,
  actionsCommand,
  similarCommand,
  themesCommand,
  exportCommand,
  importCommand,
  buildCommand,
  serveCommand,
];

/** The whole CLI as a function: tests call it in process; `bin/hindsight.js` is a thin wrapper. */
export async function main(io: CliIO): Promise<ExitCode> {
  const [name, ...rest] = io.argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${await version()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(
      `hindsight: unknown command "${name}".\n${suggest(name)}Run \`hindsight --help\` for the list.\n`,
    );
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(io, rest);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(
        `hindsight ${name}: the configuration cannot be used:\n${error.problems.map((p) => `  ${p}`).join('\n')}\n`,
      );
      return EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`hindsight ${name}: ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
      return EXIT.usage;
    }
    const detail = io.env.DEBUG ? `\n${(error as Error).stack}` : ' (set DEBUG=1 to see the stack)';
    io.stderr.write(`hindsight ${name}: internal error: ${(error as Error).message}${detail}\n`);
    return EXIT.usage;
  }
}

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Hindsight: post-incident reviews as markdown in git.\n\nUsage: hindsight <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nEvery command takes --format json and --help.\n`;
}

function suggest(name: string): string {
  const close = COMMANDS.find((c) => c.name.startsWith(name.slice(0, 2)));
  return close ? `Did you mean "${close.name}"?\n` : '';
}
