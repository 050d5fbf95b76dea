import { describe, expect, it } from 'vitest'
import { bmp, fixture, jpegOfSize, mp3, mp4, pngOfSize, ridPattern, session } from './helpers.js'

const imageUrlPattern = /^http:\/\/127\.0\.0\.1:\d+\/mmbiz_(png|jpg|gif|bmp)\/[A-Za-z0-9]{86}\/0\?wx_fmt=(png|jpeg|gif|bmp)$/

describe('POST /cgi-bin/media/uploadimg', () => {
  it('stores a PNG and answers {url} shaped like an mmbiz URL, served by the emulator', async () => {
    const { emulator, client, token } = await session()
    const png = fixture('small.png')
    const answer = await client.upload('media/uploadimg', token, { data: png, filename: 'chart.png' })
    expect(Object.keys(answer)).toEqual(['url'])
    expect(answer['url']).toMatch(imageUrlPattern)
    expect((answer['url'] as string).length).toBeGreaterThan(120)
    expect(emulator.state.images).toEqual([{ url: answer['url'], bytes: png, format: 'png', filename: 'chart.png', width: 24, height: 16, at: expect.any(Number) }])
    const served = await fetch(answer['url'] as string)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png)
  })

  it('labels its JSON text/plain without a charset, as the real upload endpoints do', async () => {
    const { client, token } = await session()
    const form = new FormData()
    form.append('media', new Blob([new Uint8Array(fixture('small.png'))]), 'a.png')
    const response = await fetch(client.url('media/uploadimg', { access_token: token }), { method: 'POST', body: form })
    expect(response.headers.get('content-type')).toBe('text/plain')
    expect(JSON.parse(new TextDecoder().decode(await response.arrayBuffer()))).toHaveProperty('url')
  })

  it('serves a placeholder instead of the image to pages elsewhere, like mmbiz.qpic.cn', async () => {
    const { emulator, client, token } = await session()
    const png = fixture('small.png')
    const url = (await client.upload('media/uploadimg', token, { data: png, filename: 'a.png' }))['url'] as string
    const fetchFrom = async (referer: string) => Buffer.from(await (await fetch(url, { headers: { referer } })).arrayBuffer())
    const placeholder = await fetchFrom('http://localhost:4000/preview')
    expect(placeholder.subarray(1, 4).toString()).toBe('PNG')
    expect(placeholder.readUInt32BE(16)).toBe(300)
    expect(placeholder).not.toEqual(png)
    expect(await fetchFrom(`${emulator.url}/draft/x`)).toEqual(png)
    expect(await fetchFrom('https://mp.weixin.qq.com/s/abc')).toEqual(png)
  })

  it.each(['photo.jpg', 'photo.jpeg', 'PHOTO.JPG'])('stores a JPEG named %s', async (filename) => {
    const { emulator, client, token } = await session()
    const answer = await client.upload('media/uploadimg', token, { data: fixture('small.jpg'), filename })
    expect(answer['url']).toMatch(/\/mmbiz_jpg\/.*wx_fmt=jpeg$/)
    expect(emulator.state.images[0]?.format).toBe('jpeg')
  })

  it('uses imageBaseUrl for the URLs it hands out', async () => {
    const { client, token } = await session({ imageBaseUrl: 'http://mmbiz.qpic.cn/' })
    const answer = await client.upload('media/uploadimg', token, { data: fixture('small.png'), filename: 'a.png' })
    expect(answer['url']).toMatch(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_png\/[A-Za-z0-9]{86}\/0\?wx_fmt=png$/)
  })

  it.each([
    ['a GIF', fixture('small.gif'), 'a.gif'],
    ['a BMP', bmp(4, 4), 'a.bmp'],
    ['text', Buffer.from('hello, not an image'), 'a.png'],
  ])('answers 40005 to %s (only JPG and PNG, judged by the bytes)', async (_, data, filename) => {
    const { client, token } = await session()
    const answer = await client.upload('media/uploadimg', token, { data, filename })
    expect(answer['errcode']).toBe(40005)
    expect(answer['errmsg']).toMatch(ridPattern)
  })

  it.each(['a.jpg', 'a.gif', 'a', 'a.png.txt'])('answers 40113 to PNG bytes named %s', async (filename) => {
    const { client, token } = await session()
    expect((await client.upload('media/uploadimg', token, { data: fixture('small.png'), filename }))['errcode']).toBe(40113)
  })

  it('accepts 1,048,575 bytes and answers 40009 to 1,048,576 ("under 1 MB")', async () => {
    const { client, token } = await session()
    const fits = pngOfSize(1_048_575)
    const tooBig = pngOfSize(1_048_576)
    expect(fits.length).toBe(1_048_575)
    expect(tooBig.length).toBe(1_048_576)
    expect(await client.upload('media/uploadimg', token, { data: fits, filename: 'a.png' })).toHaveProperty('url')
    expect((await client.upload('media/uploadimg', token, { data: tooBig, filename: 'a.png' }))['errcode']).toBe(40009)
  })

  it('answers 40137 to a truncated image', async () => {
    const { client, token } = await session()
    expect((await client.upload('media/uploadimg', token, { data: fixture('small.png').subarray(0, 40), filename: 'a.png' }))['errcode']).toBe(40137)
    expect((await client.upload('media/uploadimg', token, { data: fixture('small.jpg').subarray(0, 100), filename: 'a.jpg' }))['errcode']).toBe(40137)
  })

  it('ends errmsg of an endpoint error with a hint and a rid', async () => {
    const { client, token } = await session()
    const answer = await client.upload('media/uploadimg', token, { data: Buffer.from('text'), filename: 'a.png' })
    expect(answer['errmsg']).toMatch(/^invalid file type hint: \[[A-Za-z0-9]{6}\d{6}-0\] rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/)
  })

  it('answers 41005 when there is no media file part, and 44001 when it is empty', async () => {
    const { client, token } = await session()
    expect((await client.upload('media/uploadimg', token, { data: fixture('small.png'), filename: 'a.png', field: 'file' }))['errcode']).toBe(41005)
    expect((await client.upload('media/uploadimg', token, { data: Buffer.alloc(0), filename: 'a.png' }))['errcode']).toBe(44001)
    expect((await client.post('media/uploadimg', { media: 'a.png' }, token))['errcode']).toBe(41005)
  })
})

