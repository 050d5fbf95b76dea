export { registerMdwx } from './register.js'
export type { HexoArgs, HexoContext, HexoLog } from './hexo-context.js'
export type { MdwxSettings } from './settings.js'
