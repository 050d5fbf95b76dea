import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadImage } from '@mdwx/images'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * site/                  ← root (the folder being published)
 *   posts/               ← baseDir (the Markdown file's folder)
 *     cover.png
 *     my photo.png
 *     a#b.png
 *     leak.png → ../../secret.png   (symlink escaping root)
 *     inside.png → ../shared/logo.png (symlink staying inside)
 *   shared/logo.png
 * secret.png             ← outside root
 */
let top: string
let root: string
let posts: string

beforeAll(() => {
  top = mkdtempSync(join(tmpdir(), 'mdwx-images-load-'))
  root = join(top, 'site')
  posts = join(root, 'posts')
  mkdirSync(posts, { recursive: true })
  mkdirSync(join(root, 'shared'))
  writeFileSync(join(posts, 'cover.png'), 'cover bytes')
  writeFileSync(join(posts, 'my photo.png'), 'spaced bytes')
  writeFileSync(join(posts, 'a#b.png'), 'hash bytes')
  writeFileSync(join(root, 'shared', 'logo.png'), 'logo bytes')
  writeFileSync(join(top, 'secret.png'), 'secret bytes')
  symlinkSync(join(top, 'secret.png'), join(posts, 'leak.png'))
  symlinkSync(join(root, 'shared', 'logo.png'), join(posts, 'inside.png'))
})

afterAll(async () => {
  const { rm } = await import('node:fs/promises')
  await rm(top, { recursive: true, force: true })
})

const load = (src: string, extra: { root?: string; maxBytes?: number } = {}) =>
  loadImage(src, { baseDir: posts, root: extra.root ?? root, ...(extra.maxBytes === undefined ? {} : { fetch: { maxBytes: extra.maxBytes } }) })

const text = (data: Uint8Array): string => Buffer.from(data).toString()

describe('loadImage: local paths', () => {
  it('resolves a relative path against the Markdown file’s folder', async () => {
    const loaded = await load('cover.png')
    expect(text(loaded.data)).toBe('cover bytes')
    expect(loaded.origin).toBe(join(posts, 'cover.png'))
    expect(text((await load('./cover.png')).data)).toBe('cover bytes')
  })

  it('URL-decodes the path and drops ?query and #hash', async () => {
    expect(text((await load('my%20photo.png')).data)).toBe('spaced bytes')
    expect(text((await load('cover.png?v=3#top')).data)).toBe('cover bytes')
    expect(text((await load('a%23b.png')).data)).toBe('hash bytes')
  })

  it('follows ../ that stays inside root, and symlinks that stay inside', async () => {
    expect(text((await load('../shared/logo.png')).data)).toBe('logo bytes')
    expect(text((await load('inside.png')).data)).toBe('logo bytes')
  })

  it('reads a file whose name starts with two dots: it is inside root', async () => {
    writeFileSync(join(posts, '..notes.png'), 'dotted bytes')
    expect(text((await load('..notes.png')).data)).toBe('dotted bytes')
  })

  it('accepts an absolute path inside root', async () => {
    expect(text((await load(join(root, 'shared', 'logo.png'))).data)).toBe('logo bytes')
  })

  it.each([
    ['../ out of root', '../../secret.png'],
    ['an encoded ../', '%2e%2e/%2e%2e/secret.png'],
    ['an absolute path outside root', '/etc/passwd'],
  ])('refuses %s', async (_what, src) => {
    const error = await load(src).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'MDWX_IMAGE_OUTSIDE_ROOT', source: src, hint: expect.stringMatching(/inside the folder/) })
    expect((error as Error).message).toContain(src)
  })

  it('refuses a symlink that leads out of root', async () => {
    await expect(load('leak.png')).rejects.toMatchObject({
      code: 'MDWX_IMAGE_OUTSIDE_ROOT',
      message: expect.stringMatching(/^leak\.png: .* is outside .* through a symbolic link$/),
    })
  })

  it('defaults root to baseDir', async () => {
    await expect(loadImage('../shared/logo.png', { baseDir: posts })).rejects.toMatchObject({ code: 'MDWX_IMAGE_OUTSIDE_ROOT' })
  })

  it('says when a file is missing, is a folder, or has a malformed escape', async () => {
    await expect(load('nope.png')).rejects.toMatchObject({ code: 'MDWX_IMAGE_NOT_FOUND', message: `nope.png: ${join(posts, 'nope.png')} does not exist` })
    await expect(load('../shared')).rejects.toMatchObject({ code: 'MDWX_IMAGE_NOT_FOUND', message: expect.stringContaining('is not a file') })
    await expect(load('bad%zz.png')).rejects.toMatchObject({ code: 'MDWX_IMAGE_NOT_FOUND', message: 'bad%zz.png: the path has a malformed %-escape' })
  })

  it('refuses a file over maxBytes without reading it', async () => {
    await expect(load('cover.png', { maxBytes: 4 })).rejects.toMatchObject({ code: 'MDWX_IMAGE_TOO_LARGE', message: expect.stringContaining('11 bytes, over the 4-byte limit') })
  })

  it('validates its options', async () => {
    await expect(loadImage('cover.png', { baseDir: '' })).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION', message: 'Expected a non-empty string for baseDir, got ""' })
    await expect(loadImage('cover.png', { baseDir: posts, root: join(top, 'missing') })).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION', message: expect.stringMatching(/^Expected an existing folder for root/) })
    await expect(loadImage('', { baseDir: posts })).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION' })
    await expect(loadImage('cover.png', { baseDir: posts, fetch: { timeoutMs: -1 } })).rejects.toMatchObject({ message: 'Expected a positive integer for fetch.timeoutMs, got -1' })
  })
})

describe('loadImage: data URIs and other schemes', () => {
  it('decodes base64, with line breaks tolerated', async () => {
    const loaded = await loadImage('data:image/png;base64,aGVs\nbG8=', { baseDir: posts })
    expect(text(loaded.data)).toBe('hello')
    expect(loaded.origin).toBe('data:image/png (5 bytes)')
  })

  it('decodes percent-encoding to bytes, not text', async () => {
    const loaded = await loadImage('data:image/svg+xml,%3Csvg%20xmlns%3D%22x%22%2F%3E%FF', { baseDir: posts })
    expect([...loaded.data]).toEqual([...Buffer.from('<svg xmlns="x"/>'), 0xff])
    expect(loaded.origin).toBe('data:image/svg+xml (17 bytes)')
  })

  it('refuses a malformed or oversized data URI', async () => {
    await expect(loadImage('data:image/png;base64,***', { baseDir: posts })).rejects.toMatchObject({ code: 'MDWX_IMAGE_DECODE' })
    await expect(loadImage('data:image/png;base64', { baseDir: posts })).rejects.toMatchObject({ code: 'MDWX_IMAGE_DECODE' })
    await expect(loadImage(`data:image/png;base64,${'A'.repeat(400)}`, { baseDir: posts, fetch: { maxBytes: 100 } })).rejects.toMatchObject({ code: 'MDWX_IMAGE_TOO_LARGE' })
  })

  it.each(['ftp://example.com/a.png', 'file:///etc/passwd', 'javascript:alert(1)', 'mailto:a@example.com'])('refuses %s', async (src) => {
    const error = await loadImage(src, { baseDir: posts }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'MDWX_IMAGE_UNSUPPORTED', hint: expect.any(String) })
    expect((error as Error).message).toMatch(/images are loaded from paths, http\(s\) URLs and data: URIs/)
  })
})
