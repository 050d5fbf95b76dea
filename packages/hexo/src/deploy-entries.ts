/** The `deploy:` entries of `_config.yml` that name the mdwx deployer (`deploy` is one entry or a list). */
export function mdwxDeployEntries(deploy: unknown): object[] {
  const entries: unknown[] = Array.isArray(deploy) ? deploy : [deploy]
  return entries.filter((entry): entry is object => typeof entry === 'object' && entry !== null && (entry as { type?: unknown }).type === 'mdwx')
}

export function hasMdwxDeployer(deploy: unknown): boolean {
  return mdwxDeployEntries(deploy).length > 0
}
