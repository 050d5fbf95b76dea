import { describe, expect, it } from 'vitest'
import { InvalidOptionError, MdwxError, expectOneOf, expectOption, expectPositiveInteger, isMdwxError } from '@mdwx/errors'

describe('@mdwx/errors', () => {
  it('MdwxError carries a stable code, a hint and a cause, and serialises without a stack', () => {
    const cause = new Error('low level')
    const error = new MdwxError('MDWX_EXAMPLE', 'Something failed', { hint: 'Do this instead', cause })
    expect(error.code).toBe('MDWX_EXAMPLE')
    expect(error.hint).toBe('Do this instead')
    expect(error.cause).toBe(cause)
    expect(error.name).toBe('MdwxError')
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'MdwxError',
      code: 'MDWX_EXAMPLE',
      message: 'Something failed',
      hint: 'Do this instead',
    })
  })

  it('isMdwxError matches on code, not on class identity', () => {
    const foreign = Object.assign(new Error('x'), { code: 'MDWX_IMAGE_DECODE' })
    expect(isMdwxError(foreign)).toBe(true)
    expect(isMdwxError(foreign, 'MDWX_IMAGE_DECODE')).toBe(true)
    expect(isMdwxError(foreign, 'MDWX_WEIXIN_API')).toBe(false)
    expect(isMdwxError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false)
    expect(isMdwxError('MDWX_X')).toBe(false)
  })

  it('option checks say what was expected, for which option, and what came', () => {
    expect(() => expectOption(false, 'a boolean', 'comments', 'yes')).toThrowError(
      'Expected a boolean for comments, got "yes"',
    )
    expect(() => expectPositiveInteger(0, 'concurrency')).toThrowError('Expected a positive integer for concurrency, got 0')
    expect(() => expectOneOf('both', ['news', 'draft'], 'target')).toThrowError(
      "Expected one of 'news', 'draft' for target, got \"both\"",
    )
    try {
      expectPositiveInteger(1.5, 'retries')
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidOptionError)
      expect((error as InvalidOptionError).code).toBe('MDWX_INVALID_OPTION')
      expect((error as InvalidOptionError).option).toBe('retries')
    }
    expect(() => expectPositiveInteger(3, 'retries')).not.toThrow()
  })
})
