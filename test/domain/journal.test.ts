import { describe, expect, it } from 'vitest'
import { createJournal, type JournalEntry } from '../../src/domain/journal.js'

const request = (path: string): Omit<JournalEntry, 'id'> => ({
  time: '2026-01-01T00:00:00.000Z',
  method: 'POST',
  path,
  scenarios: [],
  status: 200,
  duration_ms: 1,
  params: {},
})
const paths = (entries: JournalEntry[]) => entries.map((e) => `${e.id} ${e.path}`)

describe('the request journal', () => {
  it('lists requests newest first, keeping the last `size`', () => {
    const journal = createJournal(3)
    for (const path of ['/a', '/b']) journal.add(request(path), null)
    expect(paths(journal.list())).toEqual(['2 /b', '1 /a'])
    for (const path of ['/c', '/d', '/e', '/f', '/g']) journal.add(request(path), null)
    expect(paths(journal.list())).toEqual(['7 /g', '6 /f', '5 /e'])
  })

  it('starts empty again after clear, ids going on', () => {
    const journal = createJournal(2)
    for (const path of ['/a', '/b', '/c']) journal.add(request(path), null)
    journal.clear()
    expect(journal.list()).toEqual([])
    journal.add(request('/d'), null)
    expect(paths(journal.list())).toEqual(['4 /d'])
  })

  it('keeps nothing with size 0 but still tells its listeners', () => {
    const journal = createJournal(0)
    const seen: string[] = []
    journal.subscribe((entry, requestId) => seen.push(`${entry.path} ${requestId}`))
    journal.add(request('/a'), 'r1')
    expect(journal.list()).toEqual([])
    expect(seen).toEqual(['/a r1'])
  })
})
