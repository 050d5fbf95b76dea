import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createWeixinClient } from '@mdwx/weixin'
import { Agent } from 'undici'
import { afterAll, describe, expect, it } from 'vitest'
import { FAST_RETRY, KEY, useRelay } from './helpers.js'

// A throwaway self-signed certificate for 127.0.0.1, made by the openssl command line (Node cannot make one).
const folder = mkdtempSync(path.join(tmpdir(), 'mdwx-relay-tls-'))
execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(folder, 'key.pem'), '-out', path.join(folder, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' })
const cert = readFileSync(path.join(folder, 'cert.pem'))
const key = readFileSync(path.join(folder, 'key.pem'))

const start = useRelay()

describe('the relay over TLS', () => {
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('serves HTTPS with --tls-cert/--tls-key, also on a non-loopback address; a client that trusts the certificate publishes through it', async () => {
    const { relay } = await start(undefined, { tls: { cert, key }, host: '0.0.0.0' })
    expect(relay.url).toMatch(/^https:\/\/0\.0\.0\.0:\d+$/)
    const url = relay.url.replace('0.0.0.0', '127.0.0.1')
    const trusting = new Agent({ connect: { ca: cert } })
    const client = createWeixinClient({ relay: { url, key: KEY }, dispatcher: trusting, retry: FAST_RETRY })
    try {
      await expect(client.getMaterialCount()).resolves.toMatchObject({ image: 0 })
    } finally {
      await client.close()
      await trusting.close()
    }
  })

  it('a client that does not trust the certificate never sends its key', async () => {
    const { relay, log } = await start(undefined, { tls: { cert, key } })
    const client = createWeixinClient({ relay: { url: relay.url, key: KEY }, retry: { maxRetries: 0 } })
    try {
      const error = (await client.getMaterialCount().catch((caught: unknown) => caught)) as { code: string; causeCode?: string }
      expect(error.code).toBe('MDWX_WEIXIN_NETWORK')
      expect(error.causeCode).toMatch(/SELF_SIGNED|CERT/)
    } finally {
      await client.close()
    }
    expect(log).toEqual([])
  })
})
