import { afterGenerate } from './after-generate.js'
import { consoleDescription, consoleOptions, mdwxConsole } from './console.js'
import { mdwxDeployer } from './deployer.js'
import type { HexoContext } from './hexo-context.js'

/**
 * What Hexo gets when it loads `hexo-mdwx` (see hexo-plugin.cts): the `hexo mdwx` console, the
 * `mdwx` deployer and the check after `hexo generate`. Nothing runs until one of them is used.
 */
export function registerMdwx(hexo: HexoContext): void {
  hexo.extend.console.register('mdwx', consoleDescription, consoleOptions, (args) => mdwxConsole(hexo, args))
  hexo.extend.deployer.register('mdwx', (args) => mdwxDeployer(hexo, args))
  hexo.extend.filter.register('after_generate', afterGenerate(hexo))
}
