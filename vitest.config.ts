import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    exclude: ['node_modules', 'data'],
    // Builds dist/client when stale, before any test: pages in tests carry the current islands.
    globalSetup: ['test/support/client-build.ts'],
    // Safety nets, not speed checks: starting a PGlite (WebAssembly PostgreSQL) takes most of a
    // minute when the machine's two cores are shared with other work.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are memory-hungry; a few workers keep the suite fast without swapping.
    maxWorkers: 4,
  },
});
