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

/** Where relays in tests send from: a whitelisted address, as the client on 127.0.0.1 is not. */
export const RELAY_ADDRESS = '127.0.0.2'

/** An emulator account's current token, asked from the whitelisted address (stable_token hands out the same one while it is valid). */
export async function currentToken(emulatorUrl: string, account: { appId: string; appSecret: string }): Promise<string> {
  const answer = await postJsonFrom(RELAY_ADDRESS, `${emulatorUrl}/cgi-bin/stable_token`, { grant_type: 'client_credential', appid: account.appId, secret: account.appSecret })
  const token = answer['access_token']
  if (typeof token !== 'string' || token.length < 20) throw new Error('no token from the emulator')
  return token
}
