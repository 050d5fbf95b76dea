import { connect } from 'node:net'
import { loadImage, normalizeImage, type LoadImageOptions } from '@mdwx/images'
import { Agent, type Dispatcher } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from './helpers/http-server.js'
import { photo } from './helpers/pictures.js'

let server: TestServer
let png: Buffer
let hugeBytesSent = 0

beforeAll(async () => {
  png = await photo(320, 240).png().toBuffer()
  const redirect = (to: string, status = 302) => (_request: unknown, response: import('node:http').ServerResponse) => {
    response.writeHead(status, { location: to }).end()
  }
  const routes: Record<string, Parameters<typeof startServer>[0][string]> = {
    '/image.png': (_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end(png),
    '/html.png': (_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end('<!DOCTYPE html><html><body>Please sign in</body></html>'),
    '/error': (_request, response) => response.writeHead(500).end('oops'),
    '/forbidden': (_request, response) => response.writeHead(403).end('no'),
    '/loop': redirect('/loop'),
    '/to-ftp': redirect('ftp://example.com/a.png', 301),
    '/relative': redirect('image.png', 307),
    '/no-location': (_request, response) => response.writeHead(302).end(),
    '/silent': () => {
      // Never answers: only the deadline ends the request.
    },
    '/stalls': (_request, response) => {
      response.writeHead(200, { 'content-length': String(png.length) })
      response.write(png.subarray(0, 100))
    },
    '/declared-huge': (_request, response) => {
      response.writeHead(200, { 'content-length': '5000000000' })
      response.write(png)
    },
    '/endless': (request, response) => {
      // Chunked, no length: only counting while streaming can stop it.
      response.writeHead(200, { 'content-type': 'image/png' })
      const chunk = Buffer.alloc(64 * 1024, 7)
      let open = true
      request.socket.on('close', () => (open = false))
      const pump = (): void => {
        while (open && hugeBytesSent < 1_000_000_000) {
          hugeBytesSent += chunk.length
          if (!response.write(chunk)) return void response.once('drain', pump)
        }
      }
      pump()
    },
  }
  for (let hops = 1; hops <= 8; hops++) routes[`/hops/${hops}`] = redirect(hops === 1 ? '/image.png' : `/hops/${hops - 1}`)
  server = await startServer(routes)
})

afterAll(() => server.close())

const allow = (fetch: NonNullable<LoadImageOptions['fetch']> = {}): LoadImageOptions => ({ baseDir: '/', fetch: { allowPrivateNetwork: true, ...fetch } })

describe('loadImage over http', () => {
  it('downloads the bytes and ignores a wrong Content-Type: bytes are sniffed later', async () => {
    const loaded = await loadImage(server.url('/image.png'), allow())
    expect(Buffer.from(loaded.data).equals(png)).toBe(true)
    expect(loaded.origin).toBe(server.url('/image.png'))
    const normalized = await normalizeImage(loaded.data, { filename: loaded.origin })
    expect(normalized).toMatchObject({ width: 320, height: 240 })
  })

  it('an HTML page served as image/png is refused by normalizeImage, naming the URL', async () => {
    const loaded = await loadImage(server.url('/html.png'), allow())
    await expect(normalizeImage(loaded.data, { filename: loaded.origin })).rejects.toMatchObject({
      code: 'MDWX_IMAGE_UNSUPPORTED',
      message: `${server.url('/html.png')}: is an HTML page, not an image`,
    })
  })

  it.each([
    ['/missing.png', 404, /not at that address/],
    ['/forbidden', 403, /private or protected/],
    ['/error', 500, /try again later/],
  ])('%s: HTTP %i is an error with a hint', async (path, status, hint) => {
    await expect(loadImage(server.url(path), allow())).rejects.toMatchObject({
      code: 'MDWX_IMAGE_FETCH',
      status,
      message: `${server.url(path)}: answered HTTP ${status}`,
      hint: expect.stringMatching(hint),
    })
  })

  it('follows up to five redirects, relative ones included, and reports where it ended', async () => {
    const loaded = await loadImage(server.url('/hops/5'), allow())
    expect(Buffer.from(loaded.data).equals(png)).toBe(true)
    expect(loaded.origin).toBe(server.url('/image.png'))
    expect(Buffer.from((await loadImage(server.url('/relative'), allow())).data).equals(png)).toBe(true)
  })

  it('refuses a sixth redirect, a loop, a redirect to another scheme, and one without Location', async () => {
    await expect(loadImage(server.url('/hops/6'), allow())).rejects.toMatchObject({ code: 'MDWX_IMAGE_FETCH', message: expect.stringContaining('redirects more than 5 times') })
    await expect(loadImage(server.url('/hops/2'), allow({ maxRedirects: 1 }))).rejects.toMatchObject({ message: expect.stringContaining('redirects more than 1 times') })
    await expect(loadImage(server.url('/loop'), allow())).rejects.toMatchObject({ code: 'MDWX_IMAGE_FETCH' })
    await expect(loadImage(server.url('/to-ftp'), allow())).rejects.toMatchObject({ message: expect.stringContaining('redirects to a ftp: URL') })
    await expect(loadImage(server.url('/no-location'), allow())).rejects.toMatchObject({ message: expect.stringContaining('answered 302 without a Location') })
  })

  it('gives up at the deadline when the server is silent, or stalls mid-body', async () => {
    for (const path of ['/silent', '/stalls']) {
      await expect(loadImage(server.url(path), allow({ timeoutMs: 300 }))).rejects.toMatchObject({
        code: 'MDWX_IMAGE_FETCH',
        message: `${server.url(path)}: no complete answer within 300 ms`,
        hint: expect.stringMatching(/timeoutMs/),
      })
    }
  })

  it('refuses a declared size over maxBytes, and stops an endless body at the cap', async () => {
    await expect(loadImage(server.url('/declared-huge'), allow())).rejects.toMatchObject({ code: 'MDWX_IMAGE_TOO_LARGE', message: expect.stringContaining('5000000000 bytes') })
    await expect(loadImage(server.url('/endless'), allow({ maxBytes: 1_000_000 }))).rejects.toMatchObject({
      code: 'MDWX_IMAGE_TOO_LARGE',
      message: `${server.url('/endless')}: the download is more than 1000000 bytes, over the 1000000-byte limit`,
    })
    expect(hugeBytesSent).toBeLessThan(100_000_000) // aborted, not read to the end
  })

  it('keeps credentials and query strings out of origin and messages', async () => {
    const withSecrets = server.url('/image.png?token=s3cret').replace('http://', 'http://user:hunter2@')
    const loaded = await loadImage(withSecrets, allow())
    expect(loaded.origin).toBe(`${server.url('/image.png')}?…`)
    const error = await loadImage(server.url('/missing.png?token=s3cret').replace('http://', 'http://user:hunter2@'), allow()).catch((caught: unknown) => caught)
    expect(JSON.stringify((error as { toJSON(): unknown }).toJSON())).not.toMatch(/s3cret|hunter2/)
  })

  it('reports a refused connection as a fetch error', async () => {
    const closed = await startServer({})
    const url = closed.url('/image.png')
    await closed.close()
    await expect(loadImage(url, allow())).rejects.toMatchObject({ code: 'MDWX_IMAGE_FETCH', message: `${url}: download failed (ECONNREFUSED)` })
  })
})

describe('the private-network rule (default: refuse)', () => {
  it.each([
    ['loopback by IP', (port: string) => `http://127.0.0.1:${port}/image.png`],
    ['loopback by name', (port: string) => `http://localhost:${port}/image.png`],
    ['IPv6 loopback', (port: string) => `http://[::1]:${port}/image.png`],
    ['IPv4-mapped IPv6', (port: string) => `http://[::ffff:127.0.0.1]:${port}/image.png`],
    ['a decimal IPv4', (port: string) => `http://2130706433:${port}/image.png`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a private LAN', () => 'http://192.168.1.1/a.png'],
    ['a 10/8 address', () => 'http://10.0.0.8/a.png'],
    ['carrier-grade NAT', () => 'http://100.64.0.1/a.png'],
    ['IPv6 unique local', () => 'http://[fd00::1]/a.png'],
    ['NAT64 of loopback', () => 'http://[64:ff9b::7f00:1]/a.png'],
  ])('refuses %s without connecting', async (_what, url) => {
    const port = new URL(server.url('/')).port
    const before = server.hits('/image.png')
    const error = await loadImage(url(port), { baseDir: '/' }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'MDWX_IMAGE_PRIVATE_NETWORK', hint: expect.stringMatching(/allowPrivateNetwork/) })
    expect(server.hits('/image.png')).toBe(before)
  })

  it('allowPrivateNetwork: true fetches from loopback', async () => {
    const loaded = await loadImage(server.url('/image.png'), { baseDir: '/', fetch: { allowPrivateNetwork: true } })
    expect(loaded.data.length).toBe(png.length)
  })
})

describe('a caller’s own dispatcher', () => {
  /** An agent that sends every connection to the test server, whatever the URL's host. */
  function agentToTestServer(): { agent: Dispatcher; requests: () => number } {
    const port = Number(new URL(server.url('/')).port)
    let count = 0
    const agent = new Agent({
      connect: (_options, callback) => {
        count++
        const socket = connect(port, '127.0.0.1')
        socket.once('connect', () => callback(null, socket))
        socket.once('error', (error) => callback(error, null))
      },
    })
    return { agent, requests: () => count }
  }

  it('is used for the download, and a public address passes the private-network rule', async () => {
    const { agent, requests } = agentToTestServer()
    const loaded = await loadImage('http://93.184.216.34/image.png', { baseDir: '/', fetch: { dispatcher: agent } })
    expect(Buffer.from(loaded.data).equals(png)).toBe(true)
    expect(requests()).toBe(1)
    await agent.close()
  })

  it('still gets the private-network rule, checked before the request', async () => {
    const { agent, requests } = agentToTestServer()
    await expect(loadImage('http://localhost/image.png', { baseDir: '/', fetch: { dispatcher: agent } })).rejects.toMatchObject({ code: 'MDWX_IMAGE_PRIVATE_NETWORK' })
    expect(requests()).toBe(0)
    await agent.close()
  })

  it('is checked to be a dispatcher', async () => {
    await expect(loadImage('http://93.184.216.34/a.png', { baseDir: '/', fetch: { dispatcher: {} as Dispatcher } })).rejects.toMatchObject({
      code: 'MDWX_INVALID_OPTION',
      message: 'Expected an undici Dispatcher for fetch.dispatcher, got an object',
    })
  })
})
