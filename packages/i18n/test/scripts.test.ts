import {describe, expect, it} from 'vitest'
import {scriptDirection, scriptOf} from '../src/index.js'

describe('scriptDirection', () => {
  it.each([
    ['ar', 'rtl'],
    ['he', 'rtl'],
    ['fa', 'rtl'],
    ['ur', 'rtl'],
    ['dv', 'rtl'],
    ['uz-Arab', 'rtl'],
    ['es', 'ltr'],
    ['ja', 'ltr'],
    ['zh-Hant', 'ltr'],
    ['ku', 'ltr']
  ])('gives %s the direction %s', (code, direction) => {
    expect(scriptDirection(code)).toBe(direction)
  })
})

describe('scriptOf', () => {
  it.each([
    ['en', 'Latn'],
    ['ja', 'Jpan'],
    ['ar', 'Arab'],
    ['zh-Hant', 'Hant'],
    ['sr-Latn', 'Latn']
  ])('gives %s the script %s', (code, script) => {
    expect(scriptOf(code)).toBe(script)
  })
})
