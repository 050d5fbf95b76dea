import type { ServerResponse } from 'node:http'

/** Weixin's own content type for JSON answers (clients must not depend on it). */
export const weixinJsonType = 'application/json; encoding=utf-8'

/** A JSON answer; `contentType` reproduces endpoints that label JSON as text/plain without a charset. */
export function sendJson(response: ServerResponse, body: unknown, contentType = weixinJsonType): void {
  send(response, 200, contentType, JSON.stringify(body))
}

export function sendHtml(response: ServerResponse, status: number, html: string): void {
  send(response, status, 'text/html; charset=utf-8', html)
}

export function sendText(response: ServerResponse, status: number, text: string): void {
  send(response, status, 'text/plain; charset=utf-8', text)
}

export function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': bytes.length })
  response.end(bytes)
}

/** What the gateway in front of Weixin answers when a backend fails. */
export const badGatewayHtml =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n'
