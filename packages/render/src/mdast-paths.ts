import type { Parent, PhrasingContent, Root, RootContent } from 'mdast'
import type { Position } from 'unist'

/**
 * Where a node sits in an mdast tree, for the plugins that rewrite text spread over several
 * paragraphs (Hexo tags, Hugo shortcodes: an opening and a closing tag in different blocks).
 */

/** The source span from the first of `nodes` to the last, when both have positions. */
export function spanOf(nodes: PhrasingContent[]): Position | undefined {
  const start = nodes[0]?.position?.start
  const end = nodes[nodes.length - 1]?.position?.end
  return start && end ? { start, end } : undefined
}

export interface Step {
  parent: Parent
  index: number
}

/** The parents from the root down to `node`, each with the index of the next step in it. */
export function pathTo(tree: Root, node: RootContent): Step[] {
  const path: Step[] = []
  const search = (parent: Parent): boolean => {
    for (let index = 0; index < parent.children.length; index++) {
      const child = parent.children[index]!
      path.push({ parent, index })
      if (child === node || ('children' in child && search(child))) return true
      path.pop()
    }
    return false
  }
  return search(tree) ? path : []
}

export function parentOf(tree: Root, node: RootContent): Parent | undefined {
  const path = pathTo(tree, node)
  return path[path.length - 1]?.parent
}
