export { default, default as mdwx } from './integration.js'
export type { MdwxAstroOptions } from './options.js'
