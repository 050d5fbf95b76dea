import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { KEY, PNG, useRelay } from './helpers.js'

const start = useRelay()
const auth = { authorization: `Bearer ${KEY}` }

interface RawAnswer {
  status: number
  text: string
  /** The relay's sentence, when it answered itself. */
  error: string | undefined
}

/**
 * One request exactly as written: node:http sends the path untouched (fetch would resolve
 * "/cgi-bin/../" before sending). `body` chunks are written one after another.
 */
function send(url: string, method: string, path: string, headers: Record<string, string | string[]>, body: Array<Buffer | string> = []): Promise<RawAnswer> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const sent = httpRequest({ host: hostname, port, method, path, headers, agent: false }, (response) => {
      let text = ''
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk))
      response.on('end', () => {
        let error: string | undefined
        try {
          error = (JSON.parse(text) as { mdwx_relay?: { error?: string } }).mdwx_relay?.error
        } catch {
          error = undefined
        }
        resolve({ status: response.statusCode ?? 0, text, error })
      })
    })
    // The relay may close the connection while a refused body is still being written: the answer already came.
    sent.on('error', reject)
    for (const chunk of body) sent.write(chunk)
    sent.end()
  })
}

/** A multipart upload of `data` with `boundary`, whole. */
function multipart(boundary: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
}

/** Opens a raw connection, writes `opening`, then one more byte every `everyMs`; resolves with what came back when the relay closes it. */
function slowClient(url: string, opening: string, trickle: string, everyMs: number): Promise<{ answer: string; closed: boolean }> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname)
    let answer = ''
    let index = 0
    const timer = setInterval(() => {
      if (!socket.destroyed) socket.write(trickle[index++ % trickle.length]!)
    }, everyMs)
    socket.on('connect', () => socket.write(opening))
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk))
    socket.on('error', () => {})
    socket.on('close', () => {
      clearInterval(timer)
      resolve({ answer, closed: true })
    })
  })
}

