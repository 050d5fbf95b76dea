import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { copyFile, link, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { seededRandom } from '../images/synthetic.js'
import { articleMarkdown } from './articles.js'
import { mapConcurrently } from './concurrency.js'
import { diagram, PhotoSource, pictureKinds, screenshot, type PictureKind } from './pictures.js'

export const articleCount = 100
export const imagesPerArticle = 5

/** One picture of the set, as saved next to the articles. */
export interface FixturePicture {
  /** `images/a007-2.jpg`, relative to the posts folder. */
  file: string
  kind: PictureKind
  seed: number
  bytes: number
}

export interface PublishFixture {
  /** The temporary folder: `posts/` and the lock file. Removed by `remove()`. */
  root: string
  posts: string
  lockFile: string
  articles: number
  pictures: FixturePicture[]
  /** Where the pictures were generated once and are linked from (they take a minute to draw). */
  cache: string
  /** True when this run drew the pictures; false when they came from the cache. */
  generated: boolean
  remove(): Promise<void>
}

/**
 * Each article: a camera photo first (its cover), then an edited photo, a third photo (either
 * kind), a screenshot and a diagram (one article in four: a retina screenshot instead). Seeded:
 * every machine gets the same 500 pictures, all distinct; none is shared between articles.
 */
export function picturePlan(): FixturePicture[][] {
  const random = seededRandom(2024)
  return Array.from({ length: articleCount }, (_, article) => {
    const kinds: PictureKind[] = [
      'camera-photo',
      'edited-photo',
      random() < 0.5 ? 'camera-photo' : 'edited-photo',
      'screenshot',
      random() < 0.25 ? 'retina-screenshot' : 'diagram',
    ]
    return kinds.map((kind, index) => ({
      file: `images/a${String(article + 1).padStart(3, '0')}-${index + 1}.${pictureKinds[kind].extension}`,
      kind,
      seed: 100_000 + article * 10 + index,
      bytes: 0,
    }))
  })
}

async function drawPicture(photos: PhotoSource, picture: FixturePicture): Promise<Buffer> {
  switch (picture.kind) {
    case 'camera-photo':
    case 'edited-photo':
      return photos.photo(picture.kind, picture.seed)
    case 'screenshot':
    case 'retina-screenshot':
      return screenshot(picture.kind, picture.seed)
    case 'diagram':
      return diagram(picture.seed)
  }
}

/** The cache folder's name changes whenever the code that draws the pictures changes. */
async function cacheFolder(): Promise<string> {
  const hash = createHash('sha256')
  for (const source of ['./pictures.ts', './fixture.ts', '../images/synthetic.ts']) hash.update(await readFile(new URL(source, import.meta.url)))
  return join(tmpdir(), `mdwx-bench-publish-pictures-${hash.digest('hex').slice(0, 12)}`)
}

async function ensurePictures(cache: string, plan: FixturePicture[][], onProgress: (line: string) => void): Promise<boolean> {
  if (existsSync(join(cache, 'complete'))) return false
  const building = `${cache}.${process.pid}.tmp`
  await rm(building, { recursive: true, force: true })
  await mkdir(join(building, 'images'), { recursive: true })
  const started = performance.now()
  onProgress('drawing the photo fields...')
  const photos = await PhotoSource.create(6, 700)
  const pictures = plan.flat()
  let done = 0
  await mapConcurrently(pictures, availableParallelism(), async (picture) => {
    await writeFile(join(building, picture.file), await drawPicture(photos, picture))
    if (++done % 50 === 0) onProgress(`${done} of ${pictures.length} pictures drawn (${((performance.now() - started) / 1000).toFixed(0)} s)`)
  })
  await writeFile(join(building, 'complete'), '')
  // Another run may have finished the same cache meanwhile: theirs is as good as ours.
  await rename(building, cache).catch(() => rm(building, { recursive: true, force: true }))
  return true
}

/** The 100 articles and their 500 pictures in a new temporary folder. */
export async function createFixture(onProgress: (line: string) => void = () => {}): Promise<PublishFixture> {
  const plan = picturePlan()
  const cache = await cacheFolder()
  const generated = await ensurePictures(cache, plan, onProgress)
  const root = await mkdtemp(join(tmpdir(), 'mdwx-bench-publish-'))
  const posts = join(root, 'posts')
  await mkdir(join(posts, 'images'), { recursive: true })
  for (const [article, pictures] of plan.entries()) {
    for (const picture of pictures) {
      const from = join(cache, picture.file)
      const to = join(posts, picture.file)
      // A hard link costs nothing; across file systems, a copy.
      await link(from, to).catch(() => copyFile(from, to))
      picture.bytes = (await stat(to)).size
    }
    const images = pictures.map((picture, index) => ({ file: picture.file, alt: `${pictureKinds[picture.kind].extension === 'jpg' ? 'photo' : 'figure'} ${index + 1}` }))
    await writeFile(join(posts, `a${String(article + 1).padStart(3, '0')}.md`), articleMarkdown(article, images))
  }
  return {
    root,
    posts,
    lockFile: join(root, 'mdwx.lock.json'),
    articles: plan.length,
    pictures: plan.flat(),
    cache,
    generated,
    remove: () => rm(root, { recursive: true, force: true }),
  }
}
