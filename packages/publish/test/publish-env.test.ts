import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { DEMO_APP_ID, DEMO_APP_SECRET, startEmulator } from '@mdwx/emulator'
import { type LockData, publish } from '@mdwx/publish'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { draftArticles } from '../../../test/support/emulator.js'
import { writeFiles } from '../../../test/support/fixtures.js'
import * as pictures from '../../../test/support/pictures.js'
import { createTempDir, removeTempDirs } from '../../../test/support/temp.js'

const variables = ['WEIXIN_APPID', 'WEIXIN_APPSECRET', 'WEIXIN_ACCESS_TOKEN', 'WEIXIN_API_BASE', 'MDWX_RELAY', 'MDWX_RELAY_KEY']

// Only what each test sets: a developer's own WEIXIN_* never takes part.
beforeEach(() => {
  for (const name of variables) vi.stubEnv(name, undefined)
})
afterEach(() => {
  vi.unstubAllEnvs()
})
afterAll(removeTempDirs)

async function project(): Promise<string> {
  const cwd = await createTempDir('publish-env')
  await writeFiles(cwd, { 'posts/p.png': await pictures.png(40, 30), 'posts/hello.md': '# Hello\n\n![p](p.png)\n' })
  return cwd
}

describe("publish({ weixin: 'env' }): the settings the CLI reads", () => {
  it('.env in cwd names the account and the emulator; the environment wins over the file', async () => {
    const emulator = await startEmulator()
    try {
      const cwd = await project()
      await writeFile(path.join(cwd, '.env'), `WEIXIN_APPID=${DEMO_APP_ID}\nWEIXIN_APPSECRET=wrong-secret\nWEIXIN_API_BASE=${emulator.url}\n`)
      vi.stubEnv('WEIXIN_APPSECRET', DEMO_APP_SECRET)
      const report = await publish(['posts'], { weixin: 'env', cwd })
      expect(report.articles.map((article) => article.status)).toEqual(['created'])
      expect(report.appId).toBe(DEMO_APP_ID)
      expect(draftArticles(emulator).map((article) => article.title)).toEqual(['Hello'])
      const lock = JSON.parse(await readFile(path.join(cwd, 'mdwx.lock.json'), 'utf8')) as LockData
      expect(Object.keys(lock.accounts)).toEqual([DEMO_APP_ID])
    } finally {
      await emulator.close()
    }
  })

  it('missing credentials: MDWX_CREDENTIALS naming the variable, the secret nowhere, nothing sent', async () => {
    const emulator = await startEmulator()
    try {
      const cwd = await project()
      await writeFile(path.join(cwd, '.env'), `WEIXIN_APPSECRET=${DEMO_APP_SECRET}\nWEIXIN_API_BASE=${emulator.url}\n`)
      const error = (await publish(['posts'], { weixin: 'env', cwd }).catch((caught: unknown) => caught)) as { code: string; message: string; hint: string }
      expect(error).toMatchObject({ code: 'MDWX_CREDENTIALS', message: 'Missing credentials: set WEIXIN_APPID (or WEIXIN_ACCESS_TOKEN).' })
      expect(`${error.message} ${error.hint}`).not.toContain(DEMO_APP_SECRET)
      expect(emulator.state.calls).toEqual([])
    } finally {
      await emulator.close()
    }
  })

  it('a dry run needs no credentials; WEIXIN_APPID alone picks the account', async () => {
    const cwd = await project()
    const report = await publish(['posts'], { weixin: 'env', cwd, dryRun: true })
    expect(report.articles.map((article) => article.status)).toEqual(['created'])
    await writeFile(path.join(cwd, '.env'), 'WEIXIN_APPID=wxdryrun0000000001\n')
    expect((await publish(['posts'], { weixin: 'env', cwd, dryRun: true })).appId).toBe('wxdryrun0000000001')
  })
})
