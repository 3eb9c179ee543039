import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { docFiles, fillGenerated, unplacedTables } from '../../scripts/docs-tables.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const README = resolve(ROOT, 'README.md')
const README_LIMIT_BYTES = 15_000

const read = (file: string) => readFileSync(file, 'utf8')
const withoutCode = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '')

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as dashes. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

function anchors(file: string): Set<string> {
  const seen = new Map<string, number>()
  const result = new Set<string>()
  for (const [, heading] of withoutCode(read(file)).matchAll(/^#{1,6} (.+)$/gm)) {
    const base = slug(heading ?? '')
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    result.add(count ? `${base}-${count}` : base)
  }
  return result
}

function links(text: string): string[] {
  return [...withoutCode(text).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '')
}

describe('docs', () => {
  it('match the tables npm run docs generates from the code', () => {
    for (const file of docFiles()) {
      const text = read(file)
      expect(text, `${relative(ROOT, file)} is out of date: run npm run docs`).toBe(
        fillGenerated(text),
      )
    }
  })

  it('place every generated table somewhere', () => {
    expect(unplacedTables(docFiles().map(read))).toEqual([])
  })

  it('keep the README short enough to read in five minutes', () => {
    expect(statSync(README).size).toBeLessThanOrEqual(README_LIMIT_BYTES)
  })

  it('give the README a table of contents whose links reach its headings', () => {
    const contents = /^## Contents\n([\s\S]*?)\n## /m.exec(read(README))?.[1] ?? ''
    const targets = links(contents)
    expect(targets.length).toBeGreaterThanOrEqual(5)
    const headings = anchors(README)
    for (const target of targets) {
      expect(target).toMatch(/^#/)
      expect(headings, `README contents link ${target}`).toContain(target.slice(1))
    }
  })

  it('link only to files and headings that exist', () => {
    for (const file of docFiles()) {
      for (const target of links(read(file))) {
        if (/^[a-z]+:/i.test(target)) continue
        const [path = '', fragment] = target.split('#')
        const resolved = path ? resolve(dirname(file), decodeURI(path)) : file
        const where = `${relative(ROOT, file)} → ${target}`
        expect(existsSync(resolved), where).toBe(true)
        if (fragment && resolved.endsWith('.md')) {
          expect(anchors(resolved), where).toContain(fragment)
        }
      }
    }
  })
})
