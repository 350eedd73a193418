import {describe, expect, it} from 'vitest'
import * as core from '../src/index.js'

describe('public API', () => {
  it('exposes exactly the documented names', () => {
    expect(Object.keys(core).sort()).toEqual([
      'MlTop10Error',
      'atlasTechniques',
      'countErrors',
      'exitCodes',
      'formatReport',
      'licenses',
      'llmTop10',
      'loadDataFile',
      'loadEdition',
      'loadSiteConfig',
      'loadTranslation',
      'report',
      'requiredPages',
      'riskSectionSpec',
      'scoreFactors',
      'scoreLevel',
      'warn'
    ])
  })
})

describe('scoreLevel', () => {
  it.each([
    [1, 'very-low'],
    [2, 'low'],
    [3, 'moderate'],
    [4, 'high'],
    [5, 'very-high']
  ] as const)('derives %i -> %s by one rule for every factor', (score, level) => {
    expect(core.scoreLevel(score)).toBe(level)
  })

  it('refuses a score outside 1-5', () => {
    expect(() => core.scoreLevel(6 as 5)).toThrow(RangeError)
    expect(() => core.scoreLevel(0 as 1)).toThrow('integer from 1 to 5')
  })
})
