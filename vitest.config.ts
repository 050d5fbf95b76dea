import { existsSync, readdirSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

// Tests run on the TypeScript sources: each workspace library resolves to its src/index.ts, so a
// test never depends on a stale dist/ (pnpm test still builds first, to type-check). The
// site-generator integrations are loaded by the generators themselves, from their dist/.
const packages = ['errors', 'cjk-font', 'phone-frame', 'render', 'images', 'weixin', 'emulator', 'publish', 'relay', 'browser'] as const
const alias = [
  ...packages.map((name) => ({ find: new RegExp(`^@mdwx/${name}$`), replacement: here(`packages/${name}/src/index.ts`) })),
  { find: /^mdwx$/, replacement: here('packages/cli/src/index.ts') },
]

// One project per package folder that has tests, named after the folder.
const tested = readdirSync(here('packages'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(here(`packages/${entry.name}/test`)))
  .map((entry) => entry.name)
  .sort()

export default defineConfig({
  resolve: { alias },
  test: {
    // HOME, XDG_CACHE_HOME and npm's cache point into a temp folder for the whole run: no test,
    // and no process a test starts, writes to the developer's real home (test/support/child-env.ts).
    globalSetup: [here('test/support/isolated-home.ts')],
    // Tests never assert on time; these only stop a hung test from hanging CI. Sized for two
    // cores under heavy load: in a flake hunt at load average 17, a test that starts Chromium and
    // photographs two articles took over 60 s.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // One worker per core, not vitest's default of one fewer (a single worker on a 2-core CI
    // machine): many tests wait on child processes (the CLI, the site generators, Chromium), and
    // measured on 2 cores the whole suite took 405 s with one worker.
    maxWorkers: availableParallelism(),
    projects: [
      ...tested.map((name) => ({
        extends: true as const,
        test: { name, root: here(`packages/${name}`), include: ['test/**/*.test.ts'] },
      })),
      { extends: true as const, test: { name: 'e2e', root: here('test'), include: ['**/*.test.ts'] } },
    ],
  },
})
