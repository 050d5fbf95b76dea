import type { CalloutKind } from '../callouts/callout.js'

/**
 * Each callout kind's colour: its border and title, and the light tint behind it. GitHub's alert
 * palette, which writers recognise. The tint is light and the colours mid-dark, so that the app's
 * dark mode, which darkens light backgrounds and lightens dark text, keeps them apart.
 */
const palette: Readonly<Record<CalloutKind, { colour: string; tint: string }>> = {
  note: { colour: '#0969da', tint: '#eef5ff' },
  tip: { colour: '#1a7f37', tint: '#eefaf1' },
  info: { colour: '#3e6d8e', tint: '#f0f5f9' },
  important: { colour: '#8250df', tint: '#f5f0ff' },
  warning: { colour: '#9a6700', tint: '#fff8e6' },
  caution: { colour: '#cf222e', tint: '#fff0f0' },
  danger: { colour: '#cf222e', tint: '#fff0f0' },
  details: { colour: '#57606a', tint: '#f6f8fa' },
  neutral: { colour: '#8c959f', tint: '#f6f8fa' },
}

export interface CalloutLook {
  /** Declarations of every callout's box, before its colour (margin, padding, radius...). */
  box: string
  /** Width of the left border, e.g. `4px`. */
  border: string
  /** Whether the box is tinted in its kind's colour. */
  tinted: boolean
  /** Declarations of the title line besides its colour. */
  title: string
  /** Declarations of the paragraphs inside. */
  paragraph: string
}

/**
 * The callout rules of a theme, from its look: the selectors custom themes can style too
 * (`.mdwx-callout`, `.mdwx-callout-<kind>`, `.mdwx-callout-title`), documented in the README.
 */
export function calloutCss(look: CalloutLook): string {
  const kinds = Object.entries(palette).map(([kind, { colour, tint }]) => {
    const box = `border-left: ${look.border} solid ${colour};${look.tinted ? ` background: ${tint};` : ''}`
    // `>`: a callout inside another keeps its own title colour. Tags named (`p`), so the
    // highlighter still knows which token classes a theme styles (highlight/styled-classes.ts).
    return `.mdwx-callout-${kind} { ${box} }\n.mdwx-callout-${kind} > p.mdwx-callout-title { color: ${colour}; }`
  })
  return `
.mdwx-callout { ${look.box} }
.mdwx-callout p { ${look.paragraph} }
.mdwx-callout > p.mdwx-callout-title { ${look.title} }
${kinds.join('\n')}
`
}
