import { Writable } from 'node:stream'
import { DEMO_APP_ID, DEMO_APP_SECRET } from '@mdwx/emulator'
import { type CliIo, runCli } from 'mdwx'
import { describe, expect, it } from 'vitest'

/** An in-process io: captured output, and an `interrupt()` that plays the part of Ctrl-C. */
function testIo(env: Record<string, string> = {}) {
  let stdout = ''
  let stderr = ''
  const listeners: Array<() => void> = []
  let interrupt: () => void = () => {}
  const io: CliIo = {
    stdout: new Writable({
      write(chunk: Buffer, _encoding, done) {
        stdout += chunk.toString()
        for (const listener of listeners.splice(0)) listener()
        done()
      },
    }),
    stderr: new Writable({
      write(chunk: Buffer, _encoding, done) {
        stderr += chunk.toString()
        done()
      },
    }),
    env,
    cwd: process.cwd(),
    interactive: false,
    interrupted: new Promise<void>((resolve) => (interrupt = resolve)),
  }
  /** Resolves with the URL once the command has printed it. */
  const printedUrl = async (): Promise<string> => {
    for (;;) {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)
      if (match?.[1]) return match[1]
      await new Promise<void>((resolve) => listeners.push(resolve))
    }
  }
  return { io, interrupt: () => interrupt(), printedUrl, output: () => ({ stdout, stderr }) }
}

const tokenUrl = (base: string, appid: string, secret: string) =>
  `${base}/cgi-bin/token?${new URLSearchParams({ grant_type: 'client_credential', appid, secret })}`

/** What the emulator at `base` answers to a token request (the demo account unless told). */
async function tokenAnswer(base: string, appid = DEMO_APP_ID, secret = DEMO_APP_SECRET): Promise<Record<string, unknown>> {
  return (await (await fetch(tokenUrl(base, appid, secret))).json()) as Record<string, unknown>
}

