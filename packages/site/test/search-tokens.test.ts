import {describe, expect, it} from 'vitest'
import {needsEveryTerm, searchTokens} from '../src/search-tokens.js'

describe('search terms', () => {
  it('splits Chinese and Japanese runs into overlapping pairs, so a word inside a longer one is found', () => {
    expect(searchTokens('モデルポイズニング', 'ja')).toEqual(['モデ', 'デル', 'ルポ', 'ポイ', 'イズ', 'ズニ', 'ニン', 'ング'])
    expect(searchTokens('ポイズニング', 'ja').every((term) => searchTokens('モデルポイズニング攻撃', 'ja').includes(term))).toBe(true)
    expect(searchTokens('数据投毒', 'zh-Hans')).toEqual(['数据', '据投', '投毒'])
    expect(searchTokens('毒', 'zh-Hans')).toEqual(['毒'])
  })

  it('splits other scripts into words, mixed runs included', () => {
    expect(searchTokens('هجوم التسميم على النموذج', 'ar')).toEqual(['هجوم', 'التسميم', 'على', 'النموذج'])
    expect(searchTokens('envenenamiento de datos', 'es')).toEqual(['envenenamiento', 'de', 'datos'])
    expect(searchTokens('ML02 数据投毒 (data poisoning)', 'zh-Hans')).toEqual(['ML02', '数据', '据投', '投毒', 'data', 'poisoning'])
  })

  it('asks for every term only in Chinese and Japanese queries', () => {
    expect(needsEveryTerm('投毒')).toBe(true)
    expect(needsEveryTerm('data poisoning')).toBe(false)
  })
})
