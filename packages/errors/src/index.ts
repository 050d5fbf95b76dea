export { MdwxError, isMdwxError } from './mdwx-error.js'
export type { MdwxErrorOptions } from './mdwx-error.js'
export {
  InvalidOptionError,
  describeValue,
  expectNonNegativeNumber,
  expectOneOf,
  expectOption,
  expectPositiveInteger,
  expectString,
} from './options.js'