describe('multipart parsing', () => {
  const png = fixture('small.png')
  const send = async (client: Awaited<ReturnType<typeof session>>['client'], token: string, contentType: string, body: Buffer) =>
    (await client.request('POST', 'media/uploadimg', { access_token: token }, body, { 'content-type': contentType })).json

  const part = (boundary: string, disposition: string, data: Buffer, close = true): Buffer =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: application/octet-stream\r\n\r\n`),
      data,
      Buffer.from(close ? `\r\n--${boundary}--\r\n` : '\r\n'),
    ])

  it('reads a quoted boundary, a preamble and an RFC 5987 filename', async () => {
    const { emulator, client, token } = await session()
    const body = Buffer.concat([Buffer.from('preamble to ignore\r\n'), part('b-1', `form-data; name="media"; filename*=UTF-8''%E5%9B%BE%E8%A1%A8.png`, png)])
    const answer = await send(client, token, 'multipart/form-data; boundary="b-1"', body)
    expect(answer).toHaveProperty('url')
    expect(emulator.state.images[0]?.filename).toBe('图表.png')
  })

  it('reads a raw UTF-8 filename and ignores other fields', async () => {
    const { emulator, client, token } = await session()
    const body = Buffer.concat([
      Buffer.from('--xyz\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n'),
      part('xyz', 'form-data; name="media"; filename="图 表.png"', png),
    ])
    expect(await send(client, token, 'multipart/form-data; boundary=xyz', body)).toHaveProperty('url')
    expect(emulator.state.images[0]?.filename).toBe('图 表.png')
  })

  it.each([
    ['no boundary parameter', 'multipart/form-data', part('xyz', 'form-data; name="media"; filename="a.png"', png)],
    ['an unterminated part', 'multipart/form-data; boundary=xyz', part('xyz', 'form-data; name="media"; filename="a.png"', png, false)],
    ['a part without a disposition', 'multipart/form-data; boundary=xyz', Buffer.concat([Buffer.from('--xyz\r\nContent-Type: image/png\r\n\r\n'), png, Buffer.from('\r\n--xyz--\r\n')])],
    ['a media part without a filename', 'multipart/form-data; boundary=xyz', part('xyz', 'form-data; name="media"', png)],
    ['another content type', 'application/octet-stream', png],
    ['no delimiter at all', 'multipart/form-data; boundary=xyz', png],
  ])('answers 41005 to %s', async (_, contentType, body) => {
    const { client, token } = await session()
    expect((await send(client, token, contentType, body))['errcode']).toBe(41005)
  })
})

describe('POST /cgi-bin/material/add_material', () => {
  it.each([
    ['PNG', fixture('small.png'), 'a.png', 'png'],
    ['JPEG', fixture('small.jpg'), 'a.jpg', 'jpeg'],
    ['GIF', fixture('small.gif'), 'a.gif', 'gif'],
    ['BMP', bmp(6, 4), 'a.bmp', 'bmp'],
  ])('stores a %s image and answers {media_id, url}', async (_, data, filename, format) => {
    const { emulator, client, token } = await session()
    const answer = await client.upload('material/add_material', token, { data, filename }, {}, { type: 'image' })
    expect(answer['media_id']).toMatch(/^[A-Za-z0-9]{43}$/)
    expect(answer['url']).toMatch(imageUrlPattern)
    const record = emulator.state.materials.get(answer['media_id'] as string)
    expect(record).toMatchObject({ type: 'image', url: answer['url'], format, filename, bytes: data })
    const served = await fetch(answer['url'] as string)
    expect(Buffer.from(await served.arrayBuffer())).toEqual(data)
  })

  it('answers 40004 to a missing or unknown type', async () => {
    const { client, token } = await session()
    const file = { data: fixture('small.png'), filename: 'a.png' }
    expect((await client.upload('material/add_material', token, file))['errcode']).toBe(40004)
    expect((await client.upload('material/add_material', token, file, {}, { type: 'news' }))['errcode']).toBe(40004)
  })

  it('accepts images up to 10 MB and answers 45001 above', async () => {
    const { client, token } = await session()
    const limit = 10 * 1024 * 1024
    expect(await client.upload('material/add_material', token, { data: pngOfSize(limit), filename: 'a.png' }, {}, { type: 'image' })).toHaveProperty('media_id')
    expect((await client.upload('material/add_material', token, { data: pngOfSize(limit + 1), filename: 'a.png' }, {}, { type: 'image' }))['errcode']).toBe(45001)
  })

  it('takes a JPG thumb up to 64 KB, answering {media_id} only', async () => {
    const { emulator, client, token } = await session()
    const answer = await client.upload('material/add_material', token, { data: jpegOfSize(65_536), filename: 'thumb.jpg' }, {}, { type: 'thumb' })
    expect(Object.keys(answer)).toEqual(['media_id'])
    expect(emulator.state.materials.get(answer['media_id'] as string)?.type).toBe('thumb')
    expect((await client.upload('material/add_material', token, { data: jpegOfSize(65_537), filename: 'thumb.jpg' }, {}, { type: 'thumb' }))['errcode']).toBe(45001)
    expect((await client.upload('material/add_material', token, { data: fixture('small.png'), filename: 'thumb.png' }, {}, { type: 'thumb' }))['errcode']).toBe(40005)
  })

  it('takes voice up to 2 MB with a matching extension', async () => {
    const { client, token } = await session()
    expect(await client.upload('material/add_material', token, { data: mp3(), filename: 'a.mp3' }, {}, { type: 'voice' })).toHaveProperty('media_id')
    expect((await client.upload('material/add_material', token, { data: mp3(), filename: 'a.wav' }, {}, { type: 'voice' }))['errcode']).toBe(40113)
    expect((await client.upload('material/add_material', token, { data: mp3(2 * 1024 * 1024), filename: 'a.mp3' }, {}, { type: 'voice' }))['errcode']).toBe(45001)
    expect((await client.upload('material/add_material', token, { data: fixture('small.png'), filename: 'a.png' }, {}, { type: 'voice' }))['errcode']).toBe(40005)
  })

  it('takes a video with a description (40097 without one)', async () => {
    const { emulator, client, token } = await session()
    const description = JSON.stringify({ title: '演示', introduction: 'A short clip' })
    const answer = await client.upload('material/add_material', token, { data: mp4(), filename: 'clip.mp4' }, { description }, { type: 'video' })
    expect(Object.keys(answer)).toEqual(['media_id'])
    expect(emulator.state.materials.get(answer['media_id'] as string)).toMatchObject({ type: 'video', title: '演示', introduction: 'A short clip', url: undefined })
    expect((await client.upload('material/add_material', token, { data: mp4(), filename: 'clip.mp4' }, {}, { type: 'video' }))['errcode']).toBe(40097)
    expect((await client.upload('material/add_material', token, { data: mp4(), filename: 'clip.mp4' }, { description: '{"title":' }, { type: 'video' }))['errcode']).toBe(40097)
  })
})
