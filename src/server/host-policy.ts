// Host grammar (RFC 9110 §7.2): a name or IPv4 address, or a bracketed IPv6 address, then an
// optional port. Anything else (`a b`, `a@b`, `:`, empty) is refused before it reaches a URL.
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_~-](?:[A-Za-z0-9._~-]*))(?::\d{1,5})?$/

/**
 * The lower-case host name of a Host header (`[::1]` keeps its brackets), or undefined when the
 * header is missing or is not `host[:port]` as the URL parser reads it.
 */
export function hostNameOf(header: string | undefined): string | undefined {
  if (!header || !HOST.test(header)) return undefined
  try {
    // The same parser msw builds the request URL with: what it refuses would throw there.
    const url = new URL(`http://${header}`)
    return url.username || url.password ? undefined : url.hostname
  } catch {
    return undefined
  }
}

/** Whether a host name (as `hostNameOf` returns it) can only be this machine. */
export function isLoopbackName(name: string): boolean {
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(name)
  )
}

/** The Host names the control API answers besides loopback ones. */
export interface ControlHosts {
  /** The tenants' domains: answered unless they end in `.local`. */
  tenantDomains: readonly string[]
  /** Names the user allowed (`--control-host`), `.local` ones included. */
  controlHosts: readonly string[]
}

/** Whether a host name is an mDNS (`.local`) name, which any peer on the LAN can answer for. */
export function isMdnsName(name: string): boolean {
  return name.toLowerCase().replace(/\.$/, '').endsWith('.local')
}

/**
 * Whether the control API may answer a request sent to `hostName`: loopback names, the names the
 * user allowed, and the tenants' own domains (mapped to this machine in /etc/hosts) unless they
 * are `.local`. Any other name reaching a server bound to loopback is a page that rebound its
 * own domain to 127.0.0.1 (DNS rebinding); a `.local` name can be answered by any LAN peer, so
 * it is allowed only when the user names it.
 */
export function isControlHost(hostName: string, allowed: ControlHosts): boolean {
  const is = (d: string) => d.toLowerCase() === hostName
  return (
    isLoopbackName(hostName) ||
    allowed.controlHosts.some(is) ||
    allowed.tenantDomains.some((d) => is(d) && !isMdnsName(d))
  )
}
