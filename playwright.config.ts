import { defineConfig, devices } from '@playwright/test'
import { CHROMIUM_PATH } from './tests/e2e/chromium'

const PORT = Number(process.env.E2E_PORT ?? 3210)
const DATABASE_FILE = 'test-results/e2e/tongxing.db'

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/playwright',
  forbidOnly: process.env.CI === 'true',
  fullyParallel: false,
  workers: 1,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      // The machine has no network: keep Chromium from trying to reach Google's services.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    // A fresh SQLite file each run: the app migrates and seeds it on boot.
    command: `rm -rf test-results/e2e && mkdir -p test-results/e2e && node scripts/start.mjs`,
    url: `http://127.0.0.1:${PORT}/resources/healthcheck`,
    reuseExistingServer: false,
    timeout: 180_000,
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: DATABASE_FILE,
      MAIL_DIR: 'test-results/e2e/mail',
      NODE_ENV: 'production',
    },
    stdout: 'pipe',
  },
})
