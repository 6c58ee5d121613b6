#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { main } from '../dist/cli/main.js';

// V8 first compiles a regular expression to bytecode and again to machine code once it runs twice. For the cause
// themes' large case-insensitive alternations that costs 50 ms of a one-review build: compiling straight to machine
// code costs 15 ms, and runs no slower (bench/out: a warm build, 2,000 reviews' themes).
setFlagsFromString('--no-regexp-tier-up');

// `hindsight parse … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await main({
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdin: process.stdin,
});
