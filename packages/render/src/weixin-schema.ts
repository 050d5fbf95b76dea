import type { Options as Schema } from 'rehype-sanitize'

const mdwxClass = /^mdwx-[a-z0-9-]+$/
const headings = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']
const tableParts = ['table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td']

/**
 * The rehype-sanitize schema of a Weixin article: only elements the Weixin editor keeps, only
 * attributes that carry content or layout, and only URLs that cannot run code. It is complete on
 * its own (rehype-sanitize fills missing keys from GitHub's schema, so every key is given).
 *
 * Three things are done by the plugins around it in the pipeline and are documented as such:
 * `style` values pass here and are filtered afterwards by rehype-weixin-style-guard; `data:`
 * image sources pass here (sanitize can only allow a whole scheme) and are narrowed to image
 * types before, by rehype-weixin-url-guard (rehype-weixin-images checks again after); and URLs
 * reach this schema's case-sensitive protocol check normalised by rehype-weixin-url-guard.
 */
export const weixinSchema: Schema = {
  tagNames: [
    'p', 'br', 'hr', 'span', 'section', 'blockquote', 'pre', 'figure', 'figcaption',
    'strong', 'b', 'em', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark',
    'code', 'kbd', 'abbr', 'q', 'cite', 'ruby', 'rt', 'rp',
    ...headings,
    'ul', 'ol', 'li',
    ...tableParts,
    'img', 'a',
    // GFM task lists; rehype-weixin-lists draws ☐/☑ and rehype-weixin-clean drops any left.
    'input',
  ],
  attributes: {
    '*': ['style', 'title'],
    a: ['href', 'dataFootnoteRef', 'dataFootnoteBackref'],
    img: ['src', 'alt', 'width', 'height', 'align'],
    // The highlighter reads the language from here.
    code: [['className', /^language-[\w#+.-]+$/, mdwxClass]],
    ol: ['start', ['className', 'contains-task-list']],
    ul: [['className', 'contains-task-list']],
    li: [['className', 'task-list-item']],
    input: [['type', 'checkbox'], 'checked', 'disabled'],
    // `mdwx-*` classes are the ones mdwx's remark plugins write (callouts and their titles, code
    // titles): the theme styles them and rehype-weixin-clean removes them. Other classes are
    // emptied here and removed there too. An author's `mdwx-` class styles the same way, which
    // is harmless: a class cannot run anything.
    section: ['align', 'dataFootnotes', ['className', mdwxClass]],
    p: ['align', ['className', mdwxClass]],
    span: [['className', mdwxClass]],
    ...Object.fromEntries(headings.map((name) => [name, ['align']])),
    table: ['align'],
    th: ['align', 'colSpan', 'rowSpan'],
    td: ['align', 'colSpan', 'rowSpan'],
  },
  required: { input: { type: 'checkbox', disabled: true } },
  // Elements that mean nothing outside their parent are unwrapped there.
  ancestors: {
    caption: ['table'],
    thead: ['table'],
    tbody: ['table'],
    tfoot: ['table'],
    tr: ['table'],
    th: ['table'],
    td: ['table'],
    li: ['ul', 'ol'],
    input: ['li'],
    rt: ['ruby'],
    rp: ['ruby'],
    figcaption: ['figure'],
  },
  // Nothing may set `id` or `name`, so nothing can clobber.
  clobber: [],
  clobberPrefix: '',
  // rehype-sanitize compares these case-sensitively with the start of the URL as written, so
  // `HTTPS://x.org` or ` https://x.org` (which browsers follow) would lose their URL here:
  // rehype-weixin-url-guard writes every URL it keeps in lower-case, trimmed form first.
  protocols: {
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https', 'data'],
  },
  // Dropped with their content: code, styles, and elements whose content is raw text (markup
  // written as text there would come out as visible `<img onerror=...>` text). Every other
  // element not listed above (svg, math, object, form...) is unwrapped: its text stays, and so
  // does the Markdown after it when the author left it unclosed.
  strip: [
    'script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'iframe', 'frame',
    'textarea', 'xmp', 'plaintext', 'title', 'select', 'option', 'datalist', 'head', 'meta', 'link', 'base',
  ],
  allowComments: false,
  allowDoctypes: false,
}
