import type { MdwxRun } from 'mdwx'
import { consoleLine } from './console-args.js'
import type { HexoArgs, HexoConsoleOptions, HexoContext } from './hexo-context.js'
import { runInSite } from './run-in-site.js'
import { readSettings, settingsFlags, settingsProblem } from './settings.js'
import { assetRootFlag, postFolders, sitePaths } from './site.js'

/** The mdwx commands that take posts; `help` shows mdwx's own help of one of them. */
const commands = ['check', 'convert', 'publish', 'screenshot'] as const

export const consoleDescription = 'Check, convert, publish or screenshot the posts for a Weixin Official Account (mdwx).'

/** What `hexo help mdwx` shows. */
export const consoleOptions: HexoConsoleOptions = {
  usage: '<check|convert|publish|screenshot|help> [paths...] [options]',
  arguments: [
    { name: 'check', desc: 'Render and validate the posts; nothing is written or sent' },
    { name: 'convert', desc: 'Write the Weixin HTML of each post (--out <dir>)' },
    { name: 'publish', desc: 'Upload the pictures and create or update the articles' },
    { name: 'screenshot', desc: 'A PNG per post as a phone shows it (--out <dir>, --dark)' },
    { name: 'help <command>', desc: 'Every option of an mdwx command' },
    { name: 'paths', desc: 'Files or folders, from the site folder (default: source/_posts)' },
  ],
  options: [
    { name: '--drafts', desc: 'Take source/_drafts too' },
    { name: '--keep-going', desc: 'publish: the valid posts even when others have errors' },
    { name: '--submit', desc: 'publish: publish each draft and wait for its URL' },
    { name: '--account <name>', desc: 'publish: to this account of mdwx.config.json' },
    { name: '--dry-run', desc: 'publish: everything but the network' },
    { name: '--theme <name|file.css>', desc: 'The theme to render with' },
    { name: '--out <dir>', desc: 'convert, screenshot: where to write' },
    { name: '--json', desc: 'A machine-readable report on stdout' },
  ],
}

const usage = [
  'Usage: hexo mdwx <check|convert|publish|screenshot> [paths...] [options]',
  'The paths default to source/_posts (--drafts adds source/_drafts); the options are those of the',
  'mdwx command of the same name, and the mdwx: block of _config.yml gives their defaults.',
  'Run "hexo mdwx help <command>" for a command\'s options.',
]

/**
 * `hexo mdwx <command> [paths] [options]`: the mdwx command of that name over the site's posts,
 * with the `mdwx:` block of `_config.yml` as its defaults (the options typed win: mdwx reads the
 * last of a repeated option).
 *
 * How it ends: hexo-cli turns a rejected console into a FATAL "Something's wrong" with a stack
 * trace and exit code 2 for everything; a console that resolves leaves the process's exit code as
 * it is. So this never rejects for what mdwx reported: it sets `process.exitCode` to mdwx's code
 * (1: a post failed, 2: misuse), as the `mdwx` command would exit, and resolves with the run, for
 * a caller of `hexo.call('mdwx', …)`.
 */
export async function mdwxConsole(hexo: HexoContext, args: HexoArgs): Promise<MdwxRun> {
  const run = await runConsole(hexo, args)
  if (run.code !== 0 && (process.exitCode === undefined || process.exitCode === 0)) process.exitCode = run.code
  return run
}

async function runConsole(hexo: HexoContext, args: HexoArgs): Promise<MdwxRun> {
  const line = consoleLine(args)
  const print = (text: string) => process.stdout.write(`${text}\n`)
  if (line.command === 'help') {
    if (line.paths.length === 0) return misuse(hexo, 'hexo mdwx help takes a command: check, convert, publish or screenshot.')
    return runInSite(hexo, ['help', ...line.paths], { progress: 'info', raw: print })
  }
  if (line.command === undefined || !(commands as readonly string[]).includes(line.command)) {
    const said = line.command === undefined ? 'hexo mdwx needs a command.' : `hexo mdwx has no command "${line.command}".`
    return misuse(hexo, said)
  }
  let settings
  try {
    settings = readSettings(hexo.config.mdwx, 'mdwx', { strict: true })
  } catch (error) {
    return misuse(hexo, settingsProblem(error))
  }
  const site = sitePaths(hexo)
  const paths = line.paths.length > 0 ? line.paths : postFolders(site, line.drafts || settings.drafts === true)
  const mdwxArgs = [line.command, ...paths, assetRootFlag(site), ...settingsFlags(settings, line.command), ...line.flags]
  const json = line.flags.includes('--json')
  return runInSite(hexo, mdwxArgs, json ? { progress: 'info', raw: print } : { progress: 'info' })
}

function misuse(hexo: HexoContext, message: string): MdwxRun {
  hexo.log.error('%s', message)
  for (const text of usage) hexo.log.info('%s', text)
  return { code: 2, stdout: '', stderr: `${message}\n` }
}
