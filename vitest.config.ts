import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    // Hooks do real work too (a site built, a browser started), slower while other files run beside them.
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
