import { readFileSync } from 'node:fs'
import { crc32 } from 'node:zlib'
import { DEMO_APP_ID, DEMO_APP_SECRET, type Emulator, type EmulatorOptions, startEmulator } from '@mdwx/emulator'
import { afterEach } from 'vitest'

/** A Weixin answer: tests read its fields freely. */
export type Answer = Record<string, any>

export const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url))

/** A controllable clock for token lifetimes and publishing; starts at a fixed instant. */
export function testClock(): { now: () => number; advance: (ms: number) => void } {
  let time = Date.UTC(2025, 5, 1, 4, 0, 0)
  return { now: () => time, advance: (ms) => void (time += ms) }
}

const running: Emulator[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()))
})

/** Starts an emulator that is closed after the current test. */
export async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const started = await startEmulator(options)
  running.push(started)
  return started
}

/** A bare HTTP client for the emulator: each method is one real request. */
export class WeixinTestClient {
  constructor(readonly base: string) {}

  async token(): Promise<string> {
    const answer = await this.get('token', { grant_type: 'client_credential', appid: DEMO_APP_ID, secret: DEMO_APP_SECRET })
    if (typeof answer['access_token'] !== 'string') throw new Error(`no token: ${JSON.stringify(answer)}`)
    return answer['access_token']
  }

  async stableToken(forceRefresh?: boolean): Promise<Answer> {
    return this.post('stable_token', { grant_type: 'client_credential', appid: DEMO_APP_ID, secret: DEMO_APP_SECRET, ...(forceRefresh === undefined ? {} : { force_refresh: forceRefresh }) })
  }

  async get(path: string, query: Record<string, string> = {}): Promise<Answer> {
    return (await this.request('GET', path, query)).json
  }

  /** POST JSON (a value is sent with JSON.stringify; a string is sent as is). */
  async post(path: string, body: unknown, token?: string): Promise<Answer> {
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    return (await this.request('POST', path, token === undefined ? {} : { access_token: token }, text, { 'content-type': 'application/json' })).json
  }

  async upload(path: string, token: string, file: { data: Buffer; filename: string; field?: string }, fields: Record<string, string> = {}, query: Record<string, string> = {}): Promise<Answer> {
    const form = new FormData()
    form.append(file.field ?? 'media', new Blob([new Uint8Array(file.data)]), file.filename)
    for (const [name, value] of Object.entries(fields)) form.append(name, value)
    const response = await fetch(this.url(path, { ...query, access_token: token }), { method: 'POST', body: form })
    return (await response.json()) as Answer
  }

  async request(method: string, path: string, query: Record<string, string>, body?: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; text: string; json: Answer }> {
    const init: RequestInit = { method, headers }
    if (body !== undefined) init.body = typeof body === 'string' ? body : new Uint8Array(body)
    const response = await fetch(this.url(path, query), init)
    const text = await response.text()
    let json: Answer = {}
    try {
      json = JSON.parse(text) as Answer
    } catch {
      // not JSON (502 page, 404): callers look at status and text
    }
    return { status: response.status, headers: response.headers, text, json }
  }

  url(path: string, query: Record<string, string> = {}): string {
    const search = new URLSearchParams(query).toString()
    return `${this.base}/cgi-bin/${path}${search === '' ? '' : `?${search}`}`
  }
}

/** A started emulator, a client for it and a token. */
export async function session(options: EmulatorOptions = {}): Promise<{ emulator: Emulator; client: WeixinTestClient; token: string }> {
  const started = await emulator(options)
  const client = new WeixinTestClient(started.url)
  return { emulator: started, client, token: await client.token() }
}

/** A valid PNG of at least `bytes` bytes: padded with a private ancillary chunk, still decodable. */
export function pngOfSize(bytes: number): Buffer {
  const png = fixture('small.png')
  const padding = Math.max(0, bytes - png.length - 12)
  const type = Buffer.from('prVt', 'latin1')
  const data = Buffer.alloc(padding, 0x61)
  const chunk = Buffer.alloc(12 + padding)
  chunk.writeUInt32BE(padding, 0)
  type.copy(chunk, 4)
  data.copy(chunk, 8)
  chunk.writeUInt32BE(crc32(Buffer.concat([type, data])), 8 + padding)
  const afterHeader = 8 + 25 // signature + IHDR chunk
  return Buffer.concat([png.subarray(0, afterHeader), chunk, png.subarray(afterHeader)])
}

/** A valid JPEG of at least `bytes` bytes: padded with comment segments. */
export function jpegOfSize(bytes: number): Buffer {
  const jpeg = fixture('small.jpg')
  const segments: Buffer[] = []
  let missing = bytes - jpeg.length
  while (missing > 0) {
    const length = Math.min(65_533, Math.max(2, missing - 2))
    const segment = Buffer.alloc(2 + length, 0x20)
    segment[0] = 0xff
    segment[1] = 0xfe
    segment.writeUInt16BE(length, 2)
    segments.push(segment)
    missing -= segment.length
  }
  return Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)])
}

/** A 24-bit BMP of the given size. */
export function bmp(width: number, height: number): Buffer {
  const rowBytes = Math.ceil((width * 3) / 4) * 4
  const file = Buffer.alloc(54 + rowBytes * height, 0x80)
  file.write('BM', 0, 'latin1')
  file.writeUInt32LE(file.length, 2)
  file.writeUInt32LE(54, 10)
  file.writeUInt32LE(40, 14)
  file.writeInt32LE(width, 18)
  file.writeInt32LE(height, 22)
  file.writeUInt16LE(1, 26)
  file.writeUInt16LE(24, 28)
  file.writeUInt32LE(rowBytes * height, 34)
  return file
}

/** Bytes that start like an MP3 (ID3 tag) or an MP4 (ftyp box): the emulator judges by magic numbers. */
export const mp3 = (size = 2048): Buffer => Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.alloc(size, 0xaa)])
export const mp4 = (size = 2048): Buffer => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom', 'latin1'), Buffer.alloc(size, 0)])

/** Uploads a cover (add_material type=image) and returns its media_id. */
export async function uploadCover(client: WeixinTestClient, token: string): Promise<string> {
  const answer = await client.upload('material/add_material', token, { data: fixture('small.jpg'), filename: 'cover.jpg' }, {}, { type: 'image' })
  return answer['media_id'] as string
}

/** A minimal valid draft article with the given overrides. */
export function article(thumbMediaId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { title: 'Hello', author: 'mdwx', content: '<p>Hello Weixin</p>', thumb_media_id: thumbMediaId, ...overrides }
}

export const ridPattern = / rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/
