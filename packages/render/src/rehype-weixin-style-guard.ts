import type { Root } from 'hast'
import type { VFile } from 'vfile'

// STUB (owner: R1): replace with the real transform.
export interface Options {}

export default function rehypeWeixinStyleGuard(_options: Options = {}) {
  return (_tree: Root, _file: VFile): undefined => undefined
}
