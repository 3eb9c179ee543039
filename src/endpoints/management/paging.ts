import { ManagementError } from '../../contract/management-error.js'

/** The paging query of a list endpoint, validated. */
export interface Paging {
  page: number
  perPage: number
  includeTotals: boolean
}

// The OAS descriptions Auth0 quotes in query validation errors.
const DESCRIPTIONS = {
  page: 'Page index of the results to return. First page is 0. Default is 0',
  per_page: 'Number of results per page. Default is 50',
  include_totals:
    'Return results inside an object that contains the total result count (true) or as a direct array of results (false, default)',
} as const

function invalid(property: keyof typeof DESCRIPTIONS, detail: string) {
  return new ManagementError('invalid_query', {
    detail,
    property,
    description: DESCRIPTIONS[property],
  })
}

function integer(query: URLSearchParams, name: 'page' | 'per_page', min: number, max: number) {
  const raw = query.get(name)
  if (raw === null || raw === '') return undefined
  if (!/^-?\d+$/.test(raw)) throw invalid(name, 'Expected type integer but found type string')
  const value = Number(raw)
  if (value < min) throw invalid(name, `Value ${value} is less than minimum ${min}`)
  if (value > max) throw invalid(name, `Value ${value} is greater than maximum ${max}`)
  return value
}

/** Reads `page`, `per_page` (1 to 100, 50 by default) and `include_totals` from a list query. */
export function readPaging(query: URLSearchParams): Paging {
  const totals = query.get('include_totals')
  if (totals !== null && totals !== 'true' && totals !== 'false') {
    throw invalid('include_totals', 'Expected type boolean but found type string')
  }
  return {
    page: integer(query, 'page', 0, Number.MAX_SAFE_INTEGER) ?? 0,
    perPage: integer(query, 'per_page', 1, 100) ?? 50,
    includeTotals: totals === 'true',
  }
}

/**
 * One page of a list: a bare array, or with `include_totals` the `{authenticators, total, start,
 * limit}` object, whose `total` Auth0 leaves out when the page is empty.
 */
export function pageOf(all: readonly unknown[], paging: Paging): unknown {
  const start = paging.page * paging.perPage
  const items = all.slice(start, start + paging.perPage)
  if (!paging.includeTotals) return items
  return {
    authenticators: items,
    ...(items.length ? { total: all.length } : {}),
    start,
    limit: paging.perPage,
  }
}
