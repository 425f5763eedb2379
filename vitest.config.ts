import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll waits for the UI and jobs; its 1 s default is shorter than a job's start on a slow, busy CI machine.
    expect: { poll: { timeout: 20_000 } },
    // onnxruntime and LanceDB hold native threads; forks isolate them per file.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
