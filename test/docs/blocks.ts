import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's root directory. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url))

/** A fenced code block of the user docs, with what the comment above it says about it. */
export interface Block {
  file: string
  /** 1-based line of the opening fence. */
  line: number
  lang: string
  code: string
  /**
   * From `<!-- block: …, … -->` on the line above the fence: `excerpt` (part of a file, shown,
   * not run), `run` (executed by the test), `same as PATH` (must equal that tested file).
   */
  markers: string[]
}

/** README.md and every page of docs/, the files users copy code from. */
export function userDocs(): string[] {
  const pages = readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md'))
  return ['README.md', ...pages.sort().map((name) => `docs/${name}`)]
}

/** The fenced blocks of one Markdown file, in order. */
export function blocksOf(file: string): Block[] {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n')
  const blocks: Block[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i] ?? '')
    if (!open) continue
    const end = lines.findIndex((l, j) => j > i && l === '```')
    if (end === -1) throw new Error(`${file}:${i + 1}: a code block is never closed`)
    const above = lines.slice(0, i).findLast((l) => l.trim() !== '') ?? ''
    const marker = /^<!-- block: (.+?) -->$/.exec(above.trim())?.[1]
    const markers = marker ? marker.split(',').map((m) => m.trim()) : []
    blocks.push({
      file,
      line: i + 1,
      lang: open[1] ?? '',
      code: `${lines.slice(i + 1, end).join('\n')}\n`,
      markers,
    })
    i = end
  }
  return blocks
}

/** Every block of the user docs. */
export function allBlocks(): Block[] {
  return userDocs().flatMap(blocksOf)
}

/** Splits a shell command line into words (quotes and backslashes as a shell reads them). */
export function shellWords(line: string): string[] {
  const words: string[] = []
  let word = ''
  let quote: '"' | "'" | undefined
  let started = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string
    if (quote) {
      if (c === quote) quote = undefined
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word += line[++i]
      else word += c
    } else if (c === '"' || c === "'") {
      quote = c
      started = true
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i]
      started = true
    } else if (/\s/.test(c)) {
      if (started) words.push(word)
      word = ''
      started = false
    } else if (c === '#' && !started) {
      break
    } else {
      word += c
      started = true
    }
  }
  if (started) words.push(word)
  return words
}

/** The file a block must equal (`same as PATH`), if it names one. */
export function sameAs(block: Block): string | undefined {
  return block.markers.find((m) => m.startsWith('same as '))?.slice('same as '.length)
}
