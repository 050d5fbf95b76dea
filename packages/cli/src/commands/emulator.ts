import { DEMO_APP_ID, DEMO_APP_SECRET, type EmulatorOptions, type Faults, startEmulator } from '@mdwx/emulator'
import { integerFlag, parseCommandArgs } from '../args.js'
import type { Command, CommandIo } from '../io.js'
import { listenError } from '../listen-error.js'
import { definedOnly, nonEmpty } from '../values.js'
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
  --preview-quota N           previews to phones accepted a day before 45009 (default 100)
Faults:
  --busy-every N              every Nth business call answers -1 (system busy)
  --http5xx-every N           every Nth request answers HTTP 502
  --drop-every N              every Nth request loses its connection
  --expire-token-after N      a token dies (42001) after N business calls
  --rotate-token-every N      another program rotates the token every N business calls (40001)
  --lose-answer-after N       the request after the first N is carried out, then its answer lost
  --crash-after N             answer N requests, then hold every later one unanswered (kill the client)
  --latency MS                delay every answer
  --daily-quota N             after N business calls, answer 45009
  --ip-not-whitelisted IP     answer 40164 naming IP to every call
  --ip-whitelist IP[,IP...]   answer 40164 to every call from another address (naming it)
  --unverified                freepublish/* and message/mass/preview answer 48001
  --comments-closed           articles with comments on answer 88000`

/** `mdwx emulator`: serves the emulator until interrupted, then closes it. */
export const emulatorCommand: Command = async (args, io) => {
  const { values: flags } = parseCommandArgs(args, flagSpec, 'emulator', { positionals: false })
  if (flags.help === true) {
    io.stdout.write(`${usage}\n`)
    return 0
  }
  const options = emulatorOptions(flags, io)
  const emulator = await startEmulator(options).catch((error: unknown) => {
    throw listenError(error, options.port ?? 0)
  })
  io.stdout.write(startBanner(emulator.url, options, flags, io))
  await io.untilInterrupted()
  await emulator.close()
  io.stderr.write('Emulator stopped.\n')
  return 0
}

const flagSpec = {
  port: 'string',
  'app-id': 'string',
  'app-secret': 'string',
  'news-api': 'string',
  'image-base-url': 'string',
  'publish-delay': 'string',
  'preview-quota': 'string',
  'busy-every': 'string',
  'http5xx-every': 'string',
  'drop-every': 'string',
  'expire-token-after': 'string',
  'rotate-token-every': 'string',
  'lose-answer-after': 'string',
  'crash-after': 'string',
  latency: 'string',
  'daily-quota': 'string',
  'ip-not-whitelisted': 'string',
  'ip-whitelist': 'string',
  unverified: 'boolean',
  'comments-closed': 'boolean',
} as const

type Flags = ReturnType<typeof parseCommandArgs<typeof flagSpec>>['values']

/** Flags become options, each number checked against the range the emulator accepts for it. */
function emulatorOptions(flags: Flags, io: CommandIo): EmulatorOptions {
  const newsApi = flags['news-api']
  if (newsApi !== undefined && newsApi !== 'retired' && newsApi !== 'available') {
    throw new UsageError(`Expected "retired" or "available" for --news-api, got ${JSON.stringify(newsApi)}.`)
  }
  const count = (name: 'busy-every' | 'http5xx-every' | 'drop-every' | 'expire-token-after' | 'rotate-token-every') => integerFlag(flags[name], `--${name}`, { min: 1 })
  const faults: Faults = definedOnly({
    busyEvery: count('busy-every'),
    http5xxEvery: count('http5xx-every'),
    dropConnectionEvery: count('drop-every'),
    expireTokenAfter: count('expire-token-after'),
    rotateTokenEvery: count('rotate-token-every'),
    loseAnswerAfter: integerFlag(flags['lose-answer-after'], '--lose-answer-after', { min: 0 }),
    crashAfter: integerFlag(flags['crash-after'], '--crash-after', { min: 0 }),
    latencyMs: integerFlag(flags.latency, '--latency', { min: 0 }),
    dailyQuota: integerFlag(flags['daily-quota'], '--daily-quota', { min: 0 }),
    ipNotWhitelisted: flags['ip-not-whitelisted'],
    ipWhitelist: flags['ip-whitelist']?.split(',').map((ip) => ip.trim()).filter((ip) => ip !== ''),
    unverified: flags.unverified,
    commentsClosed: flags['comments-closed'],
  })
  return definedOnly({
    port: integerFlag(flags.port, '--port', { min: 0, max: 65_535 }),
    appId: nonEmpty(flags['app-id'] ?? io.env['WEIXIN_APPID']),
    appSecret: nonEmpty(flags['app-secret'] ?? io.env['WEIXIN_APPSECRET']),
    newsApi,
    imageBaseUrl: flags['image-base-url'],
    publishDelayMs: integerFlag(flags['publish-delay'], '--publish-delay', { min: 0 }),
    previewQuota: integerFlag(flags['preview-quota'], '--preview-quota', { min: 0 }),
    faults,
  })
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
