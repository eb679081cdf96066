import { defineConfig } from "vitest/config";

/**
 * Integration suites run once per dialect: always on SQLite, and on PostgreSQL when
 * TEST_DATABASE_URL is set (CI sets it). Each test file gets its own fresh database.
 */
const integration = (dialect: "sqlite" | "postgres") => ({
  test: {
    name: `integration-${dialect}`,
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    env: { TEST_DIALECT: dialect },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      integration("sqlite"),
      ...(process.env.TEST_DATABASE_URL ? [integration("postgres")] : []),
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.e2e.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
