import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { BlockList, isIP, type LookupFunction } from 'node:net'

/**
 * Addresses a fetched image must not come from unless the caller allows it: loopback, private,
 * link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast and reserved
 * ranges. Rendering someone else's Markdown in CI must not let an image URL reach the runner's
 * network.
 */
const blocked = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4')
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6')
}

/** NAT64 addresses (64:ff9b::a.b.c.d) carry an IPv4 address that must be judged as such. */
const NAT64 = /^64:ff9b::(?:([0-9a-f]{1,4}):([0-9a-f]{1,4})|(\d+\.\d+\.\d+\.\d+))$/i

/** True for an address in a blocked range (IPv4-mapped IPv6 addresses count as their IPv4). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 0) return false
  if (family === 4) return blocked.check(address, 'ipv4')
  const nat64 = NAT64.exec(address)
  if (nat64 !== null) {
    const embedded = nat64[3] ?? ipv4FromHex(nat64[1]!, nat64[2]!)
    return blocked.check(embedded, 'ipv4')
  }
  return blocked.check(address, 'ipv6')
}

function ipv4FromHex(high: string, low: string): string {
  const h = Number.parseInt(high, 16)
  const l = Number.parseInt(low, 16)
  return `${h >> 8}.${h & 255}.${l >> 8}.${l & 255}`
}

/** Thrown (inside the connection attempt) when a host resolves to a blocked address. */
export class PrivateAddressError extends Error {
  readonly address: string
  constructor(hostname: string, address: string) {
    super(`${hostname} resolves to ${address}, a private or loopback address`)
    this.address = address
  }
}

/**
 * A DNS lookup for undici's connector that refuses blocked addresses. Checking at connect time
 * (rather than resolving first and connecting later) leaves no gap for DNS rebinding. A name
 * with any blocked address is refused entirely.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0)
    const refused = addresses.find((entry) => isPrivateAddress(entry.address))
    if (refused !== undefined) return callback(new PrivateAddressError(hostname, refused.address), '', 0)
    if (options.all === true) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses)
    const first = addresses[0]
    if (first === undefined) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0)
    callback(null, first.address, first.family)
  })
}

/**
 * Checks a URL's host before connecting. IP literals are always checked here (no DNS lookup
 * happens for them, so `publicOnlyLookup` never sees them). Names are resolved here only for a
 * caller's own dispatcher (a proxy, a mock agent), whose connections we cannot hook: a DNS
 * rebinding window remains in that case, as the README says.
 */
export async function assertPublicHost(hostname: string, resolveNames: boolean): Promise<void> {
  const bare = hostname.replace(/^\[|\]$/g, '')
  if (isIP(bare) !== 0) {
    if (isPrivateAddress(bare)) throw new PrivateAddressError(hostname, bare)
    return
  }
  if (!resolveNames) return
  const addresses = await new Promise<LookupAddress[]>((resolve, reject) =>
    dnsLookup(bare, { all: true }, (error, found) => (error ? reject(error) : resolve(found))),
  )
  const refused = addresses.find((entry) => isPrivateAddress(entry.address))
  if (refused !== undefined) throw new PrivateAddressError(hostname, refused.address)
}
