import { createServer, request as forward } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { DEMO_APP_ID, DEMO_APP_SECRET, type Emulator, startEmulator } from '@mdwx/emulator'
import { publish } from '@mdwx/publish'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { draftArticles, imageSources } from '../../../test/support/emulator.js'
import { writeFiles } from '../../../test/support/fixtures.js'
import { publishTo, ruleIds, statuses } from '../../../test/support/library.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

const closers: Array<() => Promise<void>> = []

async function emulated(): Promise<Emulator> {
  const emulator = await startEmulator()
  closers.push(() => emulator.close())
  return emulator
}

/**
 * A relay in front of the emulator that answers uploadimg with URLs shaped like Weixin's own
 * (`...?wx_fmt=png&from=appmsg`): the `&` must be escaped where the URL goes into the HTML.
 */
async function startAppmsgRelay(target: string): Promise<{ url: string; close: () => Promise<void> }> {
  const upstream = new URL(target)
  const server = createServer((incoming, outgoing) => {
    const proxied = forward({ host: upstream.hostname, port: upstream.port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
      const chunks: Buffer[] = []
      answer.on('data', (chunk: Buffer) => chunks.push(chunk))
      answer.on('end', () => {
        let body = Buffer.concat(chunks)
        if (incoming.url?.startsWith('/cgi-bin/media/uploadimg')) {
          const json = JSON.parse(body.toString('utf8')) as { url?: string }
          if (json.url) json.url += '&from=appmsg'
          body = Buffer.from(JSON.stringify(json))
        }
        outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'content-length': body.length })
        outgoing.end(body)
      })
    })
    proxied.on('error', () => outgoing.destroy())
    incoming.pipe(proxied)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})
afterAll(removeTempDirs)

describe('publish: the content sent', () => {
  it('holds each uploaded URL, escaped for the attribute (&from=appmsg), wherever the picture is used, and nothing else', async () => {
    const emulator = await emulated()
    const relay = await startAppmsgRelay(emulator.url)
    closers.push(() => relay.close())
    const cwd = await createTempDir('content')
    await writeFiles(path.join(cwd, 'posts'), {
      'one.png': await pictures.png(30, 20),
      'two.jpg': await pictures.jpeg(31, 20),
      'a.md': '# A\n\n![one](one.png)\n\nText between.\n\n<img src="two.jpg" alt="two" width="20">\n\n![one again](./one.png)\n',
    })
    const report = await publish(['posts'], { cwd, weixin: { appId: DEMO_APP_ID, appSecret: DEMO_APP_SECRET, baseUrl: relay.url } })
    expect(report.articles[0]?.status).toBe('created')
    expect(emulator.state.images).toHaveLength(2)
    const urlOf = (extension: string) => `${emulator.state.images.find((image) => image.filename.endsWith(extension))!.url}&from=appmsg`
    const [one, two] = [urlOf('.png'), urlOf('.jpg')]
    const [article] = draftArticles(emulator)
    expect(imageSources(article!.content)).toEqual([one, two, one])
    expect(article!.content).toContain(`src="${one.replaceAll('&', '&amp;')}"`)
    expect(article!.content).not.toMatch(/mmbiz\.qpic\.cn\/mmbiz_png\/mdwx/)
  })

  it('is measured as Weixin may count it: UTF-16 code units, so emoji count twice; nothing is sent when it is over', async () => {
    const emulator = await emulated()
    const cwd = await createTempDir('utf16')
    const emoji = '😀'.repeat(10_500) // 10,500 code points, 21,000 UTF-16 code units
    await writeFiles(path.join(cwd, 'posts'), {
      'p.png': await pictures.png(),
      'emoji.md': `# Emoji\n\n![p](p.png)\n\n${emoji}\n`,
      'title.md': `# ${'🎉'.repeat(40)}\n\n![p](p.png)\n`,
      'fine.md': `# Fine 🎉\n\n![p](p.png)\n\n${'😀'.repeat(100)}\n`,
    })
    const report = await publishTo(emulator, cwd, ['posts'])
    expect(ruleIds(report)).toEqual([
      'posts/emoji.md  error  content-too-long',
      // One paragraph of emoji: no cut can make it fit.
      'posts/emoji.md  info  split-offer',
      'posts/fine.md  info  held-back',
      'posts/title.md  warning  title-too-long',
      'posts/title.md  error  title-too-long',
    ])
    expect(report.articles[0]!.messages[0]!.message).toMatch(/21,\d{3} characters as Weixin counts them \(UTF-16/)
    expect(report.articles[2]!.messages[1]!.message).toMatch(/Title is 80 characters.*at most 64/)
    expect(emulator.state.calls).toEqual([])

    const going = await publishTo(emulator, cwd, ['posts'], { keepGoing: true })
    expect(statuses(going)).toEqual([
      ['posts/emoji.md', 'failed'],
      ['posts/fine.md', 'created'],
      ['posts/title.md', 'failed'],
    ])
  })
})
