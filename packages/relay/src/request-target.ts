import { RELAY_ACCOUNTS_PATH } from '@mdwx/weixin'
import { RELAYED_ENDPOINTS, type RelayedEndpoint } from './endpoints.js'

export type RequestTarget =
  | { kind: 'health' }
  | { kind: 'accounts' }
  | { kind: 'api'; endpoint: string; spec: RelayedEndpoint; query: string }
  | { kind: 'unknown'; why: string }

// The path exactly as sent: letters, digits, / and _ only. No percent-encoding, no dots, no
// doubled slashes, so "/cgi-bin/../x", "/cgi-bin/%2e%2e/x" and "//cgi-bin/x" never resolve to anything.
// At most three segments: message/mass/preview is the one that has three.
const API_PATH = /^\/cgi-bin\/([a-z_]+(?:\/[a-z_]+){0,2})$/

/**
 * What a request asks for, read from the raw request line (Node does not normalise it). Only
 * the listed endpoints, with their method; the query keeps the listed parameters and drops the
 * rest (an access_token a client sends is never forwarded: the relay adds its own).
 */
export function requestTarget(method: string, rawUrl: string): RequestTarget {
  if (!rawUrl.startsWith('/')) return { kind: 'unknown', why: 'The relay only answers paths like /cgi-bin/draft/add.' }
  const queryAt = rawUrl.indexOf('?')
  const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt)
  const search = queryAt === -1 ? '' : rawUrl.slice(queryAt + 1)
  if (path === '/health' && (method === 'GET' || method === 'HEAD')) return { kind: 'health' }
  if (path === RELAY_ACCOUNTS_PATH && method === 'GET') return { kind: 'accounts' }
  const match = API_PATH.exec(path)
  const endpoint = match?.[1]
  const spec = endpoint === undefined ? undefined : RELAYED_ENDPOINTS.get(endpoint)
  if (endpoint === undefined || spec === undefined) {
    return { kind: 'unknown', why: `The relay forwards only the Weixin calls mdwx makes (${[...RELAYED_ENDPOINTS.keys()].join(', ')}); ${describePath(path)} is not one of them.` }
  }
  if (method !== spec.method) return { kind: 'unknown', why: `The relay forwards ${endpoint} as ${spec.method} only, not ${safeToken(method)}.` }
  return { kind: 'api', endpoint, spec, query: forwardedQuery(search, spec) }
}

function forwardedQuery(search: string, spec: RelayedEndpoint): string {
  if (spec.query === undefined || search === '') return ''
  const kept = new URLSearchParams()
  for (const [name, value] of new URLSearchParams(search)) {
    if (spec.query[name]?.includes(value) && !kept.has(name)) kept.set(name, value)
  }
  return kept.toString()
}

/** A path for a sentence: short and printable, since it came from whoever sent it. */
function describePath(path: string): string {
  const printable = path.replace(/[^\x21-\x7e]/g, '?')
  return JSON.stringify(printable.length > 80 ? `${printable.slice(0, 80)}…` : printable)
}

function safeToken(text: string): string {
  return /^[A-Z]{1,10}$/.test(text) ? text : 'this method'
}
