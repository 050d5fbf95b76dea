import { calloutCss } from './callout-css.js'
import { codeMetaCss } from './code-meta-css.js'

/**
 * `tech`: for code-heavy posts. Dark code blocks with a One Dark palette (keywords, strings,
 * comments, numbers, function and type names), blue accent, headings on tinted bars, tight
 * tables. Colours more token kinds than `default`, so code-heavy articles come out larger.
 */
export const techCss = `
:root {
  --accent: #2563eb;
  --tint: #eff4ff;
  --rule: #e5e7eb;
  font-family: -apple-system, BlinkMacSystemFont, "Helvetica Neue", "PingFang SC", "Microsoft YaHei", sans-serif;
  font-size: 15px;
  line-height: 1.75;
  color: #1f2937;
  text-align: left;
  overflow-wrap: break-word;
}

p { margin: 1em 0; }

h1, h2, h3, h4, h5, h6 { margin: 1.6em 0 .8em; font-weight: bold; line-height: 1.4; color: #111827; }
h1 { font-size: 1.45em; }
h2 { font-size: 1.25em; padding: .35em .6em; background: var(--tint); border-left: 4px solid var(--accent); }
h3 { font-size: 1.1em; }
h3::before { content: "# "; color: var(--accent); }
h4, h5, h6 { font-size: 1em; }

a { color: var(--accent); }
hr { margin: 2em 0; border: 0; border-top: 1px dashed #cbd5e1; }
img { max-width: 100%; border-radius: 4px; }
figure { margin: 1em 0; }
figure p { margin: 0; }
figcaption { margin-top: .4em; font-size: 14px; color: #64748b; text-align: center; }

blockquote { margin: 1em 0; padding: .7em 1em; background: var(--tint); border-left: 4px solid var(--accent); color: #374151; }
blockquote p { margin: .3em 0; }

ul, ol { margin: 1em 0; }
li ul, li ol { margin: 0; }
li::marker { color: var(--accent); }

code { color: #c026d3; }
pre { margin: 1em 0; padding: 1em 1.2em; background: #282c34; border-radius: 6px; font-size: 13px; line-height: 1.6; color: #abb2bf; }
pre code { color: inherit; }

.hljs-comment, .hljs-quote { color: #7f848e; font-style: italic; }
.hljs-keyword, .hljs-selector-tag, .hljs-doctag { color: #c678dd; }
.hljs-string, .hljs-regexp, .hljs-addition { color: #98c379; }
.hljs-number, .hljs-literal, .hljs-attr, .hljs-attribute { color: #d19a66; }
.hljs-title, .hljs-section { color: #61afef; }
.hljs-built_in, .hljs-type, .hljs-title.class_ { color: #e5c07b; }
.hljs-deletion { color: #e06c75; }
.hljs-meta { color: #56b6c2; }
.hljs-meta .hljs-keyword { color: inherit; }

table { margin: 1em 0; border-collapse: collapse; font-size: 14px; line-height: 1.6; }
th, td { padding: .4em .7em; border: 1px solid var(--rule); }
th { background: #f3f4f6; white-space: nowrap; }

.mdwx-ref, .mdwx-fnref, .mdwx-footnote-label { color: var(--accent); }
.mdwx-references, .mdwx-footnotes { margin-top: 2em; padding: .6em 1em; background: #f9fafb; font-size: 13px; color: #6b7280; }
.mdwx-references-title, .mdwx-footnotes-title { margin: .3em 0; font-weight: bold; color: #374151; }
.mdwx-reference, .mdwx-footnote p { margin: .3em 0; }
mark { padding: 0 .1em; background: #fef3c7; color: inherit; }
.mdwx-toc-title { font-weight: bold; }
${codeMetaCss({ margin: '1em', title: 'padding: .2em 1.2em; background: #21252b; border-radius: 6px 6px 0 0; font-size: 13px; color: #9da5b4;', titled: 'border-radius: 0 0 6px 6px;', dark: true })}
${calloutCss({ box: 'margin: 1em 0; padding: .5em 1em; border-radius: 6px;', border: '4px', tinted: true, title: 'font-weight: bold;', paragraph: 'margin: .3em 0;' })}`
