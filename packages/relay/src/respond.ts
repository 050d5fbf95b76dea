import type { IncomingMessage, ServerResponse } from 'node:http'
import { RELAY_NOTE_FIELD, type RelayNote } from '@mdwx/weixin'

/** Bytes of an unread request body the relay still reads (and drops) after refusing it, so the client sees the answer; past that, the connection is cut. */
const DRAIN_LIMIT = 1024 * 1024

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendBytes(response, status, Buffer.from(JSON.stringify(body), 'utf8'), headers)
}

export function sendBytes(response: ServerResponse, status: number, bytes: Buffer, headers: Record<string, string> = {}): void {
  if (response.headersSent || response.destroyed) return
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(bytes.length), 'cache-control': 'no-store', ...headers })
  response.end(bytes)
}

/**
 * The relay's own answer: a sentence saying why, and what to do. When the request body was not
 * read, the connection closes after the answer (what is left of the body is read and dropped,
 * up to a limit), so a refused upload never occupies the relay.
 */
export function sendRefusal(request: IncomingMessage, response: ServerResponse, status: number, note: RelayNote, headers: Record<string, string> = {}): void {
  sendAnswer(request, response, status, { [RELAY_NOTE_FIELD]: note }, headers)
}

/** A JSON answer sent before the request body was read through: the connection closes after it, the rest of the body drained. */
export function sendAnswer(request: IncomingMessage, response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const unread = !request.readableEnded
  sendJson(response, status, body, unread ? { ...headers, connection: 'close' } : headers)
  if (unread) drain(request)
}

/** The address a request came from, an IPv4-mapped IPv6 address written as IPv4. */
export function clientAddress(socket: { remoteAddress?: string | undefined }): string {
  return (socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '')
}

/** Reads and drops what is left of a request body, up to DRAIN_LIMIT; past that, cuts the connection. */
export function drain(request: IncomingMessage): void {
  let dropped = 0
  request.on('data', (chunk: Buffer) => {
    dropped += chunk.length
    if (dropped > DRAIN_LIMIT) request.socket.destroy()
  })
  request.on('error', () => {})
  request.resume()
}
