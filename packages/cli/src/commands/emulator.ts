import { parseArgs } from 'node:util'
import { DEMO_APP_ID, DEMO_APP_SECRET, type EmulatorOptions, type Faults, startEmulator } from '@mdwx/emulator'
import type { Command, CommandIo } from '../io.js'
import { UsageError } from '../usage-error.js'

const usage = `Usage: mdwx emulator [options]

Runs a Weixin API emulator on 127.0.0.1 until interrupted (Ctrl-C). Point mdwx at it with
WEIXIN_API_BASE=<the printed URL>. Drafts are listed at that URL in a browser.

Options:
  --port N                    port to listen on (default: a free one)
  --app-id ID                 the account's appid (default: $WEIXIN_APPID, else a demo appid)
  --app-secret SECRET         the account's secret (default: $WEIXIN_APPSECRET, else a demo secret)
  --news-api retired|available   add_news/update_news answer 45103 (default) or work
  --image-base-url URL        base of the image URLs it hands out (default: its own URL)
  --publish-delay MS          how long a publish stays "publishing" (default 1500)
Faults:
  --busy-every N              every Nth business call answers -1 (system busy)
  --http5xx-every N           every Nth request answers HTTP 502
  --drop-every N              every Nth request loses its connection
  --expire-token-after N      a token dies (42001) after N business calls
  --latency MS                delay every answer
  --daily-quota N             after N business calls, answer 45009
  --ip-not-whitelisted IP     answer 40164 naming IP to every call
  --unverified                freepublish/* answers 48001
  --comments-closed           articles with comments on answer 88000`

/** `mdwx emulator`: serves the emulator until interrupted, then closes it. */
export const emulatorCommand: Command = async (args, io) => {
  const flags = parseFlags(args)
  if (flags.help === true) {
    io.stdout.write(`${usage}\n`)
    return 0
  }
  const options = emulatorOptions(flags, io)
  const emulator = await startEmulator(options)
  io.stdout.write(startBanner(emulator.url, options, flags, io))
  await io.untilInterrupted()
  await emulator.close()
  io.stderr.write('Emulator stopped.\n')
  return 0
}

type Flags = ReturnType<typeof parseFlags>

const text = { type: 'string' } as const

function parseFlags(args: string[]) {
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        port: text,
        'app-id': text,
        'app-secret': text,
        'news-api': text,
        'image-base-url': text,
        'publish-delay': text,
        'busy-every': text,
        'http5xx-every': text,
        'drop-every': text,
        'expire-token-after': text,
        latency: text,
        'daily-quota': text,
        'ip-not-whitelisted': text,
        unverified: { type: 'boolean' },
        'comments-closed': { type: 'boolean' },
      },
    }).values
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), 'Run "mdwx emulator --help" to see the options.')
  }
}

/** Flags become options; the emulator validates ranges, this only rejects what is not a number. */
function emulatorOptions(flags: Flags, io: CommandIo): EmulatorOptions {
  const newsApi = flags['news-api']
  if (newsApi !== undefined && newsApi !== 'retired' && newsApi !== 'available') {
    throw new UsageError(`Expected "retired" or "available" for --news-api, got ${JSON.stringify(newsApi)}.`)
  }
  const faults: Faults = definedOnly({
    busyEvery: wholeNumber(flags, 'busy-every'),
    http5xxEvery: wholeNumber(flags, 'http5xx-every'),
    dropConnectionEvery: wholeNumber(flags, 'drop-every'),
    expireTokenAfter: wholeNumber(flags, 'expire-token-after'),
    latencyMs: wholeNumber(flags, 'latency'),
    dailyQuota: wholeNumber(flags, 'daily-quota'),
    ipNotWhitelisted: flags['ip-not-whitelisted'],
    unverified: flags.unverified,
    commentsClosed: flags['comments-closed'],
  })
  return definedOnly({
    port: wholeNumber(flags, 'port'),
    appId: nonEmpty(flags['app-id'] ?? io.env['WEIXIN_APPID']),
    appSecret: nonEmpty(flags['app-secret'] ?? io.env['WEIXIN_APPSECRET']),
    newsApi,
    imageBaseUrl: flags['image-base-url'],
    publishDelayMs: wholeNumber(flags, 'publish-delay'),
    faults,
  })
}

type NumberFlag = 'port' | 'publish-delay' | 'busy-every' | 'http5xx-every' | 'drop-every' | 'expire-token-after' | 'latency' | 'daily-quota'

function wholeNumber(flags: Flags, name: NumberFlag): number | undefined {
  const raw = flags[name]
  if (raw === undefined) return undefined
  if (!/^\d{1,9}$/.test(raw)) throw new UsageError(`Expected a whole number for --${name}, got ${JSON.stringify(raw)}.`, 'Run "mdwx emulator --help" to see the options.')
  return Number(raw)
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value
}

/** Drops undefined properties (exactOptionalPropertyTypes: absent and undefined differ). */
function definedOnly<T extends object>(object: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T
}

function startBanner(url: string, options: EmulatorOptions, flags: Flags, io: CommandIo): string {
  const appId = options.appId ?? DEMO_APP_ID
  const demoSecret = options.appSecret === undefined || options.appSecret === DEMO_APP_SECRET
  // Only the built-in demo secret is printed: one from the environment or a flag may be real.
  const secretSource = flags['app-secret'] !== undefined ? '--app-secret' : 'WEIXIN_APPSECRET'
  const secret = demoSecret ? `${DEMO_APP_SECRET} (demo)` : `(from ${secretSource}, not shown)`
  const faults = Object.entries(options.faults ?? {}).map(([name, value]) => `${name}=${String(value)}`)
  const lines = [
    `Weixin emulator listening on ${url}`,
    `  appid     ${appId}${options.appId === undefined ? ' (demo)' : ''}`,
    `  secret    ${secret}`,
    `  add_news  ${options.newsApi === 'available' ? 'available' : 'retired (answers 45103)'}`,
    `  faults    ${faults.length === 0 ? 'none' : faults.join(', ')}`,
    `Use it with WEIXIN_API_BASE=${url}${demoSecret && options.appId === undefined ? ` WEIXIN_APPID=${DEMO_APP_ID} WEIXIN_APPSECRET=${DEMO_APP_SECRET}` : ''}`,
    `Drafts: ${url}/  (Ctrl-C to stop)`,
  ]
  if (io.interactive) lines.push('')
  return `${lines.join('\n')}\n`
}
