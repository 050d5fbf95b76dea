import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadAccountsConfig } from '../src/accounts-config.js'

const folders: string[] = []
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })))
})

async function project(files: Record<string, unknown>): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'mdwx-accounts-config-'))
  folders.push(folder)
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(folder, name), typeof content === 'string' ? content : JSON.stringify(content))
  return folder
}

describe('mdwx.config.json accounts', () => {
  it('reads mdwx.config.json, else the "mdwx" key of package.json, else nothing', async () => {
    const own = await loadAccountsConfig(await project({ 'mdwx.config.json': { accounts: { blog: { appId: 'wx0123456789abcdef', secretEnv: 'BLOG_SECRET' } } } }))
    expect(own?.file).toBe('mdwx.config.json')
    expect(own?.accounts.get('blog')).toEqual({ appId: 'wx0123456789abcdef', secretEnv: 'BLOG_SECRET' })
    const pkg = await loadAccountsConfig(await project({ 'package.json': { name: 'site', mdwx: { accounts: { news: { appId: 'wx0123456789abcdef', relay: 'https://relay.example.org' } } } } }))
    expect(pkg?.file).toBe('package.json "mdwx"')
    expect(pkg?.accounts.get('news')).toEqual({ appId: 'wx0123456789abcdef', relay: 'https://relay.example.org' })
    expect(await loadAccountsConfig(await project({ 'package.json': { name: 'site' } }))).toBeUndefined()
  })

  it('refuses a secret written into the file, saying to name its variable instead', async () => {
    const folder = await project({ 'mdwx.config.json': { accounts: { blog: { appId: 'wx0123456789abcdef', appSecret: 'oops-a-real-secret' } } } })
    const error = await loadAccountsConfig(folder).catch((caught: unknown) => caught as { message: string; hint: string })
    expect(error).toMatchObject({ code: 'MDWX_USAGE', message: 'mdwx.config.json: accounts.blog.appSecret is not a setting.' })
    expect((error as { hint: string }).hint).toContain('"secretEnv": "BLOG_SECRET"')
    expect((error as { message: string }).message).not.toContain('oops-a-real-secret')
  })

  it.each([
    [{ accounts: [] }, '"accounts" must be an object of named accounts.'],
    [{ accounts: { 'a b': { appId: 'wx0123456789abcdef' } } }, 'the account name "a b" may only hold letters, digits, - and _.'],
    [{ accounts: { blog: { appId: 'not-an-appid' } } }, 'accounts.blog.appId must be the account\'s appid'],
    [{ accounts: { blog: { appId: 'wx0123456789abcdef', secretEnv: 'has a value=1' } } }, 'accounts.blog.secretEnv must name an environment variable'],
    [{ accounts: { blog: { appId: 'wx0123456789abcdef', relay: 'ftp://x' } } }, "accounts.blog.relay must be the relay's http(s) URL."],
    [{ assetRoots: 'static' }, '"assetRoots" must be a list of folders.'],
    [{ assetRoots: ['static', ''] }, '"assetRoots" must be a list of folders.'],
  ])('refuses %j', async (config, message) => {
    await expect(loadAccountsConfig(await project({ 'mdwx.config.json': config }))).rejects.toMatchObject({ message: expect.stringContaining(message) })
  })

  it('reads assetRoots, with or without accounts', async () => {
    expect((await loadAccountsConfig(await project({ 'mdwx.config.json': { assetRoots: ['static', 'source'] } })))?.assetRoots).toEqual(['static', 'source'])
    expect((await loadAccountsConfig(await project({ 'mdwx.config.json': { accounts: {} } })))?.assetRoots).toEqual([])
  })

  it('reads "defaultCover" at the top and per account, as absolute paths, and refuses one that does not exist', async () => {
    const folder = await project({
      'cover.png': 'a picture (its content is not read here)',
      'mdwx.config.json': { defaultCover: 'cover.png', accounts: { blog: { appId: 'wx0123456789abcdef', secretEnv: 'BLOG_SECRET', defaultCover: './cover.png' } } },
    })
    const config = await loadAccountsConfig(folder)
    expect(config?.defaultCover).toBe(path.join(folder, 'cover.png'))
    expect(config?.accounts.get('blog')?.defaultCover).toBe(path.join(folder, 'cover.png'))
    await expect(loadAccountsConfig(await project({ 'mdwx.config.json': { defaultCover: 'gone.png' } }))).rejects.toMatchObject({
      code: 'MDWX_USAGE',
      message: expect.stringMatching(/^mdwx\.config\.json: "defaultCover" names gone\.png, which does not exist/),
    })
    await expect(loadAccountsConfig(await project({ 'mdwx.config.json': { accounts: { blog: { appId: 'wx0123456789abcdef', defaultCover: 7 } } } }))).rejects.toMatchObject({
      message: expect.stringContaining('"accounts.blog.defaultCover" must be the path of a picture.'),
    })
  })

  it('a file that is not JSON is an error naming it', async () => {
    await expect(loadAccountsConfig(await project({ 'mdwx.config.json': '{ accounts: ' }))).rejects.toMatchObject({ message: expect.stringContaining('mdwx.config.json is not valid JSON') })
  })
})
