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
      // A connection the primary handed to the dying worker may fail; the replacement then serves.
      await waitFor(
        async () => workerPids(host!.child.pid!).filter((pid) => !pids.includes(pid)).length === 1,
        30_000,
        'a replacement worker',
      )
      const slot = /\[cluster\] worker (\d) exited \(SIGKILL\); starting another/.exec(host.output())?.[1]
      expect(slot).toBeDefined()
      // A replacement of worker 1 takes over its jobs; worker 2's replacement runs none.
      const jobLines = () => host!.output().split('[worker 1] [mail]').length - 1
      if (slot === '1') await waitFor(async () => jobLines() === 2, 30_000, 'the jobs to move')
      expect(host.output()).not.toContain('[worker 2] [mail]')
      for (let i = 0; i < 6; i++) {
        const health = await fetch(`${host.url}/resources/healthcheck`, { signal: AbortSignal.timeout(10_000) })
        expect(health.status).toBe(200)
      }

      expect(await host.kill('SIGTERM')).toBe(0)
      expect(host.output()).toContain('[cluster] SIGTERM: stopping 2 workers')
    },
  )
})
