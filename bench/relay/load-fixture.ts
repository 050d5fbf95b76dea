import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'

export interface ClientFolder {
  root: string
  posts: string
  lockFile: string
  titles: string[]
}

/**
 * `clients` folders of `articles` articles each, every article with its own small picture (its
 * cover and body image), so that every upload and every article is distinct across the run.
 */
export async function createLoadFixture(clients: number, articles: number): Promise<{ folders: ClientFolder[]; remove(): Promise<void> }> {
  const base = await mkdtemp(join(tmpdir(), 'mdwx-bench-relay-'))
  const folders: ClientFolder[] = []
  for (let client = 0; client < clients; client++) {
    const root = join(base, `client-${client}`)
    const posts = join(root, 'posts')
    await mkdir(posts, { recursive: true })
    const titles: string[] = []
    for (let article = 0; article < articles; article++) {
      const title = `Client ${client} article ${article}`
      titles.push(title)
      const picture = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: client * 60, g: article * 5, b: 128 } } }).png().toBuffer()
      await writeFile(join(posts, `a${article}.png`), picture)
      await writeFile(join(posts, `a${article}.md`), `---\ntitle: ${title}\n---\n\n${title}: a paragraph of text.\n\n![picture](a${article}.png)\n`)
    }
    folders.push({ root, posts, lockFile: join(root, 'mdwx.lock.json'), titles })
  }
  return { folders, remove: () => rm(base, { recursive: true, force: true }) }
}
