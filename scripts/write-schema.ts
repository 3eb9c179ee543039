import { writeFileSync } from 'node:fs'
import { fixtureJsonSchemaText } from '../src/config/json-schema.js'

const target = new URL('../fixtures/schema.json', import.meta.url)
writeFileSync(target, fixtureJsonSchemaText())
console.log(`wrote ${target.pathname}`)
