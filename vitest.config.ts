// Test settings: a fresh database per test (see test/helpers/harness.ts), two workers for a two-core machine.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/helpers/global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    // A hang detector, not a speed check: tests that spawn processes need room on a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Tests that spawn bin/quorum.js test the sources as they are, never a dist/ built from older ones.
    env: { QUORUM_FROM_SOURCE: "1" },
  },
});
