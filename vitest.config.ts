import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{api,job,connectors,client,common,jobmanager,taskmanager,proto,deploy,test}/**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    // Fails the run when a test wrote into the checkout.
    globalSetup: ['test/harness/checkout-guard.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Multi-process tests start their own clusters; running files in parallel on 2 cores
    // would make them compete for CPU and turn timeouts into flakes.
    fileParallelism: false,
    pool: 'forks',
    // In-process JobManagers and TaskManagers log at warn; the processes tests start keep
    // info (test/harness/managed-process.ts), since tests read their logs.
    env: { SLUICE_LOG_LEVEL: 'warn' },
  },
});
