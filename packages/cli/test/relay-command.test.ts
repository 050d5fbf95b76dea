import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import { type CliIo, runCli } from 'mdwx'
import { describe, expect, it } from 'vitest'

const KEY = '0123456789abcdef0123456789abcdef'
const ACCOUNT = { WEIXIN_APPID: 'wx00c0ffee00relay1', WEIXIN_APPSECRET: 'relay-secret-never-shown-0001' }

/** An in-process io with captured output; `interrupt()` plays Ctrl-C. */
function testIo(env: Record<string, string>) {
  let stdout = ''
  let stderr = ''
  let interrupt: () => void = () => {}
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString())
        done()
      },
    })
  const io: CliIo = {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    env,
    cwd: process.cwd(),
    interactive: false,
    interrupted: new Promise<void>((resolve) => (interrupt = resolve)),
  }
  return { io, interrupt: () => interrupt(), output: () => ({ stdout, stderr }) }
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('mdwx relay', () => {
  it('starts on loopback, says how clients use it without showing the secret or a key, and stops on Ctrl-C', async () => {
    const { io, interrupt, output } = testIo({ ...ACCOUNT, MDWX_RELAY_KEYS: `${KEY},${KEY.toUpperCase()}` })
    const run = runCli(['relay'], io)
    await until(() => output().stderr.includes('listening on'))
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output().stderr)![1]!
    const health = await fetch(`${url}/health`)
    expect(await health.json()).toMatchObject({ ok: true, accounts: 1 })
    interrupt()
    expect(await run).toBe(0)
    const { stdout, stderr } = output()
    expect(stderr).toContain('keys      2 (not shown)')
    expect(stderr).toContain(`MDWX_RELAY=${url}`)
    for (const secret of [ACCOUNT.WEIXIN_APPSECRET, KEY]) expect(stdout + stderr).not.toContain(secret)
    // The access log is stdout, one JSON object a line.
    expect(JSON.parse(stdout.trim())).toMatchObject({ endpoint: '/health', status: 200 })
  })

  it('without keys: exit 2, naming MDWX_RELAY_KEYS; keys are never a flag', async () => {
    const { io, output } = testIo(ACCOUNT)
    expect(await runCli(['relay'], io)).toBe(2)
    expect(output().stderr).toContain('set MDWX_RELAY_KEYS')
    const flagged = testIo(ACCOUNT)
    expect(await runCli(['relay', '--keys', KEY], flagged.io)).toBe(2)
    expect(flagged.output().stderr).toContain("Unknown option '--keys'")
  })

  it('serves every account of mdwx.config.json that names a secretEnv when WEIXIN_APPID is unset', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'mdwx-relay-accounts-'))
    try {
      await writeFile(path.join(folder, 'mdwx.config.json'), JSON.stringify({ accounts: { blog: { appId: 'wx0000000000b10b01', secretEnv: 'BLOG_SECRET' }, news: { appId: 'wx00000000004e0502', secretEnv: 'NEWS_SECRET' } } }))
      const unset = testIo({ MDWX_RELAY_KEYS: KEY, BLOG_SECRET: 'blog-secret-0001' })
      expect(await runCli(['relay'], { ...unset.io, cwd: folder })).toBe(2)
      expect(unset.output().stderr).toContain('takes its AppSecret from NEWS_SECRET, which is not set: set NEWS_SECRET.')
      const { io, interrupt, output } = testIo({ MDWX_RELAY_KEYS: KEY, BLOG_SECRET: 'blog-secret-0001', NEWS_SECRET: 'news-secret-0002' })
      const run = runCli(['relay'], { ...io, cwd: folder })
      await until(() => output().stderr.includes('listening on'))
      interrupt()
      expect(await run).toBe(0)
      expect(output().stderr).toContain('accounts  wx0000000000b10b01, wx00000000004e0502 (secrets not shown)')
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })

  it('reads the keys from --keys-file (one a line, # comments), and says so when it holds none', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'mdwx-relay-keys-'))
    try {
      await writeFile(path.join(folder, 'keys'), `# CI of the blog\n${KEY}\n\n`)
      await writeFile(path.join(folder, 'empty'), '# nothing yet\n')
      const { io, interrupt, output } = testIo(ACCOUNT)
      const run = runCli(['relay', '--keys-file', 'keys'], { ...io, cwd: folder })
      await until(() => output().stderr.includes('listening on'))
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output().stderr)![1]!
      const accounts = await fetch(`${url}/mdwx/accounts`, { headers: { authorization: `Bearer ${KEY}` } })
      expect(await accounts.json()).toEqual({ appIds: [ACCOUNT.WEIXIN_APPID] })
      interrupt()
      expect(await run).toBe(0)
      expect(output().stderr).toContain('keys      1 (not shown)')
      const empty = testIo(ACCOUNT)
      expect(await runCli(['relay', '--keys-file', 'empty'], { ...empty.io, cwd: folder })).toBe(2)
      expect(empty.output().stderr).toContain('The keys file empty holds no key.')
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })

  it('without the account: exit 2, naming the variables', async () => {
    const { io, output } = testIo({ MDWX_RELAY_KEYS: KEY })
    expect(await runCli(['relay'], io)).toBe(2)
    expect(output().stderr).toContain('set WEIXIN_APPID and WEIXIN_APPSECRET')
  })

  it('refuses plain HTTP on a non-loopback address, naming --tls-cert and --insecure-http', async () => {
    const { io, output } = testIo({ ...ACCOUNT, MDWX_RELAY_KEYS: KEY })
    expect(await runCli(['relay', '--host', '0.0.0.0'], io)).toBe(1)
    expect(output().stderr).toContain('will not serve plain HTTP on 0.0.0.0')
    expect(output().stderr).toContain('--tls-cert')
    expect(output().stderr).toContain('--insecure-http')
  })

  it('--tls-cert without --tls-key is a usage error', async () => {
    const { io, output } = testIo({ ...ACCOUNT, MDWX_RELAY_KEYS: KEY })
    expect(await runCli(['relay', '--tls-cert', 'cert.pem'], io)).toBe(2)
    expect(output().stderr).toContain('--tls-cert and --tls-key go together')
  })
})
