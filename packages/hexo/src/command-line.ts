/** An argument list as a shell would need it typed: for showing the `mdwx` command a step runs. */
export function showCommand(args: readonly string[]): string {
  return ['mdwx', ...args].map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)).join(' ')
}
