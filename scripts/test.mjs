// `npm test`: typecheck, lint, format check (prettier), the production build, unit and integration tests (vitest, on SQLite and
// PostgreSQL) and browser tests (Playwright on Debian's Chromium), then one table
// of counts and times. Every stage runs even when an earlier one fails, so one
// run shows everything that is wrong. The last line is always
// `N passed, N failed, N skipped`; the exit code is non-zero on any failure.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'

const CI = process.env.CI === 'true'
const RESULTS = 'test-results'
const VITEST_JSON = path.join(RESULTS, 'vitest.json')
const PLAYWRIGHT_JSON = path.join(RESULTS, 'playwright.json')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

mkdirSync(RESULTS, { recursive: true })
const rows = []
const runStart = Date.now()

function run(command, args) {
  const started = Date.now()
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env })
  return { ok: result.status === 0, seconds: (Date.now() - started) / 1000 }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

/** A stage without tests of its own counts as one check that passed or failed. */
function check(name, command, args) {
  console.log(`\n[test] ${name}: ${[command, ...args].join(' ')}`)
  const { ok, seconds } = run(command, args)
  rows.push({ suite: name, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, seconds })
}

check('typecheck', 'npx', ['tsc', '--noEmit'])
check('lint', 'npx', ['eslint', '.'])
check('format:check', 'npx', ['prettier', '--check', '.'])
// The integration tests drive the production build over HTTP, and the browser tests serve it.
check('build', 'npm', ['run', 'build'])

console.log('\n[test] vitest: unit and integration (SQLite and PostgreSQL)')
rmSync(VITEST_JSON, { force: true })
const vitest = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${VITEST_JSON}`,
])
const vitestReport = readJson(VITEST_JSON)
if (!vitestReport) {
  rows.push({ suite: 'vitest (no report)', passed: 0, failed: 1, skipped: 0, seconds: vitest.seconds })
} else {
  // Suites are told apart by folder; a PostgreSQL case names its dialect in its title.
  const suites = new Map()
  for (const file of vitestReport.testResults) {
    const relative = path.relative(process.cwd(), file.name)
    const suite = relative.split(path.sep)[1] ?? 'other'
    for (const test of file.assertionResults) {
      const dialect = test.ancestorTitles
        .concat(test.title)
        .join(' ')
        .match(/\[(sqlite|postgres)\]/)?.[1]
      const key = dialect ? `${suite} (${dialect.toLowerCase()})` : suite
      const row = suites.get(key) ?? { suite: key, passed: 0, failed: 0, skipped: 0, seconds: 0 }
      if (test.status === 'passed') row.passed++
      else if (test.status === 'failed') row.failed++
      else row.skipped++
      row.seconds += (test.duration ?? 0) / 1000
      suites.set(key, row)
    }
  }
  rows.push(...[...suites.values()].sort((a, b) => a.suite.localeCompare(b.suite)))
  // A failure outside any test (a crashed setup, an unhandled error) still fails the run.
  const counted = [...suites.values()].reduce((sum, row) => sum + row.failed, 0)
  if (!vitest.ok && counted === 0) rows.push({ suite: 'vitest (setup)', passed: 0, failed: 1, skipped: 0, seconds: 0 })
}

if (!existsSync(CHROMIUM) && !CI) {
  console.log(
    `\n[test] Chromium not found at ${CHROMIUM}: browser tests skipped (install with: apt-get install -y chromium fonts-noto-cjk)`,
  )
  rows.push({ suite: 'e2e (no chromium)', passed: 0, failed: 0, skipped: 1, seconds: 0 })
} else {
  console.log('\n[test] playwright: browser tests on the built app')
  rmSync(PLAYWRIGHT_JSON, { force: true })
  const playwright = run('npx', ['playwright', 'test'])
  const stats = readJson(PLAYWRIGHT_JSON)?.stats
  if (!stats) rows.push({ suite: 'e2e (no report)', passed: 0, failed: 1, skipped: 0, seconds: playwright.seconds })
  else {
    const failed = stats.unexpected + stats.flaky
    rows.push({
      suite: 'e2e',
      passed: stats.expected,
      failed: failed === 0 && !playwright.ok ? 1 : failed,
      skipped: stats.skipped,
      seconds: playwright.seconds,
    })
  }
}

const total = rows.reduce(
  (sum, row) => ({
    passed: sum.passed + row.passed,
    failed: sum.failed + row.failed,
    skipped: sum.skipped + row.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
)
const width = Math.max(...rows.map((row) => row.suite.length), 5)
const line = (cells) =>
  cells.map((cell, i) => (i === 0 ? String(cell).padEnd(width) : String(cell).padStart(8))).join('  ')
console.log(`\n${line(['suite', 'passed', 'failed', 'skipped', 'seconds'])}`)
for (const row of rows) console.log(line([row.suite, row.passed, row.failed, row.skipped, row.seconds.toFixed(1)]))
console.log(`\n[test] npm test took ${((Date.now() - runStart) / 1000).toFixed(0)} s`)
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
process.exit(total.failed > 0 ? 1 : 0)
