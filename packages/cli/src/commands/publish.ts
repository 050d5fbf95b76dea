import type { PublishOptions } from '@mdwx/publish'
import { integerFlag, parseCommandArgs } from '../args.js'
import { fileOptions, loadAccountsConfig } from '../accounts-config.js'
import { previewRecipientFrom } from '../preview-recipient.js'
import { planAccountRuns } from '../account-runs.js'
import { credentialsFrom, environmentWithDotEnv, optionalCredentials, relayAccountIdOrMisuse, type Credentials, type Environment } from '../credentials.js'
import type { Command } from '../io.js'
import { publishAccountsAndReport, publishAndReport } from '../publish-run.js'
import { createTokenFileStore } from '../token-file-store.js'
import { UsageError } from '../usage-error.js'
import { mathFlag, nonEmpty } from '../values.js'
import type { PreviewRecipient } from '@mdwx/weixin'
import { renderOptionsHelp, pushOptionsHelp } from '../help-options.js'

const help = `Usage: mdwx publish <path...> [options]

Normalise and upload every image, then create (or update) one Weixin article per Markdown file.
A folder means every *.md below it; files with "draft: true" or "publish: false" are skipped.
Credentials come from WEIXIN_APPID and WEIXIN_APPSECRET (or WEIXIN_ACCESS_TOKEN), and
WEIXIN_API_BASE, in the environment or in .env in this folder. With MDWX_RELAY and
MDWX_RELAY_KEY every Weixin call goes through "mdwx relay" on a whitelisted host instead,
which holds the secret.

Options:
  --target auto|news|draft  auto (default): add_news, switching to drafts when Weixin answers 45103
  --submit                  publish each draft (freepublish) and wait for the article URL
  --preview-to <微信号>      send each new or changed draft to this WeChat user's phone
                            (message/mass/preview; verified accounts, about 100 a day); also
                            "previewTo" in mdwx.config.json or in a named account
  --preview-openid <openid> the same, to a follower's openid instead of a 微信号
  --preview-again           send every draft of the run to the phone again, changed or not
  --dry-run                 everything but the network: what would be uploaded and created
  --keep-going              publish the valid articles even when others have errors
  --force                   ignore mdwx.lock.json: upload and create everything again
  --concurrency N           uploads at once (default 4)
${renderOptionsHelp}
${pushOptionsHelp}
  --allow-private-network   fetch http(s) images from loopback and private addresses (intranet hosts)
  --lock <file>             the lock file (default: ./mdwx.lock.json)
  --account <name>          publish to this account of mdwx.config.json (front matter
                            "account:" sends one article to its own account instead)
  --json                    print the report as JSON on stdout
  --quiet                   no progress on stderr
  -h, --help                this help`

export const publishCommand: Command = async (args, io) => {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      'asset-root': 'strings', include: 'strings', exclude: 'strings', together: 'boolean', split: 'boolean',
      target: 'string',
      submit: 'boolean',
      'preview-to': 'string',
      'preview-openid': 'string',
      'preview-again': 'boolean',
      'dry-run': 'boolean',
      'keep-going': 'boolean',
      force: 'boolean',
      concurrency: 'string',
      theme: 'string',
      math: 'string',
      'allow-private-network': 'boolean',
      lock: 'string',
      account: 'string',
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
  const common: PublishOptions = { cwd: io.cwd, target, dryRun }
  if (values.submit) common.submit = true
  if (values['keep-going']) common.keepGoing = true
  if (values.force) common.force = true
  if (concurrency !== undefined) common.concurrency = concurrency
  if (values.theme !== undefined) common.theme = values.theme
  const math = mathFlag(values.math)
  if (math !== undefined) common.math = math
  if (values.lock !== undefined) common.lockFile = values.lock
  if (values['allow-private-network']) common.fetch = { allowPrivateNetwork: true }
  Object.assign(common, await fileOptions(values, io.cwd))
  const configured = (await loadAccountsConfig(io.cwd))?.previewTo
  // A flag wins; else a named account's own previewTo, else the config's (set per run below).
  const previewFor = (accountDefault: PreviewRecipient | undefined): Pick<PublishOptions, 'previewTo' | 'previewAgain'> => {
    const previewTo = previewRecipientFrom(values, accountDefault ?? configured)
    if (previewTo === undefined) return {}
    return values['preview-again'] === true ? { previewTo, previewAgain: true } : { previewTo }
  }
  // The flags are checked at once (both given, a malformed one); --preview-again per account below.
  previewRecipientFrom({ ...values, 'preview-again': false }, configured)
  const output = { json: values.json === true, quiet: values.quiet === true }

  // Named accounts (mdwx.config.json, --account, front matter `account:`): one publish per account.
  const runs = await planAccountRuns(positionals, { cwd: io.cwd, env, account: nonEmpty(values.account), dryRun })
  if (runs !== undefined) {
    const planned = []
    for (const run of runs) {
      const options = { ...common, ...(await accountOptions(run.credentials, env, dryRun, run.appId)), filter: (file: { path: string }) => run.files.has(file.path) }
      if (run.defaultCover !== undefined) options.defaultCover = run.defaultCover
      Object.assign(options, previewFor(run.previewTo))
      planned.push({ label: run.name, options })
    }
    return publishAccountsAndReport(positionals, planned, io, output)
  }

  // A dry run sends nothing: credentials are optional.
  const credentials = dryRun ? optionalCredentials(env) : credentialsFrom(env)
  // The appid selects the lock file's entries: for a dry run WEIXIN_APPID alone is enough (without
  // it, publish() uses the lock file's account when there is only one).
  const options: PublishOptions = { ...common, ...previewFor(undefined), ...(await accountOptions(credentials, env, dryRun, dryRun ? nonEmpty(env['WEIXIN_APPID']) : undefined)) }
  return publishAndReport(positionals, options, io, output)
}

/** The client options and the lock file's account for one set of credentials. */
async function accountOptions(credentials: Credentials | undefined, env: Environment, dryRun: boolean, appId: string | undefined): Promise<Pick<PublishOptions, 'weixin' | 'appId'>> {
  const options: Pick<PublishOptions, 'weixin' | 'appId'> = {}
  if (credentials) {
    const baseUrl = credentials.baseUrl ?? 'https://api.weixin.qq.com'
    options.weixin = 'appSecret' in credentials ? { ...credentials, tokenStore: createTokenFileStore(env, baseUrl) } : credentials
    if (credentials.appId !== undefined) options.appId = credentials.appId
    // Through a relay the appid may be known only there; it selects the lock file's entries.
    if ('relay' in credentials && options.appId === undefined && !dryRun) options.appId = await relayAccountIdOrMisuse(credentials.relay)
  }
  if (options.appId === undefined && appId !== undefined) options.appId = appId
  return options
}
