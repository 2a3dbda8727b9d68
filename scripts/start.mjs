// `npm start`: builds the production app when there is no build or the sources
// are newer than it, then serves it (the host migrates and seeds on boot).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const HOST_BUNDLE = 'build/host/index.js'
const SOURCES = ['app', 'db', 'emails', 'server', 'public', 'vite.config.ts', 'package.json', 'package-lock.json']

function newestMtime(entry) {
  if (!existsSync(entry)) return 0
  const stat = statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))))
}

const stale =
  !existsSync(HOST_BUNDLE) ||
  !existsSync('build/server/index.js') ||
  Math.max(...SOURCES.map(newestMtime)) > statSync(HOST_BUNDLE).mtimeMs
if (stale) {
  console.log('[start] building the production app…')
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

process.env.NODE_ENV = 'production'
await import(pathToFileURL(path.resolve(HOST_BUNDLE)).href)
