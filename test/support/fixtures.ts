import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import * as pictures from './pictures.js'

export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex')

/** Writes `files` (relative path → content) below `root`, making folders as needed. */
export async function writeFiles(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative)
    await mkdir(path.dirname(file), { recursive: true })
    await writeFile(file, content)
  }
}

/**
 * Two small posts with pictures in `posts`: `one.md` with a front matter cover and a PNG, `two.md`
 * with an animated GIF (so both upload calls are made), plus `extra` files.
 */
export async function writePicturePosts(posts: string, extra: Record<string, string | Uint8Array> = {}): Promise<void> {
  await writeFiles(posts, {
    'cover.jpg': await pictures.jpeg(),
    'one.md': '---\ncover: cover.jpg\n---\n\n# One\n\n![a](one.png)\n',
    'one.png': await pictures.png(),
    'two.md': '# Two\n\n![b](two.gif)\n',
    'two.gif': await pictures.animatedGif(),
    ...extra,
  })
}

/** The lines of the indented code block in `every-kind.md`, as the author wrote them. */
export const codeLines = ['function greet(name) {', '  if (name) {', '    return `hello ${name}`', '  }', '}'] as const

/** The body images of `every-kind.md`, by kind, in document order. */
export const imageKinds = ['png', 'exif-jpeg', 'cmyk-jpeg', 'gif', 'webp', 'svg', 'bmp', 'remote', 'data-uri'] as const
export type ImageKind = (typeof imageKinds)[number]

export interface KitchenSink {
  /** The folder to publish. */
  posts: string
  /** Source bytes of each body image, and of the cover. */
  sources: Record<ImageKind | 'cover', Buffer>
  /** The remote picture's path on the image server. */
  remotePath: string
  remoteBody: Buffer
  /** Relative paths (in the posts folder) of the articles that are published. */
  published: readonly string[]
  front: { title: string; author: string; digest: string; sourceUrl: string }
}

/**
 * A folder of posts with one picture of every kind and every front matter field:
 * - `every-kind.md`: all fields, a front matter cover, nine images (PNG, camera JPEG with EXIF
 *   orientation and GPS, CMYK JPEG, animated GIF, WebP, SVG, BMP, a picture on `imageServerUrl`,
 *   a data URI) and an indented code block;
 * - `shared.md`: no cover field (its first image, the PNG shared with every-kind.md, is its cover);
 * - `unfinished.md` (`draft: true`) and `notes/later.md` (`publish: false`): skipped.
 */
export async function writeKitchenSink(root: string, imageServerUrl: string): Promise<KitchenSink> {
  const posts = path.join(root, 'posts')
  const sources = {
    png: await pictures.png(),
    'exif-jpeg': await pictures.exifJpeg(),
    'cmyk-jpeg': await pictures.cmykJpeg(),
    gif: await pictures.animatedGif(),
    webp: await pictures.webp(),
    svg: pictures.svg(),
    bmp: pictures.bmp(),
    remote: await pictures.png(64, 48, { r: 20, g: 20, b: 160 }, { r: 160, g: 255, b: 160 }),
    'data-uri': Buffer.alloc(0),
    cover: await pictures.jpeg(160, 90, { r: 250, g: 120, b: 0 }, { r: 255, g: 255, b: 255 }),
  }
  const dataUri = await pictures.dataUri()
  sources['data-uri'] = Buffer.from(dataUri.slice(dataUri.indexOf(',') + 1), 'base64')
  const remotePath = '/cdn/remote.png'
  const front = {
    title: 'Every image kind',
    author: 'Tess Ter',
    digest: 'One picture of every kind, and every front matter field.',
    sourceUrl: 'https://example.com/posts/every-image-kind',
  }
  await writeFiles(posts, {
    'images/photo.png': sources.png,
    'images/camera.jpg': sources['exif-jpeg'],
    'images/print.jpg': sources['cmyk-jpeg'],
    'images/moving.gif': sources.gif,
    'images/picture.webp': sources.webp,
    'images/drawing.svg': sources.svg,
    'images/paint.bmp': sources.bmp,
    'images/cover.jpg': sources.cover,
    'every-kind.md': [
      '---',
      `title: ${front.title}`,
      `author: ${front.author}`,
      `digest: ${front.digest}`,
      'cover: images/cover.jpg',
      `source_url: ${front.sourceUrl}`,
      'comments: true',
      'fans_only_comments: true',
      'show_cover: true',
      'tags: [ignored, unknown key]',
      '---',
      '',
      'Every kind of picture a folder of posts may hold.',
      '',
      '![a PNG](images/photo.png)',
      '',
      '![a camera JPEG](images/camera.jpg)',
      '',
      '![a CMYK JPEG](images/print.jpg)',
      '',
      '![an animated GIF](images/moving.gif)',
      '',
      '![a WebP](images/picture.webp)',
      '',
      '![an SVG](images/drawing.svg)',
      '',
      '![a BMP](images/paint.bmp)',
      '',
      `![a remote PNG](${imageServerUrl}${remotePath})`,
      '',
      `![a data URI](${dataUri})`,
      '',
      'And some code:',
      '',
      ...codeLines.map((line) => `    ${line}`),
      '',
      'The end.',
      '',
    ].join('\n'),
    'shared.md': ['# Shared picture', '', 'The same PNG again, uploaded once:', '', '![again](images/photo.png)', ''].join('\n'),
    'unfinished.md': ['---', 'draft: true', '---', '', '# Not yet', '', '![nothing](images/missing.png)', ''].join('\n'),
    'notes/later.md': ['---', 'publish: false', '---', '', '# Later', ''].join('\n'),
  })
  return { posts, sources, remotePath, remoteBody: sources.remote, published: ['every-kind.md', 'shared.md'], front }
}
