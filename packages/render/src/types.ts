import type { Position } from 'unist'
import type { VFile } from 'vfile'

/** The article fields mdwx derives from front matter and the document (DESIGN.md "Front matter"). */
export interface ArticleMeta {
  title: string
  author?: string
  digest?: string
  /** `source_url` (`canonical`, `original_url`): Weixin's "read more" link. */
  sourceUrl?: string
  /** `cover` (`image`, `thumbnail`, `banner`) as written: a path or URL, resolved by the caller. */
  cover?: string
  /** Front matter `pic_crop_235_1`: the part of the cover the feed shows, `x1_y1_x2_y2` in fractions (validated). */
  coverCrop235?: string
  /** Front matter `pic_crop_1_1`: the part of the cover a share card shows. */
  coverCrop11?: string
  comments: boolean
  fansOnlyComments: boolean
  showCover: boolean
  /** True when front matter says `draft: true` or `publish: false`: publishers skip the file. */
  skip: boolean
  /** Front matter `math`: `false` keeps the article's formulas as the text written. Absent when not written. */
  math?: boolean
  /** Front matter `mermaid`: `false` keeps the article's Mermaid diagrams as code. Absent when not written. */
  mermaid?: boolean
}

/** One image of an article, Markdown `![]()` or raw `<img>`, in document order. */
export interface ImageRef {
  /** The source as written (entities decoded): a relative path, an absolute path, a URL or a data URI. */
  src: string
  alt: string
  title?: string
  /** Where it was written in the Markdown (1-based), when known. */
  position?: { line: number; column: number }
  /** 0-based order among the article's images. */
  index: number
  syntax: 'markdown' | 'html'
  /** A picture mdwx drew: a formula (`math: 'image'`) or a Mermaid diagram. A formula is never a cover. */
  drawn?: 'formula' | 'diagram'
}

/**
 * Turns an image reference into the URL the HTML should carry (an uploaded mmbiz URL, an asset
 * path for an offline preview...). Throwing marks the article as not publishable: the message
 * names the image and its position. An error's `hint` property, when present, is shown too.
 */
export type ImageResolver = (ref: ImageRef, file: VFile) => Promise<string> | string

/** The article fields whose length Weixin limits, with the place each was written. */
export type ArticleField = 'title' | 'author' | 'digest'

declare module 'vfile' {
  interface DataMap {
    /** The front matter as parsed, before validation. */
    frontmatter: Record<string, unknown>
    /** The article fields, filled by remark-weixin-frontmatter and remark-weixin-title. */
    article: ArticleMeta
    /** Where each article field was written (a front matter key, the title heading), for messages. */
    articlePlaces: Partial<Record<ArticleField, Position>>
    /** Every image, filled by rehype-weixin-images. */
    images: ImageRef[]
    /**
     * How many footnotes rehype-weixin-footnotes numbered: the link references that follow the
     * notes at the end continue from there, so every `[n]` in an article names one entry.
     */
    notesCount: number
    /**
     * The formulas `math: 'auto'` draws as pictures, by their place among the article's formulas
     * (0-based, in document order, as rehype-weixin-math counts them): chosen by renderMarkdown
     * when the article is over Weixin's limit with SVG formulas.
     */
    formulaPictures: ReadonlySet<number>
    /** The content's length as rehype-weixin-limits measured it, and the limits it measured against. */
    contentLength: { characters: number; bytes: number; maxCharacters: number; maxBytes: number }
  }
}

declare module 'hast' {
  interface ElementData {
    /** Set by rehype-weixin-raw on elements parsed from the author's raw HTML. */
    fromRawHtml?: boolean
    /** Names a section mdwx generates (the notes, the references), for messages about size. */
    articlePart?: string
    /**
     * Set by rehype-weixin-math and rehype-weixin-mermaid on what they draw: the limit report
     * names a heavy formula or diagram by its source, and offers formulas as pictures.
     */
    heavyPart?: {
      kind: 'formula' | 'diagram'
      source: string
      /** A formula's place among the article's formulas (see `formulaPictures`). */
      formula?: number
    }
    /**
     * Set by rehype-weixin-mermaid and rehype-weixin-math (as pictures) on the `<img>` of a drawing:
     * the code it was drawn from, and the element that took the code's place (the `<img>` or the
     * block around it). rehype-weixin-images puts the code back when the picture cannot be made.
     */
    drawnFrom?: { code: Element; placed: Element }
  }
}