describe('mdwx emulator', () => {
  it('prints a URL that answers, with the demo credentials, and stops cleanly when interrupted', async () => {
    const { io, interrupt, printedUrl, output } = testIo()
    const run = runCli(['emulator', '--port', '0'], io)
    const url = await printedUrl()
    const answer = await tokenAnswer(url)
    expect(answer['expires_in']).toBe(7200)
    expect(output().stdout).toContain(`appid     ${DEMO_APP_ID} (demo)`)
    expect(output().stdout).toContain(`secret    ${DEMO_APP_SECRET} (demo)`)
    expect(output().stdout).toContain(`WEIXIN_API_BASE=${url}`)
    interrupt()
    expect(await run).toBe(0)
    expect(output().stderr).toBe('Emulator stopped.\n')
    await expect(fetch(`${url}/`)).rejects.toThrow()
  })

  it('takes the account from WEIXIN_APPID/WEIXIN_APPSECRET and never prints that secret', async () => {
    const secret = 'a-secret-that-could-be-real-0001'
    const { io, interrupt, printedUrl, output } = testIo({ WEIXIN_APPID: 'wx1234567890abcdef', WEIXIN_APPSECRET: secret })
    const run = runCli(['emulator'], io)
    const url = await printedUrl()
    const answer = await tokenAnswer(url, 'wx1234567890abcdef', secret)
    expect(typeof answer['access_token']).toBe('string')
    expect(output().stdout).toContain('secret    (from WEIXIN_APPSECRET, not shown)')
    interrupt()
    await run
    expect(output().stdout + output().stderr).not.toContain(secret)
  })

  it('lets --app-id/--app-secret override the environment', async () => {
    const { io, interrupt, printedUrl, output } = testIo({ WEIXIN_APPID: 'wx1234567890abcdef', WEIXIN_APPSECRET: 'from-env' })
    const run = runCli(['emulator', '--app-id', 'wxffffffffffffffff', '--app-secret', 'from-flag'], io)
    const url = await printedUrl()
    expect(await tokenAnswer(url, 'wxffffffffffffffff', 'from-flag')).toHaveProperty('access_token')
    expect(output().stdout).toContain('(from --app-secret, not shown)')
    interrupt()
    await run
  })

  it('turns fault flags into faults', async () => {
    const { io, interrupt, printedUrl, output } = testIo()
    const run = runCli(['emulator', '--ip-not-whitelisted', '198.51.100.4', '--busy-every', '2', '--news-api', 'available', '--unverified'], io)
    const url = await printedUrl()
    const answer = await tokenAnswer(url)
    expect(answer['errcode']).toBe(40164)
    expect(answer['errmsg']).toContain('198.51.100.4')
    expect(output().stdout).toContain('faults    busyEvery=2, ipNotWhitelisted=198.51.100.4, unverified=true')
    expect(output().stdout).toContain('add_news  available')
    interrupt()
    expect(await run).toBe(0)
  })

  it('turns --ip-whitelist into a whitelist: a call from 127.0.0.1 answers 40164 naming it', async () => {
    const { io, interrupt, printedUrl, output } = testIo()
    const run = runCli(['emulator', '--ip-whitelist', '127.0.0.2, 127.0.0.3'], io)
    const url = await printedUrl()
    const answer = await tokenAnswer(url)
    expect(answer['errcode']).toBe(40164)
    expect(answer['errmsg']).toContain('invalid ip 127.0.0.1 ')
    expect(output().stdout).toContain('faults    ipWhitelist=127.0.0.2,127.0.0.3')
    interrupt()
    expect(await run).toBe(0)
  })

  it('turns the crash-test flags into faults: rotation, a lost answer, a crash point', async () => {
    const { io, interrupt, printedUrl, output } = testIo()
    const run = runCli(['emulator', '--rotate-token-every', '3', '--lose-answer-after', '0', '--crash-after', '1'], io)
    const url = await printedUrl()
    expect(output().stdout).toContain('faults    rotateTokenEvery=3, loseAnswerAfter=0, crashAfter=1')
    // The first request is carried out and its answer lost; the second is held until the end.
    await expect(fetch(tokenUrl(url, DEMO_APP_ID, DEMO_APP_SECRET))).rejects.toThrow()
    const held = fetch(tokenUrl(url, DEMO_APP_ID, DEMO_APP_SECRET))
    interrupt()
    expect(await run).toBe(0)
    await expect(held).rejects.toThrow()
  })

  it('exits 2 on a bad flag, naming it', async () => {
    for (const args of [['--busy-every', 'often'], ['--news-api', 'maybe'], ['--no-such-flag'], ['--busy-every', '0']]) {
      const { io, output } = testIo()
      expect(await runCli(['emulator', ...args], io)).toBe(2)
      expect(output().stderr).toMatch(/busy-every|news-api|no-such-flag|busyEvery/)
    }
  })

  it('takes no positional arguments: exit 2, said as parseCommandArgs says it', async () => {
    const { io, output } = testIo()
    expect(await runCli(['emulator', 'extra'], io)).toBe(2)
    expect(output().stderr).toBe(
      'mdwx: Unexpected argument \'extra\'. This command does not take positional arguments.\nRun "mdwx emulator --help" for its options.\n',
    )
  })

  it.each([
    [['--port', '1e3'], 'Expected a whole number from 0 to 65535 for --port, got "1e3".'],
    [['--port', '65536'], 'Expected a whole number from 0 to 65535 for --port, got "65536".'],
    [['--latency', '2.5'], 'Expected a whole number of 0 or more for --latency, got "2.5".'],
    [['--drop-every', '0'], 'Expected a whole number of 1 or more for --drop-every, got "0".'],
    [['--rotate-token-every', '0'], 'Expected a whole number of 1 or more for --rotate-token-every, got "0".'],
    [['--crash-after', '1.5'], 'Expected a whole number of 0 or more for --crash-after, got "1.5".'],
  ])('number flags %j: one rule, exit 2', async (args, said) => {
    const { io, output } = testIo()
    expect(await runCli(['emulator', ...args], io)).toBe(2)
    expect(output().stderr).toBe(`mdwx: ${said}\n`)
  })

  it('a port in use: exit 2 saying so, no stack trace', async () => {
    const busy = testIo()
    const run = runCli(['emulator'], busy.io)
    const port = new URL(await busy.printedUrl()).port
    const { io, output } = testIo()
    expect(await runCli(['emulator', '--port', port], io)).toBe(2)
    expect(output().stderr).toBe(`mdwx: Cannot listen on port ${port}: it is in use.\nChoose another with --port, or leave --port out for a free one.\n`)
    busy.interrupt()
    expect(await run).toBe(0)
  })

  it('prints its options with --help', async () => {
    const { io, output } = testIo()
    expect(await runCli(['emulator', '--help'], io)).toBe(0)
    expect(output().stdout).toContain('--expire-token-after N')
  })
})
