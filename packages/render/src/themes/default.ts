import { calloutCss } from './callout-css.js'
import { codeMetaCss } from './code-meta-css.js'

/**
 * The default theme: a clean page, a teal accent, light code blocks, and as little markup as
 * looks right.
 *
 * Written against the Weixin article page as much as for the eye: that page resets every margin
 * and padding to 0 and every heading to 16px normal weight, so spacing and heading sizes must be
 * inline; and it counts every character of markup against the 20,000 limit, so each rule sets
 * only what the page would otherwise get wrong. Measured on the bench corpus, these choices keep
 * the output at about 1.6× a bare unified pipeline's (it was 1.9× before them):
 * - no font stack: the Weixin app's own system font is the one readers expect;
 * - inline code keeps the monospace font browsers give `<code>`, without a colour (a colour is a
 *   `style` on every one of the thousands of inline code spans of a technical article);
 * - highlighting: keywords bold (a 7-character `<b>` instead of a 30-character coloured span),
 *   comments and strings in three-digit colours;
 * - reference and footnote marks plain.
 */
export const defaultCss = `
:root {
  --accent: #0f7b6c;
  --code-bg: #f6f8fa;
  --rule: #e2e2e2;
  font-size: 16px;
  line-height: 1.75;
  color: #333;
  text-align: left;
  overflow-wrap: break-word;
}

p { margin: 1em 0; }

h1, h2, h3, h4, h5, h6 { margin: 1.6em 0 .8em; font-weight: bold; }
h1 { font-size: 1.4em; }
h2 { font-size: 1.25em; color: var(--accent); }
h3 { font-size: 1.1em; }
h4, h5, h6 { font-size: 1em; }

a { color: var(--accent); }
hr { margin: 2em 0; border: 0; border-top: 1px solid var(--rule); }
img { max-width: 100%; }
figure { margin: 1em 0; }
figure p { margin: 0; }
figcaption { margin-top: .4em; font-size: 14px; color: #888; text-align: center; }

blockquote { margin: 1em 0; padding: .6em 1em; border-left: 3px solid var(--accent); background: #f5f7f7; color: #666; }
blockquote p { margin: .4em 0; }

ul, ol { margin: 1em 0; }
li ul, li ol { margin: 0; }

pre { margin: 1em 0; padding: 1em; background: var(--code-bg); font-size: 14px; white-space: nowrap; overflow: auto; }

.hljs-comment, .hljs-quote { color: #999; }
.hljs-keyword, .hljs-selector-tag, .hljs-literal, .hljs-doctag { font-weight: bold; }
.hljs-string, .hljs-regexp, .hljs-addition { color: #27a; }
.hljs-meta .hljs-keyword { color: inherit; }

table { margin: 1em 0; border-collapse: collapse; font-size: 14px; line-height: 1.6; }
th, td { padding: .4em .7em; border: 1px solid #ddd; }
th { background: var(--code-bg); white-space: nowrap; }

.mdwx-references, .mdwx-footnotes { margin-top: 2em; padding-top: .5em; border-top: 1px solid var(--rule); font-size: 14px; color: #888; }
.mdwx-references-title, .mdwx-footnotes-title { margin: .5em 0; font-weight: bold; color: #555; }
.mdwx-reference, .mdwx-footnote p { margin: .3em 0; }
mark { padding: 0 .1em; background: #fff3b0; color: inherit; }
.mdwx-toc-title { font-weight: bold; }
${codeMetaCss({ margin: '1em', title: 'padding: .2em 1em; background: #eaeef2; font-size: 13px; color: #666;', dark: false })}
${calloutCss({ box: 'margin: 1em 0; padding: .5em 1em;', border: '4px', tinted: true, title: 'font-weight: bold;', paragraph: 'margin: .4em 0;' })}`
