/**
 * Splits text into search terms, the same way when the index is built and
 * when the reader's query is run in the browser (the site serves this very
 * function as `assets/search-tokens.js`, so it must use nothing from outside).
 *
 * Runs of Chinese and Japanese script have no spaces and dictionary
 * segmentation breaks words it does not know (`ポイズニング` into five parts),
 * so they become overlapping pairs of characters: `モデルポイズニング` holds
 * `ポイ`, `イズ`, ... and a query for `ポイズニング` matches it when all its
 * pairs are there. Other scripts are split into words by `Intl.Segmenter` for
 * the locale (Arabic, Latin, Cyrillic...).
 *
 * @param text Text of the index or of a query.
 * @param locale BCP 47 code of the language.
 */
export function searchTokens(text: string, locale: string): string[] {
  const tokens: string[] = []
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\u3005]+/gu
  let last = 0
  const words = (part: string) => {
    for (const piece of new Intl.Segmenter(locale, {granularity: 'word'}).segment(part)) {
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
