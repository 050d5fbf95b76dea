import type { Root } from 'hast'
import type { VFile } from 'vfile'

// STUB (owner: R2): replace with the real transform.
export interface Options {}

export default function rehypeWeixinLists(_options: Options = {}) {
  return (_tree: Root, _file: VFile): undefined => undefined
}
