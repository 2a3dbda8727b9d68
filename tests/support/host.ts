/**
 * The BUILT production host (`node build/host/index.js`) as a child process,
 * for the multi-process and crash suites: its own port, mail captured to its
 * own directory, any database URL. Unlike support/app.ts it can be killed.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort } from './postgres'

const HOST_BUNDLE = path.resolve('build/host/index.js')

export interface HostProcess {
  url: string
  child: ChildProcess
  mailDir: string
  /** Everything it printed, for failure messages. */
  output(): string
  /** Resolves with the exit code (or signal) once it has exited. */
  exited: Promise<number | string>
  kill(signal?: NodeJS.Signals): Promise<number | string>
}

export interface HostOptions {
  databaseUrl: string
  /** Same for every process of one deployment: Message-IDs and links derive from it. */
  appOrigin?: string
  mailDir?: string
  env?: Record<string, string>
}

export async function startHost({ databaseUrl, appOrigin, mailDir, env = {} }: HostOptions): Promise<HostProcess> {
  if (!fs.existsSync(HOST_BUNDLE)) throw new Error('No production build: run `npm run build` first')
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const dir = mailDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tongxing-host-mail-'))
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    WEB_CONCURRENCY: '1',
    SEED_DEMO_DATA: 'false',
    DATABASE_URL: databaseUrl,
    MAIL_WORKER: 'true',
    MAIL_DIR: dir,
    SMTP_URL: '',
    HOST: '127.0.0.1',
    PORT: String(port),
    APP_ORIGIN: appOrigin ?? url,
    ...env,
  }
  delete childEnv.NODE_OPTIONS
  const child = spawn(process.execPath, [HOST_BUNDLE], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code ?? 0)),
  )
  const host: HostProcess = {
    url,
    child,
    mailDir: dir,
    output: () => output,
    exited,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
  await waitUntilHealthy(host)
  return host
}

async function waitUntilHealthy(host: HostProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (host.child.exitCode !== null) throw new Error(`host exited at boot:\n${host.output()}`)
    try {
      if ((await fetch(`${host.url}/resources/healthcheck`)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`host did not become healthy:\n${host.output()}`)
}

/** Captured mails (their summaries) in `dirs`, counted by Message-ID. */
export function capturedByMessageId(dirs: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue
    for (const name of fs.readdirSync(dir)) {
      if (!name.endsWith('.json')) continue
      const { messageId } = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { messageId: string }
      counts.set(messageId, (counts.get(messageId) ?? 0) + 1)
    }
  }
  return counts
}

/** POSTs a sign-up the way a browser form does; the HTTP status, or 0 when the connection failed. */
export async function postSignup(url: string, shiftId: number, cookie: string): Promise<number> {
  try {
    const response = await fetch(`${url}/shifts/${shiftId}`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        cookie,
      },
      body: 'intent=signup',
    })
    await response.arrayBuffer()
    return response.status
  } catch {
    return 0
  }
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`timed out waiting for ${what}`)
}
