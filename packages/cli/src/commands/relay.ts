import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createRelay, parseKeys, readKeysFile, type RelayAccount, type RelayOptions } from '@mdwx/relay'
import { integerFlag, parseCommandArgs } from '../args.js'
import { accountSecret, loadAccountsConfig, type AccountConfig } from '../accounts-config.js'
import { environmentWithDotEnv, type Environment } from '../credentials.js'
import type { Command } from '../io.js'
import { listenError } from '../listen-error.js'
import { UsageError } from '../usage-error.js'
import { nonEmpty } from '../values.js'

const usage = `Usage: mdwx relay [options]

Runs on the host whose IP is on the account's whitelist, and sends the Weixin calls of mdwx
publish from anywhere else (MDWX_RELAY=<its URL> MDWX_RELAY_KEY=<a key>) out from this host,
with this host's token. Clients never see the AppSecret or a token. Serves until interrupted.

The account comes from WEIXIN_APPID and WEIXIN_APPSECRET, or, when they are unset, every account
of mdwx.config.json here that names a secretEnv (a client names one by its appid); the keys from
MDWX_RELAY_KEYS (comma-separated) or the file in MDWX_RELAY_KEYS_FILE or --keys-file (one a
line). Never from a flag: they would land in shell history. Make a key with: openssl rand -hex 32
The access log (JSON lines) goes to stdout, everything else to stderr.

Options:
  --port N               port to listen on (default: a free one)
  --host ADDRESS         address to listen on (default 127.0.0.1)
  --tls-cert FILE        serve HTTPS with this certificate (PEM) ...
  --tls-key FILE         ... and this private key (PEM)
  --insecure-http        allow plain HTTP on a non-loopback address (behind your own TLS proxy)
  --keys-file FILE       the keys, one a line (instead of MDWX_RELAY_KEYS)
  --local-address IP     send the calls to Weixin from this local address (a host with several)
  --rate-limit N         requests a minute per client address (default 1200)
  -h, --help             this help

WEIXIN_API_BASE, if set, is where the calls go (an emulator, in tests).`

const flagSpec = {
  port: 'string',
  host: 'string',
  'tls-cert': 'string',
  'tls-key': 'string',
  'insecure-http': 'boolean',
  'keys-file': 'string',
  'local-address': 'string',
  'rate-limit': 'string',
} as const

/** `mdwx relay`: serves the relay until interrupted, then closes it. */
export const relayCommand: Command = async (args, io) => {
  const { values: flags } = parseCommandArgs(args, flagSpec, 'relay', { positionals: false })
  if (flags.help === true) {
    io.stdout.write(`${usage}\n`)
    return 0
  }
  const env = await environmentWithDotEnv(io.env, io.cwd)
  const options: RelayOptions = {
    accounts: await relayAccounts(env, io.cwd),
    keys: await relayKeys(env, flags['keys-file'], io.cwd),
    host: flags.host ?? '127.0.0.1',
    port: integerFlag(flags.port, '--port', { min: 0, max: 65_535 }) ?? 0,
    insecureHttp: flags['insecure-http'] === true,
    accessLog: io.stdout,
  }
  const tls = await tlsFiles(flags['tls-cert'], flags['tls-key'], io.cwd)
  if (tls !== undefined) options.tls = tls
  const base = nonEmpty(env['WEIXIN_API_BASE'])
  if (base !== undefined) options.weixinBaseUrl = base
  if (flags['local-address'] !== undefined) options.localAddress = flags['local-address']
  const rate = integerFlag(flags['rate-limit'], '--rate-limit', { min: 1 })
  if (rate !== undefined) options.rateLimit = { requestsPerMinute: rate }
  const relay = await createRelay(options).catch((error: unknown) => {
    throw listenError(error, options.port ?? 0)
  })
  io.stderr.write(
    [
      `mdwx relay listening on ${relay.url}`,
      `  accounts  ${relay.appIds.join(', ')} (secrets not shown)`,
      `  keys      ${options.keys.length} (not shown)`,
      `  weixin    ${base ?? 'https://api.weixin.qq.com'}${options.localAddress === undefined ? '' : ` from ${options.localAddress}`}`,
      `Clients: MDWX_RELAY=${relay.url} MDWX_RELAY_KEY=<one of the keys> mdwx publish ...  (Ctrl-C to stop)`,
      '',
    ].join('\n'),
  )
  await io.untilInterrupted()
  await relay.close()
  io.stderr.write('Relay stopped.\n')
  return 0
}

async function relayAccounts(env: Environment, cwd: string): Promise<RelayAccount[]> {
  const appId = nonEmpty(env['WEIXIN_APPID'])
  const appSecret = nonEmpty(env['WEIXIN_APPSECRET'])
  if (appId !== undefined && appSecret !== undefined) return [{ appId, appSecret }]
  const config = appId === undefined && appSecret === undefined ? await loadAccountsConfig(cwd) : undefined
  const named = [...(config?.accounts ?? new Map<string, AccountConfig>())].filter(([, account]) => account.secretEnv !== undefined)
  if (named.length > 0) {
    return named.map(([name, account]) => ({ appId: account.appId, appSecret: accountSecret(name, account.secretEnv!, config!.file, env) }))
  }
  const missing = [appId === undefined && 'WEIXIN_APPID', appSecret === undefined && 'WEIXIN_APPSECRET'].filter(Boolean).join(' and ')
  throw new UsageError(`The relay needs the account: set ${missing} (or name accounts with a secretEnv in mdwx.config.json).`, 'The relay is the one place that holds the AppSecret: put them in its environment or in a .env file where it runs.')
}

async function relayKeys(env: Environment, keysFile: string | undefined, cwd: string): Promise<string[]> {
  const file = keysFile ?? nonEmpty(env['MDWX_RELAY_KEYS_FILE'])
  const keys = file !== undefined ? await readKeysFile(path.resolve(cwd, file)) : parseKeys(env['MDWX_RELAY_KEYS'] ?? '')
  if (keys.length === 0) {
    throw new UsageError(
      file === undefined ? 'The relay needs at least one key: set MDWX_RELAY_KEYS (or MDWX_RELAY_KEYS_FILE).' : `The keys file ${file} holds no key.`,
      'Make one with "openssl rand -hex 32"; give the same key to the client as MDWX_RELAY_KEY. Keys are never accepted as flags.',
    )
  }
  return keys
}

async function tlsFiles(cert: string | undefined, key: string | undefined, cwd: string): Promise<{ cert: Buffer; key: Buffer } | undefined> {
  if (cert === undefined && key === undefined) return undefined
  if (cert === undefined || key === undefined) throw new UsageError('--tls-cert and --tls-key go together.', 'Give both PEM files, or neither (plain HTTP on 127.0.0.1).')
  const read = async (file: string, flag: string) => {
    try {
      return await readFile(path.resolve(cwd, file))
    } catch (error) {
      throw new UsageError(`Cannot read ${flag} ${file}: ${(error as { code?: string }).code ?? 'unreadable'}.`)
    }
  }
  return { cert: await read(cert, '--tls-cert'), key: await read(key, '--tls-key') }
}
