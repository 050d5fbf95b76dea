import type { PublishOptions } from '@mdwx/publish'
import { integerFlag, parseCommandArgs } from '../args.js'
import { credentialsFrom, environmentWithDotEnv } from '../credentials.js'
import type { Command } from '../io.js'
import { publishAndReport } from '../publish-run.js'
import { createTokenFileStore } from '../token-file-store.js'
import { UsageError } from '../usage-error.js'
import { mathFlag, nonEmpty } from '../values.js'

const help = `Usage: mdwx publish <path...> [options]

Normalise and upload every image, then create (or update) one Weixin article per Markdown file.
A folder means every *.md below it; files with "draft: true" or "publish: false" are skipped.
Credentials come from WEIXIN_APPID and WEIXIN_APPSECRET (or WEIXIN_ACCESS_TOKEN), and
WEIXIN_API_BASE, in the environment or in .env in this folder.

Options:
  --target auto|news|draft  auto (default): add_news, switching to drafts when Weixin answers 45103
  --submit                  publish each draft (freepublish) and wait for the article URL
  --dry-run                 everything but the network: what would be uploaded and created
  --keep-going              publish the valid articles even when others have errors
  --force                   ignore mdwx.lock.json: upload and create everything again
  --concurrency N           uploads at once (default 4)
  --theme <name|file.css>   theme to render with (default: default)
  --math svg|image          formulas as inline SVG (default) or as uploaded pictures, fewer characters
  --allow-private-network   fetch http(s) images from loopback and private addresses (intranet hosts)
  --lock <file>             the lock file (default: ./mdwx.lock.json)
  --json                    print the report as JSON on stdout
  --quiet                   no progress on stderr
  -h, --help                this help`

export const publishCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      target: 'string',
      submit: 'boolean',
      'dry-run': 'boolean',
      'keep-going': 'boolean',
      force: 'boolean',
      concurrency: 'string',
      theme: 'string',
      math: 'string',
      'allow-private-network': 'boolean',
      lock: 'string',
      json: 'boolean',
      quiet: 'boolean',
    },
    'publish',
  )
  if (values.help) {
    io.stdout.write(`${help}\n`)
    return 0
  }
  if (positionals.length === 0) throw new UsageError('mdwx publish needs at least one file or folder.', 'Example: mdwx publish posts/')
  const target = values.target ?? 'auto'
  if (target !== 'auto' && target !== 'news' && target !== 'draft') throw new UsageError(`--target expects auto, news or draft, got "${target}".`)
  const concurrency = integerFlag(values.concurrency, '--concurrency', { min: 1 })
  const dryRun = values['dry-run'] === true
  const env = await environmentWithDotEnv(io.env, io.cwd)
  // A dry run sends nothing: credentials are optional.
  const credentials = dryRun ? optionalCredentials(env) : credentialsFrom(env)

  const options: PublishOptions = { cwd: io.cwd, target, dryRun }
  if (credentials) {
    const baseUrl = credentials.baseUrl ?? 'https://api.weixin.qq.com'
    options.weixin = 'appSecret' in credentials ? { ...credentials, tokenStore: createTokenFileStore(env, baseUrl) } : credentials
    if (credentials.appId !== undefined) options.appId = credentials.appId
  }
  // The appid selects the lock file's entries: for a dry run WEIXIN_APPID alone is enough (without
  // it, publish() uses the lock file's account when there is only one).
  const appId = dryRun && options.appId === undefined ? nonEmpty(env['WEIXIN_APPID']) : undefined
  if (appId !== undefined) options.appId = appId
  if (values.submit) options.submit = true
  if (values['keep-going']) options.keepGoing = true
  if (values.force) options.force = true
  if (concurrency !== undefined) options.concurrency = concurrency
  if (values.theme !== undefined) options.theme = values.theme
  const math = mathFlag(values.math)
  if (math !== undefined) options.math = math
  if (values.lock !== undefined) options.lockFile = values.lock
  if (values['allow-private-network']) options.fetch = { allowPrivateNetwork: true }

  return publishAndReport(positionals, options, io, { json: values.json === true, quiet: values.quiet === true })
}

function optionalCredentials(env: Parameters<typeof credentialsFrom>[0]) {
  try {
    return credentialsFrom(env)
  } catch {
    return undefined
  }
}
