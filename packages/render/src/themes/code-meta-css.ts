import type { LineMark } from '../code/line-marks.js'

/**
 * The tint behind a marked line (`{1,3-5}`), an added one and a removed one, for code blocks on a
 * light background and on a dark one. Light, low-saturation tints of yellow, green and red on
 * light blocks; the same hues mixed at about a fifth into a dark block's grey on dark ones. Opaque
 * colours rather than translucent ones: the app's dark mode recolours an opaque background
 * predictably (a light tint becomes a dark one of the same hue, the text lightened against it),
 * and `#f7ecbe` is 12 characters shorter per line than `rgba(255,200,0,.16)`.
 */
const tints: Readonly<Record<'light' | 'dark', Readonly<Record<LineMark, string>>>> = {
  light: { mark: '#f7ecbe', ins: '#e2f4e4', del: '#f9e3e3' },
  dark: { mark: '#524d44', ins: '#414d43', del: '#503a42' },
}

export interface CodeMetaLook {
  /** The theme's vertical margin of code blocks (`1em`): a caption takes it above, the block keeps it below. */
  margin: string
  /** Declarations of the caption above a block besides its margin: padding, colours, size. */
  title: string
  /** Declarations of a block right below its caption besides its margin (its top corners). */
  titled?: string
  /** Whether the theme's code blocks are dark, which picks the line tints. */
  dark: boolean
}

/**
 * The rules of a theme for what fences' meta adds (remark-weixin-code-meta): the caption above a
 * block (`.mdwx-code-title`, a `p`, or a `section` in a list item), sitting on top of the block
 * (one `margin` each, shorter than a `margin` and a `margin-top`), and the marked lines
 * (`.mdwx-code-mark`, `.mdwx-code-ins`, `.mdwx-code-del`), each a block across the code's width.
 * Selectors name their tags so the highlighter can still tell which token classes a theme styles
 * (highlight/styled-classes.ts).
 */
export function codeMetaCss(look: CodeMetaLook): string {
  const palette = tints[look.dark ? 'dark' : 'light']
  const lines = (Object.entries(palette) as Array<[LineMark, string]>).map(
    ([kind, tint]) => `span.mdwx-code-${kind} { display: block; background: ${tint}; }`,
  )
  return `
p.mdwx-code-title, section.mdwx-code-title { margin: ${look.margin} 0 0; ${look.title} }
p.mdwx-code-title + pre, section.mdwx-code-title + pre { margin: 0 0 ${look.margin};${look.titled ? ` ${look.titled}` : ''} }
${lines.join('\n')}
`
}
