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

  it('routes do not import Kysely or the database connection (they call domain modules)', () => {
    expect(routeFiles.flatMap(forbiddenRouteImports)).toEqual([])
  })
})
