import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ['test/setup.ts'],
    // console.* output is shown for failing tests only; test/setup.ts holds
    // what is written straight to stdout/stderr the same way.
    silent: 'passed-only',
    pool: 'forks',
    // CI also writes a JSON summary, from which .ci/run prints its closing
    // "N passed, N failed" line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.vitest/results.json' },
  },
});
