/**
 * Finding the forbidden variants of a locale's terms in text. Pure functions over strings: the
 * Markdown side (what is prose, where a line starts) is in `check-terms.ts`.
 *
 * How a variant matches depends on its script:
 * - Chinese and Japanese (any Han, Hiragana or Katakana character): as a substring, because these
 *   scripts put no spaces between words. A match inside an approved longer term (ja 敵対的訓練, where
 *   訓練 alone is forbidden) does not count: see `masks`.
 * - Arabic: as a word, which may carry the conjunctions و and ف, the prepositions ب, ل and ك, the
 *   article ال (and لل for ل + ال) in front and an attached pronoun (ـه، ـها، ـهم ...) behind;
 *   short vowels, shadda and tatweel are ignored in the text. A variant written with ال matches
 *   with or without it, and every later word of a phrase may carry ال (`دفتر ملاحظات` matches
 *   `دفتر الملاحظات`). Other inflections (dual, broken plurals) are variants of their own.
 * - Every other script: as whole words, case-insensitively (`coste` matches `Coste`, not `costes`).
 * In every script a space in a variant matches any run of white space, line breaks included.
 */

/** How a variant is matched, from the script it is written in. */
export type VariantScript = 'cjk' | 'arabic' | 'word'

/** One term of a termbase, as the matcher needs it. */
export interface MatcherTerm {
  /** The English term. */
  readonly term: string
  /** Its one approved translation. */
  readonly translation: string
  /** Strings a page must not use for it. */
  readonly forbidden: readonly string[]
  /** Approved longer phrases in which a forbidden variant is fine. */
  readonly allowedIn: readonly string[]
}

/** A forbidden variant, ready to search text with. */
export interface VariantMatcher {
  readonly term: string
  readonly translation: string
  readonly variant: string
  readonly script: VariantScript
  /** Finds the variant (global, sticky-free). */
  readonly pattern: RegExp
  /** Find the approved longer terms that contain the variant: a match inside one of them does not count. */
  readonly masks: readonly RegExp[]
}

/** A forbidden variant found in text. */
export interface VariantMatch {
  readonly term: string
  readonly translation: string
  readonly variant: string
  /** The text as found (its case, its Arabic prefixes). */
  readonly found: string
  /** UTF-16 offsets of the match in the text. */
  readonly start: number
  readonly end: number
}

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u
const arabic = /\p{Script=Arabic}/u
// Harakat, shadda, sukun, superscript alef, Quranic marks and tatweel: written or not, the word is the same.
const arabicMarks = '[\\u0610-\\u061A\\u064B-\\u065F\\u0670\\u06D6-\\u06ED\\u0640]*'
const arabicPrefix = '(?:[وف]?(?:[بكل]?ال|لل|[بكل])?)'
const arabicSuffix = '(?:ه|ها|هم|هما|هن|ك|كم|كما|كن|نا|ي)?'
const wordBefore = '(?<![\\p{L}\\p{M}\\p{N}_])'
const wordAfter = '(?![\\p{L}\\p{M}\\p{N}_])'

/**
 * The script mode a variant is matched in.
 *
 * @param variant A forbidden variant.
 */
export function variantScript(variant: string): VariantScript {
  return cjk.test(variant) ? 'cjk' : arabic.test(variant) ? 'arabic' : 'word'
}

