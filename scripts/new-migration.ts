// npm run db:new-migration -- add_shift_requirements
// Writes db/migrations/<UTC timestamp>_<name>.ts and appends it to db/migrations/index.ts.
import fs from 'node:fs'

const name = process.argv[2]
if (!name || !/^[a-z][a-z0-9_]*$/.test(name)) {
  console.error('usage: npm run db:new-migration -- verb_noun   (lower case, digits and underscores)')
  process.exit(1)
}
const stamp = new Date().toISOString().replace(/[-:]/g, '').slice(0, 13) // 20261125T0930
const id = `${stamp}_${name}`
const file = `db/migrations/${id}.ts`
fs.writeFileSync(
  file,
  `import type { DialectName } from '../dialect'
import type { MigrationDb } from './helpers'

export async function up(db: MigrationDb, dialect: DialectName): Promise<void> {
  // Frozen once merged: never import from app/, never edit after it has run anywhere.
}
`,
)
const indexFile = 'db/migrations/index.ts'
const alias = `m${stamp}`
let index = fs.readFileSync(indexFile, 'utf8')
index = index.replace(
  /(import \* as m\w+ from '[^']+'\n)(?![\s\S]*import \* as)/,
  `$1import * as ${alias} from './${id}'\n`,
)
index = index.replace(/\n\]\s*$/, `\n  { name: '${id}', up: ${alias}.up },\n]\n`)
fs.writeFileSync(indexFile, index)
console.log(`created ${file}`)
