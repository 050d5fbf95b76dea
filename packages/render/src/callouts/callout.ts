import type { Blockquote, BlockContent, DefinitionContent, Paragraph } from 'mdast'
import type { Position } from 'unist'

/**
 * One look for every way sites write a callout: GitHub alerts, Obsidian callouts, VitePress and
 * Docusaurus containers, Hexo's `{% note %}`. Each dialect's plugin maps its names onto these
 * kinds and builds the callout here, so every spelling renders the same and the themes style one
 * structure: `section.mdwx-callout.mdwx-callout-<kind>` holding `p.mdwx-callout-title` and the
 * body. Weixin keeps sections and inline styles; icons would need fonts or SVG it drops or that
 * dark mode cannot recolour, so the kind shows by colour and title only.
 */
export type CalloutKind = 'note' | 'tip' | 'info' | 'important' | 'warning' | 'caution' | 'danger' | 'details' | 'neutral'

/** The language of the titles a callout gets when the writer gave none. */
export type CalloutLanguage = 'zh' | 'en'

export const calloutLanguages: readonly CalloutLanguage[] = ['zh', 'en']

const defaultTitles: Readonly<Record<CalloutLanguage, Readonly<Record<CalloutKind, string>>>> = {
  zh: { note: '注意', tip: '提示', info: '信息', important: '重要', warning: '警告', caution: '危险', danger: '危险', details: '详情', neutral: '' },
  en: { note: 'Note', tip: 'Tip', info: 'Info', important: 'Important', warning: 'Warning', caution: 'Caution', danger: 'Danger', details: 'Details', neutral: '' },
}

// The names the dialects use, lower-cased: GitHub's five, Obsidian's types and aliases,
// VitePress's and Docusaurus's containers, Hexo NexT/Butterfly note classes and Hexo's own docs.
const kindByName: ReadonlyMap<string, CalloutKind> = new Map(
  Object.entries({
    note: ['note', 'default', 'primary', 'secondary'],
    tip: ['tip', 'hint', 'success', 'check', 'done'],
    info: ['info', 'information', 'abstract', 'summary', 'tldr', 'todo', 'question', 'help', 'faq', 'example'],
    important: ['important'],
    warning: ['warning', 'warn', 'attention'],
    caution: ['caution'],
    danger: ['danger', 'error', 'failure', 'fail', 'missing', 'bug'],
    details: ['details'],
    neutral: ['quote', 'cite'],
  } satisfies Record<CalloutKind, string[]>).flatMap(([kind, names]) => names.map((name) => [name, kind as CalloutKind])),
)

/** The kind a dialect's name stands for, or undefined for a name no dialect uses. */
export function calloutKindOf(name: string): CalloutKind | undefined {
  return kindByName.get(name.toLowerCase())
}

export function defaultCalloutTitle(kind: CalloutKind, language: CalloutLanguage): string {
  return defaultTitles[language][kind]
}

export interface CalloutSpec {
  kind: CalloutKind
  /** The title as the writer gave it (plain text: never read as HTML or Markdown); else the kind's default. */
  title: string | undefined
  children: Array<BlockContent | DefinitionContent>
  language: CalloutLanguage
  position: Position | undefined
}

/**
 * The callout as mdast: a blockquote (so tree utilities treat it as the container it is) that
 * becomes a `<section>` with the callout classes. The classes pass the sanitizer (weixinSchema
 * allows `mdwx-*` classes), style it through the theme, and are removed by rehype-weixin-clean.
 */
export function buildCallout(spec: CalloutSpec): Blockquote {
  const title = (spec.title ?? defaultCalloutTitle(spec.kind, spec.language)).trim()
  const children: Blockquote['children'] = title === '' ? [...spec.children] : [calloutTitle(title, spec.position), ...spec.children]
  const callout: Blockquote = {
    type: 'blockquote',
    children,
    data: { hName: 'section', hProperties: { className: ['mdwx-callout', `mdwx-callout-${spec.kind}`] } },
  }
  if (spec.position) callout.position = spec.position
  return callout
}

function calloutTitle(title: string, position: Position | undefined): Paragraph {
  const paragraph: Paragraph = {
    type: 'paragraph',
    children: [{ type: 'text', value: title }],
    data: { hProperties: { className: ['mdwx-callout-title'] } },
  }
  if (position) paragraph.position = { start: position.start, end: position.start }
  return paragraph
}
