export { compactFont, type CompactFont } from './compact-font.js'
export { fullFontFolder } from './full-font.js'
export { codePointsOf } from './unicode-range.js'
