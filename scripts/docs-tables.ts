import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { FLAGS, type Flag, flagSynopsis } from '../src/cli/flags.js'
import { fixtureSchema } from '../src/config/schema.js'
import { ERROR_CATALOGUE } from '../src/contract/error-catalogue.js'
import { LIMITS } from '../src/domain/limits.js'
import { SCENARIO_DETAILS } from '../src/scenarios/details.js'
import { SCENARIOS } from '../src/scenarios/names.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The Markdown files that may hold generated tables: the README and every page of `docs/`. */
export function docFiles(): string[] {
  const pages = readdirSync(`${ROOT}docs`).filter((name) => name.endsWith('.md'))
  return [`${ROOT}README.md`, ...pages.sort().map((name) => `${ROOT}docs/${name}`)]
}

const code = (text: string) => `\`${text}\``
/** A value in code; a phrase (such as `the request's origin`) as text. */
const valueOrPhrase = (text: string) => (/\s/.test(text) ? text : code(text))
const none = '—'

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c) => c.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ')).join(' | ')} |`
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}

/** A JSON Schema node, as much of it as the fixture table reads. */
interface SchemaNode {
  type?: string
  enum?: unknown[]
  const?: unknown
  anyOf?: SchemaNode[]
  items?: SchemaNode
  properties?: Record<string, SchemaNode>
  required?: string[]
  additionalProperties?: boolean | SchemaNode
  propertyNames?: SchemaNode
  default?: unknown
  description?: string
}

function typeOf(node: SchemaNode): string {
  if (node.anyOf) return node.anyOf.map(typeOf).join(' | ')
  if (node.const !== undefined) return JSON.stringify(node.const)
  if (node.enum) return node.enum.map((v) => JSON.stringify(v)).join(' | ')
  if (node.type === 'array' && node.items) {
    const item = typeOf(node.items)
    return item.includes(' ') ? `(${item})[]` : `${item}[]`
  }
  return node.type ?? 'any'
}

/** Rows for the fields inside `node`: strict objects' properties, array items, record values. */
function fieldRows(node: SchemaNode, path: string): string[][] {
  if (node.anyOf) return node.anyOf.flatMap((branch) => fieldRows(branch, path))
  if (node.type === 'array' && node.items) return fieldRows(node.items, `${path}[]`)
  if (node.type !== 'object') return []
  // Loose objects (a JWK) are opaque here; a record's values are documented under `<key>`.
  if (typeof node.additionalProperties === 'object' && node.propertyNames) {
    return fieldRows(node.additionalProperties, `${path}.<key>`)
  }
  if (node.additionalProperties !== false) return []
  return Object.entries(node.properties ?? {}).flatMap(([name, child]) => {
    const childPath = path ? `${path}.${name}` : name
    const fallback = node.required?.includes(name)
      ? '*required*'
      : child.default === undefined
        ? none
        : code(JSON.stringify(child.default))
    const row = [code(childPath), code(typeOf(child)), fallback, child.description ?? '']
    return [row, ...fieldRows(child, childPath)]
  })
}

function flagRow([name, flag]: [string, Flag]): string[] {
  const vars = flag.env
    ? code(flag.env) + (flag.envFallback ? `, then ${code(flag.envFallback)}` : '')
    : none
  const env = flag.env ? vars + (flag.envFormat ? ` (${flag.envFormat})` : '') : none
  const meaning = [flag.description, flag.note].filter(Boolean).join(' ')
  return [
    code(flagSynopsis(name, flag)),
    env,
    flag.default ? valueOrPhrase(flag.default) : none,
    meaning,
  ]
}

/** Every generated table, by the name its markers use. */
export const TABLES: Readonly<Record<string, () => string>> = {
  scenarios: () =>
    table(
      ['name', 'effect'],
      Object.entries(SCENARIOS).map(([name, effect]) => [code(name), effect]),
    ),
  'scenario-details': () =>
    table(
      ['name', 'effect in detail'],
      Object.entries(SCENARIO_DETAILS).map(([name, detail]) => [code(name), detail]),
    ),
  errors: () =>
    table(
      ['key', 'status', 'error', 'error_description'],
      Object.entries(ERROR_CATALOGUE).map(([key, e]) => [
        code(key),
        String(e.status),
        code(e.error),
        code(e.error_description),
      ]),
    ),
  fixture: () => {
    const schema = z.toJSONSchema(fixtureSchema, { io: 'input', unrepresentable: 'any' })
    return table(['field', 'type', 'default', 'description'], fieldRows(schema as SchemaNode, ''))
  },
  limits: () =>
    table(
      [
        'option (`createEmulator`, `startServer`)',
        'default',
        'counter in `stats()`',
        'at the limit',
      ],
      Object.entries(LIMITS).map(([name, spec]) => [
        code(name),
        spec.default.toLocaleString('en-US'),
        code(spec.counter),
        spec.atLimit,
      ]),
    ),
  'cli-flags': () =>
    table(['flag', 'environment', 'default', 'meaning'], Object.entries(FLAGS).map(flagRow)),
}

const MARKED = /(<!-- generated:([a-z-]+) -->\n)[\s\S]*?(<!-- \/generated:\2 -->)/g

/** `text` with the content between each pair of `generated:NAME` markers rendered afresh. */
export function fillGenerated(text: string): string {
  return text.replace(MARKED, (_, open: string, name: string, close: string) => {
    const render = TABLES[name]
    if (!render)
      throw new Error(`unknown generated table '${name}'; known: ${Object.keys(TABLES).join(', ')}`)
    return `${open}\n${render()}\n\n${close}`
  })
}

/** The names of the tables that none of `texts` has markers for. */
export function unplacedTables(texts: readonly string[]): string[] {
  const placed = new Set(texts.flatMap((t) => [...t.matchAll(MARKED)].map((m) => m[2])))
  return Object.keys(TABLES).filter((name) => !placed.has(name))
}
