import { calloutCss } from './callout-css.js'
import { codeMetaCss } from './code-meta-css.js'

/**
 * `literary`: a serif page for essays and long reads. Warm greys, a brick-red accent, centred
 * section headings framed by ornaments (`::before`/`::after`, turned into real text), book-like
 * tables without vertical rules, quiet code blocks.
 */
export const literaryCss = `
:root {
  --accent: #9a3b2e;
  --ink: #3b3632;
  --soft: #8a7f74;
  --paper: #faf6f0;
  --line: #e6dccd;
  font-family: Georgia, "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif;
  font-size: 17px;
  line-height: 1.9;
  color: var(--ink);
  letter-spacing: .5px;
  text-align: left;
  overflow-wrap: break-word;
}

p { margin: 1.2em 0; }

h1, h2, h3, h4, h5, h6 { margin: 2em 0 1em; font-weight: bold; line-height: 1.5; color: #2a2522; }
h1 { font-size: 1.5em; text-align: center; }
h2 { font-size: 1.25em; text-align: center; }
h2::before { content: "❦ "; color: var(--accent); font-weight: normal; }
h2::after { content: " ❦"; color: var(--accent); font-weight: normal; }
h3 { font-size: 1.1em; color: var(--accent); }
h4, h5, h6 { font-size: 1em; }

strong { color: var(--accent); }
em { font-style: italic; }
a { color: var(--accent); }
hr { margin: 2.5em auto; width: 40%; border: 0; border-top: 1px solid var(--line); }
img { max-width: 100%; }
figure { margin: 1em 0; }
figure p { margin: 0; }
figcaption { margin-top: .4em; font-size: 14px; color: #999; text-align: center; }

blockquote { margin: 1.5em 0; padding: 0 1.2em; border-left: 2px solid var(--line); color: #6f655c; font-style: italic; }
blockquote p { margin: .6em 0; }

ul, ol { margin: 1.2em 0; }
li ul, li ol { margin: 0; }
li::marker { color: var(--accent); }

code { color: var(--accent); }
pre { margin: 1.5em 0; padding: 1em 1.2em; background: var(--paper); border: 1px solid var(--line); font-size: 14px; line-height: 1.6; letter-spacing: 0; text-align: left; }
pre code { color: #4a4038; }

.hljs-comment, .hljs-quote { color: #a39585; font-style: italic; }
.hljs-keyword, .hljs-selector-tag, .hljs-doctag { color: #9a3b2e; }
.hljs-string, .hljs-regexp, .hljs-addition { color: #5b7a2e; }
.hljs-number, .hljs-literal { color: #b0651d; }
.hljs-meta .hljs-keyword { color: inherit; }

table { margin: 1.5em 0; border-collapse: collapse; font-size: 15px; line-height: 1.6; text-align: left; }
th { padding: .5em .8em; border-bottom: 2px solid var(--accent); white-space: nowrap; }
td { padding: .5em .8em; border-bottom: 1px solid var(--line); }

.mdwx-ref, .mdwx-fnref, .mdwx-footnote-label { color: var(--accent); }
.mdwx-references, .mdwx-footnotes { margin-top: 2.5em; font-size: 14px; color: var(--soft); text-align: left; }
.mdwx-references-title, .mdwx-footnotes-title { margin: .5em 0; font-weight: bold; letter-spacing: 2px; }
.mdwx-reference, .mdwx-footnote p { margin: .3em 0; }
mark { padding: 0 .1em; background: #fbeec1; color: inherit; }
.mdwx-toc-title { font-weight: bold; letter-spacing: 2px; }
${codeMetaCss({ margin: '1.5em', title: 'padding: .2em 1.2em; border: 1px solid var(--line); border-bottom: 0; font-size: 14px; color: var(--soft);', dark: false })}
${calloutCss({ box: 'margin: 1.5em 0; padding: .2em 1.2em;', border: '2px', tinted: false, title: 'font-weight: bold; letter-spacing: 2px;', paragraph: 'margin: .6em 0;' })}`
