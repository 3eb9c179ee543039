import { HttpHandler, type RequestHandler } from 'msw'

/** One line of a dispatch table: what it claims, and how it answers. */
export interface DispatchEntry {
  /** The method it answers (upper case), or undefined for any method. */
  readonly method: string | undefined
  /** Tested against the request's origin and path, as msw tests a handler's path. */
  readonly matcher: RegExp
  answer(request: Request, url: URL): Promise<Response>
}

/** What `parse` hands the predicate and the resolver: the claimed entry and the parsed URL. */
interface Dispatched {
  entry: DispatchEntry | undefined
  url: URL
}

const dispatchedOf = (parsed: object) => (parsed as { dispatched?: Dispatched }).dispatched

/**
 * One msw handler for a whole route table. It claims a request only when an entry of its table
 * matches, the first in table order as separate handlers would, so a request no entry matches
 * stays unhandled: msw moves on to the next handler and, past the last, reports it through
 * `onUnhandledRequest`. The URL is parsed once per request and nothing else is (no cookies).
 */
class RouteTableHandler extends HttpHandler {
  readonly #entries: readonly DispatchEntry[]

  constructor(header: string, entries: readonly DispatchEntry[]) {
    super(/.+/, /.*/, (info) => {
      const { entry, url } = (info as unknown as { dispatched: Dispatched }).dispatched
      return entry?.answer(info.request, url)
    })
    this.#entries = entries
    this.info.header = header
  }

  override async parse(args: { request: Request }) {
    const url = new URL(args.request.url)
    const target = url.origin + url.pathname
    const method = args.request.method.toUpperCase()
    const entry = this.#entries.find(
      (e) => (e.method === undefined || e.method === method) && e.matcher.test(target),
    )
    const dispatched: Dispatched = { entry, url }
    return { match: { matches: entry !== undefined, params: {} }, cookies: {}, dispatched }
  }

  override async predicate(args: { parsedResult: object }) {
    return dispatchedOf(args.parsedResult)?.entry !== undefined
  }

  override extendResolverArgs(args: { parsedResult: object }) {
    return { params: {}, cookies: {}, dispatched: dispatchedOf(args.parsedResult) }
  }
}

/**
 * An msw handler that answers through `entries` (see `RouteTableHandler`). msw records where a
 * handler was declared from a stack trace, the largest part of making one (tens of microseconds,
 * more with source maps); for this handler that place is always inside this package, which tells
 * a user nothing, so it is made without one.
 */
export function routeTableHandler(
  header: string,
  entries: readonly DispatchEntry[],
): RequestHandler {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return new RouteTableHandler(header, entries)
  } finally {
    Error.stackTraceLimit = limit
  }
}