describe('the relay under attack: each is refused, none crashes it', () => {
  it('oversize bodies: a declared length over the endpoint limit is refused before the body is read; a streamed one is cut off at the limit', async () => {
    const { relay, emulator } = await start()
    const declared = await send(relay.url, 'POST', '/cgi-bin/media/uploadimg', { ...auth, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(50 * 1024 * 1024) })
    expect(declared.status).toBe(413)
    expect(declared.error).toBe('The body is larger than the 1.0 MiB the relay forwards to media/uploadimg.')
    // Chunked, no length: 2 MiB of a well-formed start, streamed.
    const boundary = 'mdwx-attack'
    const big = multipart(boundary, Buffer.alloc(2 * 1024 * 1024, 1))
    const chunks = Array.from({ length: 32 }, (_, index) => big.subarray(index * 65_536, (index + 1) * 65_536))
    const streamed = await send(relay.url, 'POST', '/cgi-bin/media/uploadimg', { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' }, [...chunks, big.subarray(32 * 65_536)])
    expect(streamed.status).toBe(413)
    const json = await send(relay.url, 'POST', '/cgi-bin/draft/get', { ...auth, 'content-type': 'application/json' }, [JSON.stringify({ media_id: 'x'.repeat(10_000) })])
    expect(json.status).toBe(413)
    expect(json.error).toContain('4 KiB')
    // Weixin stored nothing: the cut-off upload never arrived whole.
    expect(emulator.state.images).toHaveLength(0)
  })

  it('malformed multipart: no boundary, not opening with it, not closing with it, JSON instead', async () => {
    const { relay, emulator } = await start()
    const upload = (contentType: string, body: Buffer | string) => send(relay.url, 'POST', '/cgi-bin/media/uploadimg', { ...auth, 'content-type': contentType }, [body])
    const noBoundary = await upload('multipart/form-data', multipart('b', PNG))
    expect(noBoundary.status).toBe(400)
    expect(noBoundary.error).toContain('takes multipart/form-data with a boundary')
    const wrongStart = await upload('multipart/form-data; boundary=b', Buffer.concat([Buffer.from('garbage'), multipart('b', PNG)]))
    expect(wrongStart.status).toBe(400)
    expect(wrongStart.error).toBe('The multipart body of media/uploadimg does not start with its boundary.')
    const unclosed = await upload('multipart/form-data; boundary=b', multipart('b', PNG).subarray(0, -8))
    expect(unclosed.status).toBe(400)
    expect(unclosed.error).toBe('The multipart body of media/uploadimg does not end with its closing boundary.')
    const tooShort = await upload('multipart/form-data; boundary=b', '--b')
    expect(tooShort.status).toBe(400)
    const json = await upload('application/json', '{}')
    expect(json.status).toBe(400)
    expect(emulator.state.images).toHaveLength(0)
    // A well-formed one still goes through.
    const good = await upload('multipart/form-data; boundary=b', multipart('b', PNG))
    expect(good.status).toBe(200)
    expect(JSON.parse(good.text)).toHaveProperty('url')
  })

  it('malformed JSON bodies and a body where none belongs', async () => {
    const { relay } = await start()
    for (const body of ['{"articles": [', '[1,2]', 'null', '\u0000\u0001']) {
      const answer = await send(relay.url, 'POST', '/cgi-bin/draft/add', { ...auth, 'content-type': 'application/json' }, [body])
      expect(answer.status).toBe(400)
      expect(answer.error).toBe('The body of draft/add is not a JSON object.')
    }
    const withBody = await send(relay.url, 'GET', '/cgi-bin/material/get_materialcount', { ...auth, 'content-length': '2' }, ['{}'])
    expect(withBody.status).toBe(400)
  })

  it('slow-loris: headers trickled byte by byte are cut off at headersTimeoutMs with 408', async () => {
    const { relay, log } = await start(undefined, { headersTimeoutMs: 300 })
    const slow = await slowClient(relay.url, 'POST /cgi-bin/draft/add HTTP/1.1\r\nHost: relay\r\n', 'X-Slow: aaaaaaaa', 50)
    expect(slow.closed).toBe(true)
    expect(slow.answer).toMatch(/^HTTP\/1\.1 408 /)
    expect(log.some((line) => (JSON.parse(line) as { status: number }).status === 408)).toBe(true)
  })

  it('a slow body is cut off at requestTimeoutMs', async () => {
    const { relay } = await start(undefined, { headersTimeoutMs: 200, requestTimeoutMs: 400 })
    const opening = `POST /cgi-bin/draft/add HTTP/1.1\r\nHost: relay\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`
    const slow = await slowClient(relay.url, opening, ' ', 50)
    expect(slow.closed).toBe(true)
    expect(slow.answer).toMatch(/^HTTP\/1\.1 408 /)
  })

  it('bad keys: another scheme, an empty one, an enormous one, two headers, one character off: 401 each', async () => {
    const { relay } = await start(undefined, { rateLimit: { failedAuthPerMinute: 100 } })
    const attempts: Array<Record<string, string | string[]>> = [
      { authorization: `Basic ${Buffer.from(`user:${KEY}`).toString('base64')}` },
      { authorization: 'Bearer ' },
      { authorization: `Bearer ${'k'.repeat(8_000)}` },
      { authorization: `Bearer ${KEY}x` },
      { authorization: `bearer ${KEY}` },
      { authorization: `Bearer ${KEY.slice(0, -1)}` },
      { authorization: [`Bearer wrong-wrong-wrong-wrong`, `Bearer ${KEY}`] },
    ]
    for (const headers of attempts) {
      const answer = await send(relay.url, 'GET', '/cgi-bin/material/get_materialcount', headers)
      expect(answer.status, JSON.stringify(headers).slice(0, 60)).toBe(401)
      expect(answer.error).toContain('Authorization: Bearer <key>')
    }
    const oversized = await send(relay.url, 'GET', '/cgi-bin/material/get_materialcount', { authorization: `Bearer ${'k'.repeat(20_000)}` })
    expect(oversized.status).toBe(431)
  })

  it('path tricks: dot segments, encodings, doubled slashes, case, suffixes, absolute form: 404 each, never a token endpoint', async () => {
    const { relay, emulator } = await start()
    const tricks = [
      '/cgi-bin/../cgi-bin/stable_token',
      '/cgi-bin/draft/../stable_token',
      '/cgi-bin/%2e%2e/cgi-bin/stable_token',
      '/cgi-bin/draft%2fadd',
      '/cgi-bin/draft/add%00',
      '/cgi-bin/draft/add/',
      '/cgi-bin/draft/add;jsessionid=1',
      '//cgi-bin/draft/add',
      '/CGI-BIN/draft/add',
      '/cgi-bin/./draft/add',
      '/health/../cgi-bin/stable_token',
      '/cgi-bin/token?grant_type=client_credential&appid=x&secret=y',
      'http://127.0.0.1/cgi-bin/draft/add',
      '*',
    ]
    for (const path of tricks) {
      const answer = await send(relay.url, 'POST', path, { ...auth, 'content-type': 'application/json' }, ['{}'])
      expect(answer.status, path).toBe(404)
      expect(answer.error, path).toMatch(/^The relay (forwards only|only answers)/)
    }
    expect(emulator.state.count('stable_token')).toBe(0)
  })

  it('a smuggled access_token or extra parameters are dropped: the relay sends its own token and only listed parameters', async () => {
    const { relay, emulator } = await start()
    const counted = await send(relay.url, 'GET', '/cgi-bin/material/get_materialcount?access_token=stolen-token-xyz&appid=wx1', auth)
    expect(counted.status).toBe(200)
    expect(JSON.parse(counted.text)).not.toHaveProperty('errcode')
    const upload = await send(relay.url, 'POST', '/cgi-bin/material/add_material?type=image&type=video&access_token=x', { ...auth, 'content-type': 'multipart/form-data; boundary=b' }, [multipart('b', PNG)])
    expect(upload.status).toBe(200)
    expect([...emulator.state.materials.values()].map((material) => material.type)).toEqual(['image'])
  })

  it('after all of it the relay still answers and still forwards', async () => {
    const { relay, client } = await start(undefined, { headersTimeoutMs: 300 })
    await send(relay.url, 'POST', '/cgi-bin/../x', auth)
    await send(relay.url, 'POST', '/cgi-bin/media/uploadimg', { ...auth, 'content-type': 'multipart/form-data; boundary=z' }, ['nonsense'])
    await slowClient(relay.url, 'GET /health HTTP/1.1\r\n', 'x', 40)
    expect((await fetch(`${relay.url}/health`)).status).toBe(200)
    await expect(client().uploadArticleImage({ data: PNG })).resolves.toHaveProperty('url')
  })
})
