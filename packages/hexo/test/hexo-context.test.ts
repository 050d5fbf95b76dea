import type Hexo from 'hexo'
import { describe, expect, it } from 'vitest'
import type { HexoContext } from '../src/hexo-context.js'

describe('HexoContext', () => {
  it('is what a real Hexo instance is (checked by the type checker: tsc -p tsconfig.test.json)', () => {
    const asContext = (hexo: Hexo): HexoContext => hexo
    expect(typeof asContext).toBe('function')
  })
})
