import tsconfigPaths from 'vite-tsconfig-paths'
import { defineConfig } from 'vitest/config'

/**
 * Two projects:
 *   unit         tests/unit/**        no database, fast (`npx vitest run --project unit`)
 *   integration  tests/integration/** real SQLite files and a throwaway PostgreSQL
 *                (TEST_DATABASE_URL, or one started by tests/support/global-setup.ts)
 */
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    // Stopping PostgreSQL and removing its files happens in the global teardown.
    teardownTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/global-setup.ts'],
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
