/**
 * `npm start` with WEB_CONCURRENCY=2 on SQLite: the primary migrates once and forks two workers,
 * only worker 1 runs the outbox and reminders, a worker killed outright is replaced while the
 * other keeps serving, and SIGTERM drains everything and exits 0.
 */
import { execFileSync } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import { migrations } from '#db/migrations'
import { createEmptyDatabase, type EmptyDatabase } from '../../support/databases'
import { startHost, waitFor, type HostProcess } from '../../support/host'

const workerPids = (primary: number) =>
  execFileSync('pgrep', ['-P', String(primary)], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(Number)

describe('one worker per core', () => {
  let empty: EmptyDatabase | undefined
  let host: HostProcess | undefined

  afterAll(async () => {
    await host?.kill('SIGKILL')
    await empty?.drop()
  })

  it(
    'migrates once, elects one job process, replaces a dead worker and drains on SIGTERM',
    { timeout: 120_000 },
    async () => {
      empty = await createEmptyDatabase('sqlite')
      host = await startHost({ databaseUrl: empty.url, env: { WEB_CONCURRENCY: '2' } })
      await waitFor(async () => host!.output().includes('(2 workers)'), 30_000, 'both workers to listen')
      const out = host.output()
      for (const m of migrations) expect(out.split(`[db] migrated ${m.name}`).length - 1, m.name).toBe(1)
      expect(out).toContain('[worker 1] [mail]')
      expect(out).not.toContain('[worker 2] [mail]')

      const pids = workerPids(host.child.pid!)
      expect(pids).toHaveLength(2)
      process.kill(pids[0]!, 'SIGKILL')
      for (let i = 0; i < 10; i++) expect((await fetch(`${host.url}/resources/healthcheck`)).status).toBe(200)
      await waitFor(async () => workerPids(host!.child.pid!).length === 2, 30_000, 'a replacement worker')
      expect(host.output()).toMatch(/\[cluster\] worker \d exited \(SIGKILL\); starting another/)

      expect(await host.kill('SIGTERM')).toBe(0)
      expect(host.output()).toContain('[cluster] SIGTERM: stopping 2 workers')
    },
  )
})
