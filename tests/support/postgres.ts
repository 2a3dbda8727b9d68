/**
 * A throwaway PostgreSQL server for the integration tests.
 *
 * `TEST_DATABASE_URL` wins when set. Otherwise initdb + pg_ctl start a private
 * cluster in a temp dir: 127.0.0.1 only, a free port, the unix socket inside the
 * temp dir, trust auth, fsync off. PostgreSQL refuses to run as root, so as root
 * the dir is chowned to `postgres` and the binaries run through runuser (or su).
 * TEST_POSTGRES=off pretends PostgreSQL is missing (its suites then show as skipped).
 */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'

const run = promisify(execFile)

export const TEMPLATE_DATABASE = 'tongxing_template'

export interface PostgresServer {
  /** Admin URL (database `postgres` or whatever TEST_DATABASE_URL names). */
  url: string
  stop(): Promise<void>
}

/** The directory holding initdb, pg_ctl and postgres, or undefined when PostgreSQL is not installed. */
export function findPostgresBinDir(): string | undefined {
  // TEST_POSTGRES=off: behave as if PostgreSQL were not installed (a quick SQLite-only run).
  if (process.env.TEST_POSTGRES === 'off') return undefined
  const candidates: string[] = []
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir) candidates.push(dir)
  }
  candidates.push('/usr/local/bin')
  const versioned = '/usr/lib/postgresql'
  if (fs.existsSync(versioned)) {
    const versions = fs
      .readdirSync(versioned)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))
    // 15 is what production runs; prefer it, then the newest.
    versions.sort((a, b) => Number(b === '15') - Number(a === '15'))
    for (const v of versions) candidates.push(path.join(versioned, v, 'bin'))
  }
  for (const dir of candidates) {
    const initdb = path.join(dir, 'initdb')
    if (!fs.existsSync(initdb) || !fs.existsSync(path.join(dir, 'pg_ctl'))) continue
    // initdb finds `postgres` beside its real path; /usr/local/bin holds symlinks.
    const real = path.dirname(fs.realpathSync(initdb))
    if (fs.existsSync(path.join(real, 'postgres')) && fs.existsSync(path.join(real, 'pg_ctl'))) return real
  }
  return undefined
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))))
    })
  })
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`
}

const hasRunuser = () => fs.existsSync('/usr/sbin/runuser') || fs.existsSync('/sbin/runuser')

/** The command line that runs `binary` as the `postgres` user when we are root. */
function asPostgresUser(binary: string, args: string[]): [string, string[]] {
  if (!isRoot()) return [binary, args]
  if (hasRunuser()) return ['runuser', ['-u', 'postgres', '--', binary, ...args]]
  return ['su', ['postgres', '-s', '/bin/sh', '-c', [binary, ...args].map(shellQuote).join(' ')]]
}

/** Runs a PostgreSQL binary, as the `postgres` user when we are root. */
async function runPg(binary: string, args: string[], cwd: string): Promise<void> {
  const [command, commandArgs] = asPostgresUser(binary, args)
  try {
    await run(command, commandArgs, { cwd, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 })
  } catch (error) {
    const e = error as Error & { stdout?: string; stderr?: string }
    throw new Error(
      `${path.basename(binary)} ${args.join(' ')} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`,
    )
  }
}

/**
 * A detached process that stops the cluster and deletes its dir once `parentPid`
 * is gone: vitest killed by a signal, or by a closed pipe, runs no teardown.
 */
const WATCHDOG = `
const [parentPid, command, argsJson, dir] = process.argv.slice(1)
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const alive = () => { try { process.kill(Number(parentPid), 0); return true } catch { return false } }
const timer = setInterval(() => {
  if (alive()) return
  clearInterval(timer)
  try { execFileSync(command, JSON.parse(argsJson), { cwd: dir, stdio: 'ignore', timeout: 60000 }) } catch {}
  fs.rmSync(dir, { recursive: true, force: true })
}, 1000)
`

function startWatchdog(stopCommand: [string, string[]], dir: string): ChildProcess {
  const env = { ...process.env }
  delete env.NODE_OPTIONS
  const child = spawn(
    process.execPath,
    ['-e', WATCHDOG, String(process.pid), stopCommand[0], JSON.stringify(stopCommand[1]), dir],
    { detached: true, stdio: 'ignore', cwd: dir, env },
  )
  child.unref()
  return child
}

/** Starts a private PostgreSQL cluster; undefined when the binaries are missing. */
export async function startPostgres(): Promise<PostgresServer | undefined> {
  const bin = findPostgresBinDir()
  if (!bin) return undefined

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxing-pg-'))
  const dataDir = path.join(dir, 'data')
  const logFile = path.join(dir, 'postgres.log')
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true })
  try {
    if (isRoot()) {
      const { stdout } = await run('id', ['-u', 'postgres'])
      const { stdout: gid } = await run('id', ['-g', 'postgres'])
      fs.chownSync(dir, Number(stdout.trim()), Number(gid.trim()))
    }
    fs.chmodSync(dir, 0o700)
    await runPg(
      path.join(bin, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
      dir,
    )

    let lastError: unknown
    for (let attempt = 1; attempt <= 3; attempt++) {
      const port = await freePort()
      const serverOptions = [
        `-p ${port}`,
        `-c listen_addresses=127.0.0.1`,
        `-c unix_socket_directories=${dir}`,
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
        // Far from Shanghai and not UTC: Instants and monthOf must not depend on the session zone.
        '-c timezone=America/Los_Angeles',
      ].join(' ')
      try {
        await runPg(
          path.join(bin, 'pg_ctl'),
          ['start', '-w', '-t', '60', '-D', dataDir, '-l', logFile, '-o', serverOptions],
          dir,
        )
      } catch (error) {
        // Another process may have taken the port between freePort() and the start.
        lastError = new Error(`${(error as Error).message}\n${readLog(logFile)}`)
        continue
      }
      const url = `postgres://postgres@127.0.0.1:${port}/postgres`
      const stopArgs = ['stop', '-m', 'immediate', '-w', '-D', dataDir]
      const stopCommand = asPostgresUser(path.join(bin, 'pg_ctl'), stopArgs)
      const watchdog = startWatchdog(stopCommand, dir)
      let stopped = false
      // An exit without teardown (an uncaught error): stop at once rather than wait for the watchdog.
      const onExit = () => {
        if (stopped) return
        stopped = true
        try {
          execFileSync(stopCommand[0], stopCommand[1], { cwd: dir, stdio: 'ignore', timeout: 30_000 })
        } catch {
          // The watchdog tries again.
        }
        removeDir()
      }
      process.once('exit', onExit)
      return {
        url,
        async stop() {
          if (stopped) return
          stopped = true
          process.off('exit', onExit)
          try {
            await runPg(path.join(bin, 'pg_ctl'), stopArgs, dir)
          } finally {
            removeDir()
            try {
              if (watchdog.pid) process.kill(watchdog.pid)
            } catch {
              // Already gone.
            }
          }
        },
      }
    }
    throw lastError
  } catch (error) {
    removeDir()
    throw error
  }
}

function readLog(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').slice(-4000)
  } catch {
    return ''
  }
}

/** `url` with its database name replaced. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

/** Runs `fn` with a client on the admin URL. */
export async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'tongxing-tests' })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`
