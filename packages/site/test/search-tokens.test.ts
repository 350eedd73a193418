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

  it('splits text as Intl.Segmenter does in scripts with spaces, and uses it where words run together', () => {
    const text = "The attacker's model (ML02:2023) reached 97.5% accuracy on 1,000 or 2;3 queries; l'attaque « empoisonnée » — état-of-the-art, naïve, e-mail, x_train, v2.1"
    const segmented = [...new Intl.Segmenter('en', {granularity: 'word'}).segment(text)].filter((piece) => piece.isWordLike).map((piece) => piece.segment)
    expect(searchTokens(text, 'en')).toEqual(segmented)
    expect(searchTokens('การโจมตีโมเดล', 'th')).toEqual([...new Intl.Segmenter('th', {granularity: 'word'}).segment('การโจมตีโมเดล')].filter((piece) => piece.isWordLike).map((piece) => piece.segment))
  })

  it('asks for every term only in Chinese and Japanese queries', () => {
    expect(needsEveryTerm('投毒')).toBe(true)
    expect(needsEveryTerm('data poisoning')).toBe(false)
  })
})
