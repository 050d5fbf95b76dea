import { describe, expect, it } from 'vitest'
import { startedAs } from '../src/demo/started-as.js'

// What npm 11 and pnpm 10 put in a child's environment (measured with a script that prints them).
const npm = 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false'
const pnpm = 'pnpm/10.34.9 npm/? node/v20.20.2 linux x64'

describe('startedAs: the command line a hint repeats', () => {
  it('the repository script, as "pnpm demo" and "npm run demo" run it', () => {
    expect(startedAs('demo', ['--keep'], { npm_config_user_agent: pnpm, npm_lifecycle_event: 'demo', npm_command: 'run-script' })).toBe('pnpm demo --keep')
    expect(startedAs('demo', ['--keep'], { npm_config_user_agent: npm, npm_lifecycle_event: 'demo', npm_command: 'run' })).toBe('npm run demo -- --keep')
  })

  it('npx mdwx and npm exec mdwx', () => {
    expect(startedAs('demo', ['--keep'], { npm_config_user_agent: npm, npm_lifecycle_event: 'npx', npm_command: 'exec' })).toBe('npx mdwx demo --keep')
  })

  it('pnpm exec mdwx', () => {
    expect(startedAs('demo', ['posts', '--keep'], { npm_config_user_agent: pnpm })).toBe('pnpm exec mdwx demo posts --keep')
  })

  it('an installed mdwx run by name, or any other way', () => {
    expect(startedAs('demo', ['--keep'], {})).toBe('mdwx demo --keep')
    expect(startedAs('demo', [], {})).toBe('mdwx demo')
  })
})
