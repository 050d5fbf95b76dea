import path from 'node:path'
import { discoverMarkdown } from '@mdwx/publish'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFiles } from '../../../test/support/fixtures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

describe('discoverMarkdown', () => {
  let root: string

  beforeAll(async () => {
    root = await createTempDir('discover')
    await writeFiles(root, {
      'posts/b.md': '# b',
      'posts/a.md': '# a',
      'posts/B-upper.md': '# B',
      'posts/long.markdown': '# long',
      'posts/notes.txt': 'not markdown',
      'posts/2024/01-new-year.md': '# 2024',
      'posts/2024/z.MD': '# upper-case extension',
      'posts/node_modules/pkg/readme.md': '# dependency',
      'posts/.obsidian/template.md': '# editor state',
      'posts/.hidden.md': '# hidden, as dot-folders are',
      'elsewhere/c.md': '# c',
    })
  })

  afterAll(removeTempDirs)

  it('a folder: every Markdown file below it, sorted by code unit at each level, without node_modules and hidden entries', async () => {
    const files = await discoverMarkdown(['posts'], { cwd: root })
    expect(files.map((file) => file.relativePath)).toEqual([
      '2024/01-new-year.md',
      '2024/z.MD',
      'B-upper.md',
      'a.md',
      'b.md',
      'long.markdown',
    ].map((relative) => relative.split('/').join(path.sep)))
    for (const file of files) {
      expect(file.root).toBe(path.join(root, 'posts'))
      expect(file.path).toBe(path.join(root, 'posts', file.relativePath))
    }
  })

  it('a file: taken as given, relative to its own folder, even when not named *.md', async () => {
    const [file] = await discoverMarkdown(['posts/notes.txt'], { cwd: root })
    expect(file).toEqual({ path: path.join(root, 'posts/notes.txt'), relativePath: 'notes.txt', root: path.join(root, 'posts'), assetRoots: [] })
  })

  it('include and exclude globs, against the path from cwd: every file must match an include, none an exclude', async () => {
    const relative = async (options: { include?: string[]; exclude?: string[] }) =>
      (await discoverMarkdown(['posts', 'elsewhere/c.md'], { cwd: root, ...options })).map((file) => path.relative(root, file.path).split(path.sep).join('/'))
    expect(await relative({ include: ['posts/2024/**'] })).toEqual(['posts/2024/01-new-year.md', 'posts/2024/z.MD'])
    expect(await relative({ exclude: ['**/2024/**', '**/*.markdown'] })).toEqual(['posts/B-upper.md', 'posts/a.md', 'posts/b.md', 'elsewhere/c.md'])
    // A file given by name is left out by an exclude too.
    expect(await relative({ include: ['**/c.md', 'posts/a.md'], exclude: ['elsewhere/**'] })).toEqual(['posts/a.md'])
    await expect(discoverMarkdown(['posts'], { cwd: root, include: 'posts/**' as unknown as string[] })).rejects.toMatchObject({ code: 'MDWX_INVALID_OPTION' })
  })

  it('keeps the order of the arguments and lists a file named twice once', async () => {
    const files = await discoverMarkdown(['elsewhere', 'posts/a.md', path.join(root, 'elsewhere/c.md'), 'posts/2024'], { cwd: root })
    expect(files.map((file) => path.relative(root, file.path))).toEqual(['elsewhere/c.md', 'posts/a.md', 'posts/2024/01-new-year.md', 'posts/2024/z.MD'].map(path.normalize))
  })

  it('a path that does not exist is an error naming it, not an empty run', async () => {
    const error = await discoverMarkdown(['posts', 'post/typo.md'], { cwd: root }).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'MDWX_PATH_NOT_FOUND', message: 'No such file or folder: post/typo.md' })
    expect((error as { hint?: string }).hint).toMatch(/current folder/)
  })

  it('an empty folder is no error: nothing to do', async () => {
    await writeFiles(root, { 'empty/.keep': '' })
    expect(await discoverMarkdown(['empty'], { cwd: root })).toEqual([])
  })
})
