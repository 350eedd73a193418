/**
 * Splits text into search terms, the same way when the index is built and
 * when the reader's query is run in the browser (the site serves this very
 * function as `assets/search-tokens.js`, so it must use nothing from outside).
 *
 * Runs of Chinese and Japanese script have no spaces and dictionary
 * segmentation breaks words it does not know (`ポイズニング` into five parts),
 * so they become overlapping pairs of characters: `モデルポイズニング` holds
 * `ポイ`, `イズ`, ... and a query for `ポイズニング` matches it when all its
 * pairs are there. Scripts written without spaces between words (Thai, Lao,
 * Khmer, Myanmar) are split by `Intl.Segmenter` for the locale, one per locale
 * kept on the function; every other script (Latin, Arabic, Cyrillic...) at
 * the spaces and punctuation between letters and digits, which gives the same
 * words and is many times faster over a whole site.
 *
 * @param text Text of the index or of a query.
 * @param locale BCP 47 code of the language.
 */
export function searchTokens(text: string, locale: string): string[] {
  const tokens: string[] = []
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\u3005]+/gu
  const unspaced = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u
  const word = /[\p{L}\p{M}\p{N}_]+(?:(?:['’.]|(?<=\p{N})[,;](?=\p{N}))[\p{L}\p{M}\p{N}_]+)*/gu
  const cache = searchTokens as typeof searchTokens & {segmenters?: Map<string, Intl.Segmenter>}
  let last = 0
  const words = (part: string) => {
    if (!unspaced.test(part)) {
      for (const match of part.matchAll(word)) tokens.push(match[0])
      return
    }
    cache.segmenters ??= new Map()
    let segmenter = cache.segmenters.get(locale)
    if (!segmenter) cache.segmenters.set(locale, (segmenter = new Intl.Segmenter(locale, {granularity: 'word'})))
    for (const piece of segmenter.segment(part)) {
      if (piece.isWordLike) tokens.push(piece.segment)
    }
  }
  for (const match of text.matchAll(cjk)) {
    words(text.slice(last, match.index))
    const run = [...match[0]]
    if (run.length === 1) tokens.push(run[0]!)
    for (let index = 0; index + 1 < run.length; index++) tokens.push(run[index]! + run[index + 1]!)
    last = match.index + match[0].length
  }
  words(text.slice(last))
  return tokens
}

/** Whether a query holds Chinese or Japanese script: its pairs of characters must then all match. */
export function needsEveryTerm(query: string): boolean {
  return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(query)
}
