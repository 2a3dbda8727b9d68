// Bundles server/index.ts (and the db/ code it boots with) into build/host/index.js,
// so production runs plain `node` with no TypeScript loader.
import { build } from 'esbuild'

await build({
  entryPoints: ['server/index.ts'],
  outfile: 'build/host/index.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})
