import { readFileSync } from 'node:fs'
import { renderMarkdown } from '@mdwx/render'
import hljs from 'highlight.js'
import juice from 'juice'
import MarkdownIt from 'markdown-it'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'

/** One way of turning Markdown into HTML, timed on the whole corpus. */
export interface Renderer {
  name: string
  render: (markdown: string) => Promise<string>
  /** Trouble seen outside of `render`'s result, to print after the results. */
  problems?: () => string[]
}

export const bareName = 'bare unified'
export const mdwxName = 'mdwx'
export const wenyanName = '@wenyan-md/core'
export const markdownItName = 'markdown-it + juice'

/** The baseline of the goals: remark-parse → remark-rehype → rehype-sanitize → rehype-stringify. */
export const bareProcessor = unified().use(remarkParse).use(remarkRehype).use(rehypeSanitize).use(rehypeStringify).freeze()

function bareRenderer(): Renderer {
  return { name: bareName, render: async (markdown) => String(await bareProcessor.process(markdown)) }
}

// Default options, images left as written (no resolver): what `mdwx convert` does minus the files.
function mdwxRenderer(): Renderer {
  return { name: mdwxName, render: async (markdown) => (await renderMarkdown(markdown)).html }
}

/**
 * wenyan's styled render for Weixin, `renderStyledContent`, with its defaults (default theme,
 * solarized-light code theme, mac-style code blocks, link footnotes). It lives in
 * `@wenyan-md/core/wrapper`, the Node entry, which needs jsdom (an optional peer) and, merely to
 * load, formdata-node and form-data-encoder.
 *
 * Measure it after everything else: loading it installs a jsdom `window`, `document` and friends
 * as globals (for its mermaid renderer), and one pass over the corpus leaves about 0.5 GB of live
 * heap (and 1–3 GB of process memory) behind, which would slow the garbage collection of
 * whatever runs after it.
 */
export async function createWenyanRenderer(): Promise<Renderer> {
  const { renderStyledContent } = await import('@wenyan-md/core/wrapper')
  // Its MathJax step, meeting a named HTML entity such as `&rarr;` whose table it cannot load in
  // Node ("No asyncLoad method specified"), throws for the article and also leaves rejected
  // promises nobody awaits, which would end the process. Count those; any other still ends it.
  let strayRejections = 0
  process.on('unhandledRejection', (reason) => {
    if (!String(reason).includes('No asyncLoad method specified')) throw reason
    strayRejections++
  })
  return {
    name: wenyanName,
    render: (markdown) => renderStyledContent(markdown),
    problems: () =>
      strayRejections === 0 ? [] : [`${strayRejections} unhandled promise rejections from its MathJax step ("No asyncLoad method specified")`],
  }
}

const markdownItTheme = readFileSync(new URL('./markdown-it-theme.css', import.meta.url), 'utf8')

/**
 * markdown-it with highlight.js for fenced code (markdown-it's documented recipe: declared
 * languages only), then juice inlining a theme of the same coverage as mdwx's default. Neither
 * sanitises: raw HTML passes as written.
 */
function markdownItRenderer(): Renderer {
  const markdownIt: ReturnType<typeof MarkdownIt> = new MarkdownIt({
    html: true,
    linkify: true,
    highlight(code, language) {
      const body =
        language && hljs.getLanguage(language)
          ? hljs.highlight(code, { language, ignoreIllegals: true }).value
          : markdownIt.utils.escapeHtml(code)
      return `<pre class="hljs"><code>${body}</code></pre>`
    },
  })
  return {
    name: markdownItName,
    render: async (markdown) =>
      juice.inlineContent(`<section class="article">${markdownIt.render(markdown)}</section>`, markdownItTheme),
  }
}

/** The renderers timed together, baseline first; `@wenyan-md/core` comes apart (`createWenyanRenderer`). */
export function createRenderers({ peers }: { peers: boolean }): Renderer[] {
  const ours = [bareRenderer(), mdwxRenderer()]
  return peers ? [...ours, markdownItRenderer()] : ours
}

/** The order of the rows in the report. */
export const rendererOrder = [bareName, mdwxName, wenyanName, markdownItName]
