// tsc compiles TypeScript only: the renderer's stylesheet and client scripts are copied beside its compiled code.
import { cpSync } from 'node:fs';

cpSync('src/render/html/assets', 'dist/render/html/assets', { recursive: true });
cpSync('src/server/assets', 'dist/server/assets', { recursive: true });
