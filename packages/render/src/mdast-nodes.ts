import type { Html, Link, Paragraph, PhrasingContent, Text } from 'mdast'
import type { Position } from 'unist'

/**
 * mdast nodes made in place of what the writer wrote (a Hexo tag, a Hugo shortcode), each keeping
 * the source position of what it replaces, so later messages still point at the writer's line.
 */

/** A text node at `at`'s position. */
export function text(value: string, at: { position?: Position | undefined }): Text {
  const node: Text = { type: 'text', value }
  if (at.position) node.position = at.position
  return node
}

/** A raw HTML node at `at`'s position. */
export function html(value: string, at: { position?: Position | undefined }): Html {
  const node: Html = { type: 'html', value }
  if (at.position) node.position = at.position
  return node
}

/** A link around `children`, at `at`'s position. */
export function linkNode(url: string, children: PhrasingContent[], at: { position?: Position | undefined }): Link {
  const node: Link = { type: 'link', url, title: null, children }
  if (at.position) node.position = at.position
  return node
}

/** A paragraph of `children` at `position`. */
export function paragraph(children: PhrasingContent[], position: Position | undefined): Paragraph {
  const node: Paragraph = { type: 'paragraph', children }
  if (position) node.position = position
  return node
}
