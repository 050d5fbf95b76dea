import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { LockFile, lockFileName } from '@mdwx/publish'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

describe('LockFile', () => {
  let folder: string

  beforeAll(async () => {
    folder = await createTempDir('lock')
  })

  afterAll(removeTempDirs)

  it('is named mdwx.lock.json', () => {
    expect(lockFileName).toBe('mdwx.lock.json')
  })

  it('a missing file opens as an empty lock; an account is created on first use', async () => {
    const lock = await LockFile.open(path.join(folder, 'none', lockFileName))
    expect(lock.account('wx1')).toEqual({ images: {}, covers: {}, articles: {} })
    expect(lock.account('wx1')).toBe(lock.account('wx1'))
  })

  it('writes readable JSON with every key sorted, so diffs stay small, and reads it back', async () => {
    const file = path.join(folder, 'sorted', lockFileName)
    await mkdir(path.dirname(file))
    const lock = await LockFile.open(file)
    const account = lock.account('wx2')
    account.articles['posts/z.md'] = { target: 'draft', mediaId: 'm-z', index: 0, contentHash: 'h-z' }
    account.articles['posts/a.md'] = { mediaId: 'm-a', contentHash: 'h-a', index: 0, target: 'news' }
    account.images['ff'] = { url: 'http://x/ff', api: 'uploadimg' }
    account.images['00'] = { url: 'http://x/00', mediaId: 'mm', api: 'material' }
    lock.account('wx1').articleApi = 'draft'
    await lock.save()

    const text = await readFile(file, 'utf8')
    expect(text.endsWith('}\n')).toBe(true)
    expect(text).toContain('\n  "accounts": {\n    "wx1": {')
    const data = JSON.parse(text) as { accounts: Record<string, Record<string, Record<string, Record<string, unknown>>>> }
    expect(Object.keys(data)).toEqual(['accounts', 'version'])
    expect(Object.keys(data.accounts)).toEqual(['wx1', 'wx2'])
    expect(Object.keys(data.accounts['wx2']!['articles']!)).toEqual(['posts/a.md', 'posts/z.md'])
    expect(Object.keys(data.accounts['wx2']!['articles']!['posts/z.md']!)).toEqual(['contentHash', 'index', 'mediaId', 'target'])
    expect(Object.keys(data.accounts['wx2']!['images']!)).toEqual(['00', 'ff'])
    expect(Object.keys(data.accounts['wx2']!['images']!['00']!)).toEqual(['api', 'mediaId', 'url'])

    const again = await LockFile.open(file)
    expect(again.account('wx2')).toEqual(account)
    expect(again.account('wx1').articleApi).toBe('draft')
  })

  it('saves one after the other and atomically: each save resolves with its change on disk, the last state wins, no temporary file is left', async () => {
    const file = path.join(folder, 'atomic', lockFileName)
    await mkdir(path.dirname(file))
    const lock = await LockFile.open(file)
    const saves: Promise<void>[] = []
    const onDisk = async () => Object.keys((JSON.parse(await readFile(file, 'utf8')) as { accounts: { wx: { images: object } } }).accounts.wx.images)
    for (let i = 0; i < 20; i++) {
      const key = `hash-${String(i).padStart(2, '0')}`
      lock.account('wx').images[key] = { url: `http://x/${i}`, api: 'uploadimg' }
      // Saves asked for while a write is under way share the next one: it must still carry this change.
      saves.push(lock.save().then(async () => expect(await onDisk()).toContain(key)))
      if (i % 7 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    await Promise.all(saves)
    const data = JSON.parse(await readFile(file, 'utf8')) as { accounts: { wx: { images: object } } }
    expect(Object.keys(data.accounts.wx.images)).toHaveLength(20)
    expect(await readdir(path.dirname(file))).toEqual([lockFileName])
  })

  it('names articles by their path relative to the lock file, with /', async () => {
    const lock = LockFile.empty(path.join(folder, 'project', lockFileName))
    expect(lock.articleKey(path.join(folder, 'project', 'posts', '2024', 'a.md'))).toBe('posts/2024/a.md')
    expect(lock.articleKey(path.join(folder, 'elsewhere', 'b.md'))).toBe('../elsewhere/b.md')
  })

  it('fills in the parts an older or hand-edited file leaves out', async () => {
    const file = path.join(folder, 'partial.json')
    await writeFile(file, JSON.stringify({ version: 1, accounts: { wx: { articles: { 'a.md': { contentHash: 'h', target: 'draft', mediaId: 'm', index: 0 } } } } }))
    const account = (await LockFile.open(file)).account('wx')
    expect(account.images).toEqual({})
    expect(account.covers).toEqual({})
    expect(account.articles['a.md']?.mediaId).toBe('m')
  })

  it.each([
    ['not JSON', '{"version": 1, "accounts": {', /it is not JSON/],
    ['not an object', '"mdwx"', /it is not an object/],
    ['another version', '{"version": 2, "accounts": {}}', /version 2 is not 1/],
    ['no accounts', '{"version": 1}', /"accounts" is missing/],
    ['an account that is not an object', '{"version": 1, "accounts": {"wx1": null}}', /the account "wx1" is not an object/],
    ['articles that are not an object', '{"version": 1, "accounts": {"wx1": {"articles": "x"}}}', /"articles" of the account "wx1" is not an object/],
  ])('an invalid file (%s) is an error naming it and saying how to recover', async (_, text, why) => {
    const file = path.join(folder, `invalid-${text.length}.json`)
    await writeFile(file, text)
    const error = (await LockFile.open(file).catch((caught: unknown) => caught)) as { code: string; message: string; hint: string }
    expect(error.code).toBe('MDWX_LOCK_INVALID')
    expect(error.message).toContain(file)
    expect(error.message).toMatch(why)
    expect(error.hint).toMatch(/version control/)
  })

  it('a lock that cannot be written is an error naming it', async () => {
    const lock = LockFile.empty(path.join(folder, 'no-such-folder', lockFileName))
    lock.account('wx').articleApi = 'draft'
    await expect(lock.save()).rejects.toMatchObject({ code: 'MDWX_LOCK_UNWRITABLE', message: expect.stringContaining('no-such-folder') })
  })

  it('a lock path that is a folder cannot be read: an error, not an empty lock', async () => {
    await expect(LockFile.open(folder)).rejects.toMatchObject({ code: 'MDWX_LOCK_UNREADABLE' })
  })
})
