import { expectOption } from '@mdwx/errors'
import { parse, type CssNode, type Declaration as CssDeclaration, type Rule as CssRule } from 'css-tree'
import { parseSelector } from './parse-selector.js'
import type { CompiledSheet, Declaration, Rule, Selector } from './sheet.js'
import { compileDeclaration } from './values.js'

/** A theme ready to style articles: compile CSS once with `compileTheme`, use it for many. */
export interface Theme {
  readonly name: string
  /** What the CSS asked for that cannot be done in a Weixin article, one line each. */
  readonly warnings: readonly string[]
  /** The compiled rules (internal form; build it with `compileTheme`). */
  readonly sheet: CompiledSheet
}

export interface CompileThemeOptions {
  /** Shown in messages. Default `custom`. */
  name?: string
}

/**
 * Compiles CSS into a theme: selectors are parsed and indexed, `var()` is resolved, and what
 * cannot become inline styles (`:hover`, `@media`, `position`, `url()`...) is left out with a
 * warning in `theme.warnings` rather than failing the whole theme.
 */
export function compileTheme(css: string, options: CompileThemeOptions = {}): Theme {
  expectOption(typeof css === 'string', 'CSS text', 'compileTheme(css)', css)
  const name = options.name ?? 'custom'
  expectOption(typeof name === 'string' && name.length > 0, 'a non-empty string', 'compileTheme options.name', name)

  const warnings: string[] = []
  const warn = (node: CssNode | undefined, text: string): void => {
    const line = node?.loc?.start.line
    warnings.push(line === undefined ? text : `line ${line}: ${text}`)
  }
  const stylesheet = parse(css, {
    positions: true,
    parseCustomProperty: false,
    onParseError: (error) => warnings.push(`line ${error.line}: ${error.message}`),
  })

  const topLevel: CssNode[] = stylesheet.type === 'StyleSheet' ? stylesheet.children.toArray() : []
  const variables = collectVariables(topLevel)
  const byTag = new Map<string, Rule[]>()
  const byClass = new Map<string, Rule[]>()
  const root: Rule[] = []
  const universal: Rule[] = []
  let order = 0

  for (const node of topLevel) {
    if (node.type === 'Atrule') {
      if (node.name.toLowerCase() !== 'charset') warn(node, `\`@${node.name}\` cannot apply to inline styles; skipped`)
      continue
    }
    if (node.type !== 'Rule' || node.prelude.type !== 'SelectorList') continue
    const selectors: Selector[] = []
    for (const part of node.prelude.children) {
      if (part.type !== 'Selector') continue
      const parsed = parseSelector(part)
      if ('refused' in parsed) warn(part, `${parsed.refused}; selector skipped`)
      else selectors.push(parsed.selector)
    }
    if (selectors.length === 0) continue
    const { declarations, content } = compileBlock(node, variables, selectors, warn)
    if (declarations.length === 0 && content === undefined) continue
    for (const selector of selectors) {
      const rule: Rule = { selector, declarations, order: order++, content: selector.pseudoElement ? content : undefined }
      const key = selector.compounds[0]!
      if (key.classes.length > 0) push(byClass, key.classes[0]!, rule)
      else if (key.tag !== undefined) push(byTag, key.tag, rule)
      else if (key.root) root.push(rule)
      else universal.push(rule)
    }
  }

  return { name, warnings, sheet: { byTag, byClass, root, universal, variables } }
}

/** Custom properties declared on `:root` (or `html`, `body`), later declarations winning. */
function collectVariables(nodes: readonly CssNode[]): Map<string, string> {
  const variables = new Map<string, string>()
  for (const node of nodes) {
    if (node.type !== 'Rule' || node.prelude.type !== 'SelectorList') continue
    const onRoot = node.prelude.children.toArray().every((selector) => {
      if (selector.type !== 'Selector') return false
      const parsed = parseSelector(selector)
      return 'selector' in parsed && parsed.selector.compounds.length === 1 && parsed.selector.compounds[0]!.root
    })
    if (!onRoot) continue
    for (const child of node.block.children) {
      if (child.type === 'Declaration' && child.property.startsWith('--') && child.value.type === 'Raw') {
        variables.set(child.property, child.value.value.trim())
      }
    }
  }
  return variables
}

function compileBlock(
  rule: CssRule,
  variables: ReadonlyMap<string, string>,
  selectors: readonly Selector[],
  warn: (node: CssNode, text: string) => void,
): { declarations: Declaration[]; content: string | undefined } {
  const declarations: Declaration[] = []
  let content: string | undefined
  const onRoot = selectors.every((selector) => selector.compounds.length === 1 && selector.compounds[0]!.root)
  for (const child of rule.block.children) {
    if (child.type !== 'Declaration') continue
    if (child.property.startsWith('--') && !onRoot) {
      warn(child, `\`${child.property}\`: custom properties are read from \`:root\` only; skipped`)
      continue
    }
    if (child.property.toLowerCase() === 'content') {
      if (!selectors.some((selector) => selector.pseudoElement)) {
        warn(child, '`content` applies only to `::before`, `::after` and `::marker`; skipped')
        continue
      }
      const text = contentText(child)
      if (text === undefined) warn(child, '`content` can only be quoted text or `none` in an article; skipped')
      else content = text
      continue
    }
    const compiled = compileDeclaration(child, variables)
    if ('refused' in compiled) warn(child, `${compiled.refused}; skipped`)
    else if ('declaration' in compiled) declarations.push(compiled.declaration)
  }
  return { declarations, content }
}

/** `content: "§ " "x"` → `§ x`; `none`/`normal` → ''; counters, `attr()`, quotes → undefined. */
function contentText(declaration: CssDeclaration): string | undefined {
  if (declaration.value.type !== 'Value') return undefined
  let text = ''
  for (const part of declaration.value.children) {
    if (part.type === 'String') text += part.value
    else if (part.type === 'Identifier' && /^(?:none|normal)$/i.test(part.name)) return ''
    else return undefined
  }
  return text
}

function push(index: Map<string, Rule[]>, key: string, rule: Rule): void {
  const rules = index.get(key)
  if (rules) rules.push(rule)
  else index.set(key, [rule])
}
