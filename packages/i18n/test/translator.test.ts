import {describe, expect, it} from 'vitest'
import {MlTop10Error} from '@mltop10/core'
import * as i18n from '../src/index.js'

describe('public API', () => {
  it('exposes exactly the documented names', () => {
    expect(Object.keys(i18n).sort()).toEqual(['checkLocaleCode', 'createTranslator', 'englishStrings', 'loadLocales', 'scriptDirection', 'scriptOf', 'sourceLanguage'])
  })
})

describe('createTranslator', () => {
  const en = i18n.createTranslator()

  it('returns English strings with interpolation', () => {
    expect(en.t('risk.scenario', {number: 2, title: 'Crafted traffic'})).toBe('Scenario 2: Crafted traffic')
  })

  it('chooses plural forms by count', () => {
    expect(en.t('search.results', {count: 1, query: 'x'})).toBe('1 result for “x”')
    expect(en.t('search.results', {count: 3, query: 'x'})).toBe('3 results for “x”')
  })

  it('gives the raw template of each plural category for browser scripts', () => {
    expect(en.plurals('search.results')).toEqual({one: '{{count}} result for “{{query}}”', other: '{{count}} results for “{{query}}”'})
    expect(() => en.plurals('search.nope')).toThrow('Missing UI string `search.nope`')
  })

  it('gives the raw template of a key for text filled in later', () => {
    expect(en.template('pdf.footer')).toBe('Page {{page}} of {{total}}')
  })

  it('throws a clear error for a missing key', () => {
    expect(() => en.t('site.nope')).toThrow(MlTop10Error)
    expect(() => en.t('site.nope')).toThrow('Missing UI string `site.nope` for locale `en`')
  })

  it('keeps instances apart and falls back to English per key', () => {
    const es = i18n.createTranslator({locale: 'es', resources: {es: {site: {home: 'Inicio'}}}})
    expect(es.t('site.home')).toBe('Inicio')
    expect(es.t('site.previous')).toBe('Previous')
    expect(en.t('site.home')).toBe('Home')
  })
})
