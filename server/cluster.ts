/**
 * The primary of a multi-process server: forks `workers` processes (each
 * serving on the shared port, node:cluster hands out connections), replaces one
 * that dies unexpectedly, and on SIGTERM/SIGINT asks every worker to shut down
 * gracefully, exiting once they are gone (or killing them after a timeout).
 * Each worker knows its slot (1..N) through WORKER_SLOT, so a replacement
 * inherits the first worker's background jobs.
 */
import cluster, { type Worker } from 'node:cluster'

export const WORKER_SLOT = 'TONGXING_WORKER_SLOT'
/** Longer than a worker's own drain timeout (server/serve.ts), so workers finish on their own first. */
const SHUTDOWN_TIMEOUT_MS = 15_000
const RESPAWN_DELAY_MS = 1000

export function runPrimary({ workers, exec }: { workers: number; exec: string }) {
  cluster.setupPrimary({ exec })
  const slots = new Map<Worker, number>()
  let stopping = false

  const fork = (slot: number) => {
    const worker = cluster.fork({ [WORKER_SLOT]: String(slot) })
    slots.set(worker, slot)
  }

  cluster.on('exit', (worker, code, signal) => {
    const slot = slots.get(worker)
    slots.delete(worker)
    if (stopping) {
      if (slots.size === 0) process.exit(0)
      return
    }
    console.error(`[cluster] worker ${slot} exited (${signal ?? code}); starting another`)
    if (slot !== undefined) setTimeout(() => stopping || fork(slot), RESPAWN_DELAY_MS)
  })

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    console.log(`[cluster] ${signal}: stopping ${slots.size} workers`)
    if (slots.size === 0) process.exit(0)
    for (const worker of slots.keys()) worker.process.kill('SIGTERM')
    setTimeout(() => {
      for (const worker of slots.keys()) worker.process.kill('SIGKILL')
      process.exit(1)
    }, SHUTDOWN_TIMEOUT_MS).unref()
  }
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  process.on('SIGINT', () => shutdown('SIGINT'))

  let listening = 0
  cluster.on('listening', (_worker, address) => {
    if (++listening !== workers) return
    const host =
      !address.address || address.address === '0.0.0.0' || address.address === '::' ? 'localhost' : address.address
    console.log(`[tongxing] serving at http://${host}:${address.port} (${workers} workers)`)
  })

  console.log(`[cluster] primary ${process.pid}: ${workers} workers`)
  for (let slot = 1; slot <= workers; slot++) fork(slot)
}
