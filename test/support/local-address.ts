import { request } from 'node:http'

/**
 * POSTs JSON from a chosen local address and returns the parsed answer. Linux routes all of
 * 127.0.0.0/8 to loopback, so a test can call the emulator from 127.0.0.2 (a whitelisted relay)
 * as well as from 127.0.0.1 (a client that is not).
 */
export function postJsonFrom(localAddress: string, url: string, body: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
        } catch (error) {
          reject(error as Error)
        }
      })
    })
    sent.on('error', reject)
    sent.end(JSON.stringify(body))
  })
}
