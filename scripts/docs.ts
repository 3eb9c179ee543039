import { readFileSync, writeFileSync } from 'node:fs'
import { docFiles, fillGenerated, unplacedTables } from './docs-tables.js'

// Rewrites the generated reference tables of the README and docs/ from the code.
// With --check it writes nothing and exits 1 when a page is out of date.
const check = process.argv.includes('--check')
const texts: string[] = []
const stale: string[] = []
for (const file of docFiles()) {
  const text = readFileSync(file, 'utf8')
  const fresh = fillGenerated(text)
  texts.push(fresh)
  if (fresh === text) continue
  stale.push(file)
  if (!check) writeFileSync(file, fresh)
}
const unplaced = unplacedTables(texts)
if (unplaced.length) {
  console.error(`docs: no page has markers for the tables ${unplaced.join(', ')}`)
  process.exitCode = 1
}
if (check && stale.length) {
  console.error(`docs: out of date (run npm run docs): ${stale.join(', ')}`)
  process.exitCode = 1
} else {
  for (const file of stale) console.log(`wrote ${file}`)
}
