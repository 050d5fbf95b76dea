import { randomBytes } from 'node:crypto'

/**
 * Real image URLs (`http://mmbiz.qpic.cn/sz_mmbiz_png/<55 characters>/0?wx_fmt=png&from=appmsg`,
 * `&amp;` once in HTML) are about 125 characters. Until a picture is uploaded its URL is unknown,
 * so the article is rendered and measured with a stand-in this long: what fits with stand-ins
 * fits with the real URLs.
 */
export const standInLength = 195

const suffix = '/0?wx_fmt=png'

/**
 * Stand-in image URLs for one run, one per picture (by source hash), so an article is rendered
 * once: after the uploads, each stand-in in the HTML is replaced by its picture's real URL. Every
 * article of the run gets stand-ins, even for pictures uploaded before, so its final HTML is made
 * the same way on every run (and "unchanged" means unchanged). A random part per run keeps the
 * author's own text from ever matching one.
 */
export function createStandIns() {
  const prefix = `https://mmbiz.qpic.cn/mmbiz_png/mdwx${randomBytes(6).toString('hex')}`
  const padding = 'x'.repeat(standInLength - prefix.length - 64 - suffix.length)
  const pattern = new RegExp(`${prefix.replaceAll('.', '\\.')}([0-9a-f]{64})x*${suffix.replace('?', '\\?')}`, 'g')

  return {
    /** The stand-in for the picture whose source bytes hash to `sourceHash` (SHA-256, hex). */
    urlOf(sourceHash: string): string {
      return `${prefix}${sourceHash}${padding}${suffix}`
    },

    /**
     * `html` with every stand-in replaced by its picture's URL, escaped for a double-quoted
     * attribute. Undefined when a URL is missing, is not http(s), or is longer than its stand-in
     * (the limits were checked with the stand-in): the caller renders the article again instead.
     */
    replace(html: string, urlOf: (sourceHash: string) => string | undefined): string | undefined {
      let usable = true
      const replaced = html.replace(pattern, (_, sourceHash: string) => {
        const url = urlOf(sourceHash)
        const escaped = url === undefined ? '' : escapeAttribute(url)
        if (url === undefined || !/^https?:\/\//i.test(url) || escaped.length > standInLength) usable = false
        return escaped
      })
      return usable ? replaced : undefined
    },

    /**
     * `html` with every stand-in replaced by the URL `urlOf` gives (any URL: a local file, a
     * preview server's), escaped for a double-quoted attribute; a stand-in without one stays.
     * For the commands that measure as publish does and show the article from elsewhere.
     */
    substitute(html: string, urlOf: (sourceHash: string) => string | undefined): string {
      return html.replace(pattern, (standIn, sourceHash: string) => {
        const url = urlOf(sourceHash)
        return url === undefined ? standIn : escapeAttribute(url)
      })
    },
  }
}

export type StandIns = ReturnType<typeof createStandIns>

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;')
}
