/**
 * Layering rules that a type checker cannot see:
 * - nothing under app/ names a database engine: dialect differences live in db/dialect.ts;
 * - routes are adapters: they call domain modules, never Kysely or the connection directly.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const appDir = path.join(root, 'app')

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? walk(full) : [full]
  })
}

const rel = (file: string) => path.relative(root, file)

interface Hit {
  file: string
  line: number
  text: string
}

/** Lines of `files` that match `pattern`, as `path:line: text`. */
function grep(files: string[], pattern: RegExp): string[] {
  const hits: Hit[] = []
  for (const file of files) {
    fs.readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        if (pattern.test(text)) hits.push({ file: rel(file), line: i + 1, text: text.trim() })
      })
  }
  return hits.map((h) => `${h.file}:${h.line}: ${h.text}`)
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm

/** Module specifiers a source file imports or re-exports. */
function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => m[1]!)
}

const MENTIONS_ENGINE = /sqlite|postgres/i
const IMPORTS_PG = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"]pg(?:\/[^'"]*)?['"]/m

/** The same list eslint.config.js gives routes, plus relative paths into db/. */
const ROUTE_FORBIDDEN = [/^kysely(\/|$)/, /^better-sqlite3$/, /^pg(\/|$)/, /^#db\/(connect|dialect|migrate|seed)/]
const FORBIDDEN_DB_FILES = /(^|\/)db\/(connect|dialect|migrate|seed)(\.ts|\/|$)/

function forbiddenRouteImports(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8')
  return importsOf(source)
    .filter((spec) => {
      if (ROUTE_FORBIDDEN.some((re) => re.test(spec))) return true
      if (!spec.startsWith('.')) return false
      const target = path
        .relative(root, path.resolve(path.dirname(file), spec))
        .split(path.sep)
        .join('/')
      return FORBIDDEN_DB_FILES.test(target)
    })
    .map((spec) => `${rel(file)} imports '${spec}'`)
}

/**
 * The argument text of every `.set(…)` call in `source` (balanced parentheses),
 * with the table of the nearest `updateTable('…')` before it.
 */
function setCalls(source: string): { table: string | null; text: string; line: number }[] {
  const calls: { table: string | null; text: string; line: number }[] = []
  for (const match of source.matchAll(/\.set\(/g)) {
    let depth = 1
    let end = match.index + match[0].length
    while (end < source.length && depth > 0) {
      if (source[end] === '(') depth++
      else if (source[end] === ')') depth--
      end++
    }
    const before = source.slice(0, match.index)
    const table = [...before.matchAll(/updateTable\(\s*'(\w+)/g)].at(-1)?.[1] ?? null
    calls.push({ table, text: source.slice(match.index, end), line: before.split('\n').length })
  }
  return calls
}

const SEAT_MODULE = path.join(appDir, 'domain/signups/seats.server.ts')

/** `.set(` calls outside the seat module that write seat state: the count, waitlist positions, a sign-up's status. */
function seatWritesOutsideSeatModule(files: string[]): string[] {
  return files
    .filter((file) => file !== SEAT_MODULE && /\.(ts|tsx)$/.test(file))
    .flatMap((file) =>
      setCalls(fs.readFileSync(file, 'utf8'))
        .filter(
          (call) =>
            /confirmed_count|waitlist_position/.test(call.text) ||
            (call.table === 'signup' && /(^|[^\w])status\s*:/.test(call.text)),
        )
        .map((call) => `${rel(file)}:${call.line}: ${call.text.split('\n')[0]}`),
    )
}

const appFiles = walk(appDir)
const routeFiles = appFiles.filter((f) => f.startsWith(path.join(appDir, 'routes') + path.sep))

describe('architecture', () => {
  it('scans the app', () => {
    expect(appFiles.length).toBeGreaterThan(10)
    expect(routeFiles.length).toBeGreaterThan(2)
  })

  it('recognises the patterns it forbids', () => {
    // Guards against a regex that silently matches nothing.
    expect(
      importsOf(`import { sql } from 'kysely'\nimport type { X } from "#db/connect"\nconst m = await import('pg')`),
    ).toEqual(['kysely', '#db/connect', 'pg'])
    expect(IMPORTS_PG.test(`import pg from 'pg'`)).toBe(true)
    expect(IMPORTS_PG.test(`export { types } from "pg"`)).toBe(true)
    expect(IMPORTS_PG.test(`import { x } from 'pgp'`)).toBe(false)
    expect(MENTIONS_ENGINE.test('// on PostgreSQL only')).toBe(true)
    expect(FORBIDDEN_DB_FILES.test('db/connect')).toBe(true)
    expect(FORBIDDEN_DB_FILES.test('db/schema')).toBe(false)
  })

  it("no app file mentions 'better-sqlite3'", () => {
    expect(grep(appFiles, /better-sqlite3/)).toEqual([])
  })

  it("no app file imports 'pg'", () => {
    expect(grep(appFiles, IMPORTS_PG)).toEqual([])
  })

  it('no app file names SQLite or PostgreSQL (ask db/dialect.ts instead)', () => {
    expect(grep(appFiles, MENTIONS_ENGINE)).toEqual([])
  })

  it('only the seat module writes confirmed_count, waitlist_position or a sign-up’s status (db/ seeds bulk data apart)', () => {
    const sources = [...appFiles, ...walk(path.join(root, 'scripts')), ...walk(path.join(root, 'server'))]
    expect(seatWritesOutsideSeatModule(sources)).toEqual([])
  })

  it('recognises seat writes however they are spelled', () => {
    const hits = (source: string) =>
      setCalls(source).filter(
        (c) => /confirmed_count/.test(c.text) || (c.table === 'signup' && /(^|[^\w])status\s*:/.test(c.text)),
      )
    expect(
      hits("db.updateTable('shift').set((eb) => ({ confirmed_count: eb('confirmed_count', '-', 1) }))"),
    ).toHaveLength(1)
    expect(hits("trx\n  .updateTable('signup')\n  .set({\n    status: 'cancelled',\n  })")).toHaveLength(1)
    expect(hits("trx.updateTable('signup').set({ hours_status: 'approved' })")).toHaveLength(0)
    expect(setCalls(fs.readFileSync(SEAT_MODULE, 'utf8')).some((c) => /confirmed_count/.test(c.text))).toBe(true)
  })

  it('routes do not import Kysely or the database connection (they call domain modules)', () => {
    expect(routeFiles.flatMap(forbiddenRouteImports)).toEqual([])
  })
})