function escape(text: string): string {
  // Only syntax characters: in a `u` pattern, escaping anything else (such as `-`) is an error.
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/** The body of a pattern: each character escaped, white space as any white space. */
function body(text: string, between = ''): string {
  return text
    .trim()
    .split(/\s+/)
    .map((word) => [...word].map(escape).join(between))
    .join(`${between}\\s+`)
}

/**
 * A regular expression that finds a string as `script` says (see the module's comment).
 *
 * @param text The variant, or an approved phrase that contains one.
 * @param script How to match it.
 */
export function patternFor(text: string, script: VariantScript): RegExp {
  const normalized = text.normalize('NFC')
  switch (script) {
    case 'cjk':
      return new RegExp(body(normalized), 'giu')
    case 'arabic': {
      // Every later word may carry the article: `دفتر ملاحظات` also matches `دفتر الملاحظات`.
      const words = normalized.trim().split(/\s+/).map((word) => [...word.replace(/^ال/, '')].map(escape).join(arabicMarks))
      return new RegExp(`${wordBefore}${arabicPrefix}${arabicMarks}${words.join(`${arabicMarks}\\s+(?:ال)?${arabicMarks}`)}${arabicMarks}${arabicSuffix}${arabicMarks}${wordAfter}`, 'gu')
    }
    case 'word':
      return new RegExp(`${wordBefore}${body(normalized)}${wordAfter}`, 'giu')
  }
}

/**
 * The parts of a translation that are approved terms on their own: `学習、学習させる` approves
 * both, `alerta / generar una alerta` both, `puerta trasera (backdoor)` also `puerta trasera`.
 *
 * @param translation A term's translation.
 */
export function approvedForms(translation: string): string[] {
  const forms = new Set<string>([translation.trim()])
  for (const part of translation.split(/\s*(?:[/、；;]|,\s)\s*/)) {
    const trimmed = part.trim()
    if (trimmed === '') continue
    forms.add(trimmed)
    const bare = trimmed.replace(/\s*[(（][^)）]*[)）]$/, '').trim()
    if (bare !== '') forms.add(bare)
  }
  return [...forms]
}

/**
 * Whether a pattern from `patternFor` matches the whole of a text.
 *
 * @param pattern The pattern.
 * @param text A phrase.
 */
export function matchesWhole(pattern: RegExp, text: string): boolean {
  const normalized = text.normalize('NFC').trim()
  return [...normalized.matchAll(pattern)].some((match) => match.index === 0 && match[0].length === normalized.length)
}

/**
 * Whether a pattern from `patternFor` matches somewhere in a text.
 *
 * @param pattern The pattern.
 * @param text A phrase.
 */
export function matchesIn(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0
  const found = pattern.test(text.normalize('NFC'))
  pattern.lastIndex = 0
  return found
}

/**
 * Compiles the forbidden variants of a termbase. Each variant's masks are the approved terms
 * (every term's translation and the term's own `allowedIn`) that contain it and are longer
 * than it.
 *
 * @param terms The termbase's terms.
 */
export function compileVariants(terms: readonly MatcherTerm[]): VariantMatcher[] {
  const approved = terms.flatMap((term) => approvedForms(term.translation))
  const matchers: VariantMatcher[] = []
  for (const term of terms) {
    for (const variant of term.forbidden) {
      const script = variantScript(variant)
      const pattern = patternFor(variant, script)
      const containing = [...approved, ...term.allowedIn].filter((phrase) => matchesIn(pattern, phrase) && !matchesWhole(pattern, phrase))
      matchers.push({term: term.term, translation: term.translation, variant, script, pattern, masks: [...new Set(containing)].map((phrase) => patternFor(phrase, script))})
    }
  }
  return matchers
}

/**
 * Finds every forbidden variant in a text, outside the ranges `skip` names (code, URLs) and
 * outside approved longer terms. Overlapping variants of different terms are all reported.
 *
 * @param text The text, such as a whole Markdown file.
 * @param matchers From `compileVariants`.
 * @param skip Ranges of the text that are not prose, as `[start, end)` UTF-16 offsets.
 */
export function findVariants(text: string, matchers: readonly VariantMatcher[], skip: readonly (readonly [number, number])[] = []): VariantMatch[] {
  const matches: VariantMatch[] = []
  const inside = (ranges: readonly (readonly [number, number])[], start: number, end: number) => ranges.some(([from, to]) => from <= start && end <= to)
  const overlaps = (start: number, end: number) => skip.some(([from, to]) => start < to && from < end)
  for (const matcher of matchers) {
    let masked: [number, number][] | undefined
    for (const match of text.matchAll(matcher.pattern)) {
      const start = match.index
      const end = start + match[0].length
      if (overlaps(start, end)) continue
      masked ??= matcher.masks.flatMap((mask) => [...text.matchAll(mask)].map((found): [number, number] => [found.index, found.index + found[0].length]))
      if (inside(masked, start, end)) continue
      matches.push({term: matcher.term, translation: matcher.translation, variant: matcher.variant, found: match[0], start, end})
    }
  }
  return matches.sort((a, b) => a.start - b.start || a.end - b.end)
}
