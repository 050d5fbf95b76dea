import type { LanguageFn } from 'highlight.js'

/** A grammar's module, imported the first time an article uses its language. */
type GrammarModule = Promise<{ default: LanguageFn }>

export interface Grammar {
  readonly name: string
  /** Other names a fence may give it (`js` for `javascript`), as the grammar itself declares them. */
  readonly aliases: readonly string[]
  readonly load: () => GrammarModule
}

/**
 * The 37 grammars of lowlight's `common` set (highlight.js's common languages and Arduino), the
 * languages articles use, and PowerShell. Listed here with their aliases so that a fence can be
 * recognised before its grammar is loaded: importing all 37 costs about 60 ms at start-up, most of
 * it for languages an article never uses. Each `import()` names its module literally so bundlers
 * can follow it.
 */
const grammars: readonly Grammar[] = [
  { name: 'arduino', aliases: ['ino'], load: () => import('highlight.js/lib/languages/arduino') },
  { name: 'bash', aliases: ['sh', 'zsh'], load: () => import('highlight.js/lib/languages/bash') },
  { name: 'c', aliases: ['h'], load: () => import('highlight.js/lib/languages/c') },
  { name: 'cpp', aliases: ['cc', 'c++', 'h++', 'hpp', 'hh', 'hxx', 'cxx'], load: () => import('highlight.js/lib/languages/cpp') },
  { name: 'csharp', aliases: ['cs', 'c#'], load: () => import('highlight.js/lib/languages/csharp') },
  { name: 'css', aliases: [], load: () => import('highlight.js/lib/languages/css') },
  { name: 'diff', aliases: ['patch'], load: () => import('highlight.js/lib/languages/diff') },
  { name: 'go', aliases: ['golang'], load: () => import('highlight.js/lib/languages/go') },
  { name: 'graphql', aliases: ['gql'], load: () => import('highlight.js/lib/languages/graphql') },
  { name: 'ini', aliases: ['toml'], load: () => import('highlight.js/lib/languages/ini') },
  { name: 'java', aliases: ['jsp'], load: () => import('highlight.js/lib/languages/java') },
  { name: 'javascript', aliases: ['js', 'jsx', 'mjs', 'cjs'], load: () => import('highlight.js/lib/languages/javascript') },
  { name: 'json', aliases: ['jsonc', 'json5'], load: () => import('highlight.js/lib/languages/json') },
  { name: 'kotlin', aliases: ['kt', 'kts'], load: () => import('highlight.js/lib/languages/kotlin') },
  { name: 'less', aliases: [], load: () => import('highlight.js/lib/languages/less') },
  { name: 'lua', aliases: ['pluto'], load: () => import('highlight.js/lib/languages/lua') },
  { name: 'makefile', aliases: ['mk', 'mak', 'make'], load: () => import('highlight.js/lib/languages/makefile') },
  { name: 'markdown', aliases: ['md', 'mkdown', 'mkd'], load: () => import('highlight.js/lib/languages/markdown') },
  {
    name: 'objectivec',
    aliases: ['mm', 'objc', 'obj-c', 'obj-c++', 'objective-c++'],
    load: () => import('highlight.js/lib/languages/objectivec'),
  },
  { name: 'perl', aliases: ['pl', 'pm'], load: () => import('highlight.js/lib/languages/perl') },
  { name: 'php', aliases: [], load: () => import('highlight.js/lib/languages/php') },
  { name: 'php-template', aliases: [], load: () => import('highlight.js/lib/languages/php-template') },
  { name: 'plaintext', aliases: ['text', 'txt'], load: () => import('highlight.js/lib/languages/plaintext') },
  // Not in the common set: PowerShell (`ps1`), which site generators' docs use for Windows steps.
  { name: 'powershell', aliases: ['pwsh', 'ps', 'ps1'], load: () => import('highlight.js/lib/languages/powershell') },
  { name: 'python', aliases: ['py', 'gyp', 'ipython'], load: () => import('highlight.js/lib/languages/python') },
  { name: 'python-repl', aliases: ['pycon'], load: () => import('highlight.js/lib/languages/python-repl') },
  { name: 'r', aliases: [], load: () => import('highlight.js/lib/languages/r') },
  { name: 'ruby', aliases: ['rb', 'gemspec', 'podspec', 'thor', 'irb'], load: () => import('highlight.js/lib/languages/ruby') },
  { name: 'rust', aliases: ['rs'], load: () => import('highlight.js/lib/languages/rust') },
  { name: 'scss', aliases: [], load: () => import('highlight.js/lib/languages/scss') },
  { name: 'shell', aliases: ['console', 'shellsession'], load: () => import('highlight.js/lib/languages/shell') },
  { name: 'sql', aliases: [], load: () => import('highlight.js/lib/languages/sql') },
  { name: 'swift', aliases: [], load: () => import('highlight.js/lib/languages/swift') },
  { name: 'typescript', aliases: ['ts', 'tsx', 'mts', 'cts'], load: () => import('highlight.js/lib/languages/typescript') },
  { name: 'vbnet', aliases: ['vb'], load: () => import('highlight.js/lib/languages/vbnet') },
  { name: 'wasm', aliases: [], load: () => import('highlight.js/lib/languages/wasm') },
  {
    name: 'xml',
    aliases: ['html', 'xhtml', 'rss', 'atom', 'xjb', 'xsd', 'xsl', 'plist', 'wsf', 'svg'],
    load: () => import('highlight.js/lib/languages/xml'),
  },
  { name: 'yaml', aliases: ['yml'], load: () => import('highlight.js/lib/languages/yaml') },
]

/**
 * Names site generators give fences (shiki's, which VitePress, Astro and Docusaurus use) that no
 * grammar declares, mapped onto the nearest grammar: single-file components (`vue`, `svelte`,
 * `astro`) are HTML with embedded script and style, which the `xml` grammar hands to `javascript`
 * and `css`; `mdx` is Markdown; a `.env` file is `KEY=value` lines with `#` comments, as in `ini`.
 */
const generatorAliases: Readonly<Record<string, string>> = {
  vue: 'xml',
  'vue-html': 'xml',
  svelte: 'xml',
  astro: 'xml',
  mdx: 'markdown',
  env: 'ini',
  dotenv: 'ini',
  shellscript: 'bash',
}

const byNameOrAlias = new Map<string, Grammar>()
for (const grammar of grammars) {
  byNameOrAlias.set(grammar.name, grammar)
  for (const alias of grammar.aliases) byNameOrAlias.set(alias, grammar)
}
for (const [alias, name] of Object.entries(generatorAliases)) byNameOrAlias.set(alias, byNameOrAlias.get(name)!)

/** The grammar a fence's language names (case-insensitive), if it is one of the common set. */
export function grammarFor(language: string): Grammar | undefined {
  return byNameOrAlias.get(language.toLowerCase())
}
