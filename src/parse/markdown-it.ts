import { createRequire } from 'node:module';
import type MarkdownItModule from 'markdown-it';

/**
 * markdown-it's constructor, from its one-file CommonJS build: its ES module build is 53 files, and loading them took
 * 40 ms of every command's start-up against 15 ms for the one file (Node 20).
 */
export const MarkdownIt = createRequire(import.meta.url)('markdown-it') as typeof MarkdownItModule;
