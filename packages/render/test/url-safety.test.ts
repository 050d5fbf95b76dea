import { classifyUrl, isSafeImageUrl, isSafeLinkUrl } from '@mdwx/render'
import { describe, expect, it } from 'vitest'

describe('classifyUrl', () => {
  it.each([
    ['https://example.com/a', 'web'],
    ['HTTP://EXAMPLE.COM', 'web'],
    ['//cdn.example.com/x.png', 'web'],
    ['mailto:a@b.org', 'mailto'],
    ['#section', 'anchor'],
    ['./a.md', 'relative'],
    ['/root/b.png', 'relative'],
    ['images/a:b.png', 'relative'],
    ['?q=1', 'relative'],
    ['data:image/png;base64,iVBORw0KGgo=', 'data-image'],
    ['DATA:IMAGE/JPEG;base64,/9j/', 'data-image'],
    ['data:image/svg+xml;base64,PHN2Zz4=', 'data-image'],
  ] as const)('%s is %s', (url, kind) => {
    expect(classifyUrl(url)).toBe(kind)
  })

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    '\u0001javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'jav\r\nascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'data:,alert(1)',
    'file:///etc/passwd',
    'javascript\u200b:alert(1)',
  ])('%j is unsafe', (url) => {
    expect(classifyUrl(url)).toBe('unsafe')
    expect(isSafeLinkUrl(url)).toBe(false)
    expect(isSafeImageUrl(url)).toBe(false)
  })

  it('sees undecoded character references as text: the HTML and Markdown parsers decode them first', () => {
    // `&#106;` here is literally `&`, `#`...: a relative URL with a fragment, written out escaped.
    expect(classifyUrl('&#106;avascript:alert(1)')).toBe('relative')
  })

  it('allows data: URIs for images only', () => {
    expect(isSafeImageUrl('data:image/gif;base64,R0lGOD')).toBe(true)
    expect(isSafeLinkUrl('data:image/gif;base64,R0lGOD')).toBe(false)
  })

  it('does not allow mailto: or in-page anchors as images', () => {
    expect(isSafeImageUrl('mailto:a@b.org')).toBe(false)
    expect(isSafeImageUrl('#top')).toBe(false)
  })
})
