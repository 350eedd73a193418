import {describe, expect, it} from 'vitest'
import * as core from '../src/index.js'

describe('public API', () => {
  it('exposes exactly the documented names', () => {
    expect(Object.keys(core).sort()).toEqual([
      'MlTop10Error',
      'artifactNames',
      'assembleEdition',
      'atlasMitigations',
      'atlasTechniques',
      'changelogPage',
      'checkInsideTree',
      'compareVersions',
      'countErrors',
      'createLoadCache',
      'cweWeaknesses',
      'exitCodes',
      'formatReport',
      'hashSource',
      'identityIn',
      'isVersion',
      'licenses',
      'llmTop10',
      'loadCached',
      'loadDataFile',
      'loadEdition',
      'loadReleases',
      'loadSiteConfig',
      'loadTranslation',
      'mappingCatalogues',
      'mappingFields',
      'nistAmlAttacks',
      'normalizeSource',
      'pageStates',
      'parseDocumentLink',
      'recordRelease',
      'releaseTexts',
      'releasesFile',
      'report',
      'requiredPages',
      'riskSectionSpec',
      'scoreFactors',
      'scoreLevel',
      'semverPattern',
      'sourceEdition',
      'sourceLocale',
      'warn'
    ])
  })
})

describe('compareVersions', () => {
  it('orders pre-releases by semver precedence, numbers as numbers', () => {
    expect(['1.0.0', '1.0.0-rc.10', '0.3.0', '1.0.0-rc.2', '1.1.0'].sort(core.compareVersions)).toEqual(['0.3.0', '1.0.0-rc.2', '1.0.0-rc.10', '1.0.0', '1.1.0'])
  })

  it.each(['1.0', 'v1.0.0', '01.0.0', '1.0.0+build', ''])('does not take %j as a version', (text) => {
    expect(core.isVersion(text)).toBe(false)
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

describe('normalizeSource and hashSource', () => {
  it('hash a file the same whatever its BOM and line endings, as translations record it', () => {
    expect(core.normalizeSource('\uFEFFa\r\nb\rc\n')).toBe('a\nb\nc\n')
    expect(core.hashSource(core.normalizeSource('\uFEFFa\r\nb\n'))).toBe(core.hashSource('a\nb\n'))
    expect(core.hashSource('a\nb\n')).toMatch(/^[\da-f]{64}$/)
  })
})
