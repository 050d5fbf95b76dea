/**
 * The command line that starts `mdwx <command> <flags>` the way this run was started, for a hint
 * that says what to type next: `pnpm demo --keep` (the repository's script), `npx mdwx demo
 * --keep`, `mdwx demo --keep`. Package managers name themselves in npm_config_user_agent
 * ("pnpm/10.34.9 npm/? node/v22 ..."), the script they run in npm_lifecycle_event (`npx` for
 * `npx`/`npm exec`), and npm its subcommand in npm_command.
 */
export function startedAs(command: string, flags: readonly string[], env: Readonly<Record<string, string | undefined>>): string {
  const agent = env['npm_config_user_agent']?.split('/')[0]
  const script = env['npm_lifecycle_event']
  const tail = flags.length === 0 ? '' : ` ${flags.join(' ')}`
  if (agent !== undefined && script === command) {
    // `npm run` hands flags to the script only after `--`; pnpm and yarn hand them on as they are.
    return agent === 'npm' ? `npm run ${command} --${tail}` : `${agent} ${command}${tail}`
  }
  if (agent === 'pnpm') return `pnpm exec mdwx ${command}${tail}`
  if (agent === 'yarn') return `yarn mdwx ${command}${tail}`
  if (agent === 'npm' && (env['npm_command'] === 'exec' || script === 'npx')) return `npx mdwx ${command}${tail}`
  return `mdwx ${command}${tail}`
}
