import { type CliIO, EXIT, type ExitCode, UsageError } from './io.js';
import { version } from './version.js';
import { ConfigError } from '../config/load-config.js';

interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(io: CliIO, argv: readonly string[]): Promise<ExitCode>;
}

/** Each command's modules load only when it runs: `build` need not load the linter, nor `lint` the server. */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  parse: async () => (await import('./commands/parse.js')).parseCommand,
  lint: async () => (await import('./commands/lint.js')).lintCommand,
  new: async () => (await import('./commands/new.js')).newCommand,
  fmt: async () => (await import('./commands/fmt.js')).fmtCommand,
  stats: async () => (await import('./commands/stats.js')).statsCommand,
  actions: async () => (await import('./commands/actions.js')).actionsCommand,
  similar: async () => (await import('./commands/similar.js')).similarCommand,
  themes: async () => (await import('./commands/themes.js')).themesCommand,
  export: async () => (await import('./commands/export.js')).exportCommand,
  import: async () => (await import('./commands/import.js')).importCommand,
  build: async () => (await import('./commands/build.js')).buildCommand,
  serve: async () => (await import('./commands/serve.js')).serveCommand,
};

/** The whole CLI as a function: tests call it in process; `bin/hindsight.js` is a thin wrapper. */
export async function main(io: CliIO): Promise<ExitCode> {
  const [name, ...rest] = io.argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(await help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${await version()}\n`);
    return EXIT.ok;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.stderr.write(
      `hindsight: unknown command "${name}".\n${suggest(name)}Run \`hindsight --help\` for the list.\n`,
    );
    return EXIT.usage;
  }
  const command = await load();
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

async function help(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `Hindsight: post-incident reviews as markdown in git.\n\nUsage: hindsight <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nEvery command takes --format json and --help.\n`;
}

function suggest(name: string): string {
  const close = Object.keys(COMMANDS).find((command) => command.startsWith(name.slice(0, 2)));
  return close ? `Did you mean "${close}"?\n` : '';
}
