import {existsSync} from 'node:fs'
import {dirname} from 'node:path'
import type {VFile} from 'vfile'
import {z} from 'zod'
import {loadDataFile, report} from '@mltop10/core'
import {approvedForms, compileVariants, matchesIn, matchesWhole, patternFor, variantScript, type MatcherTerm, type VariantMatcher} from './term-matcher.js'

const termSchema = z.strictObject({
  translation: z.string().trim().min(1),
  forbidden: z.array(z.string().trim().min(1)).default([]),
  allowedIn: z.array(z.string().trim().min(1)).default([]),
  note: z.string().trim().min(1).optional()
})

const schema = z.strictObject({
  /** How the locale writes: address, punctuation, English terms in parentheses. */
  conventions: z.string().trim().min(1).optional(),
  terms: z.record(z.string().trim().min(1), termSchema)
})

/** A locale's termbase, `locales/<code>/terms.yaml`: one translation per term. */
export interface Termbase {
  /** How the locale writes, for translators. */
  readonly conventions: string | undefined
  /** By English term. */
  readonly terms: ReadonlyMap<string, TermEntry>
  /** The forbidden variants, compiled. */
  readonly variants: readonly VariantMatcher[]
}

/** One term of a termbase. */
export type TermEntry = MatcherTerm & {readonly note: string | undefined}

/** Where the fields of `terms.yaml` are described. */
const fieldsDoc = 'locales/README.md'

/**
 * Reads a locale's `terms.yaml`, when it has one, and checks it: YAML syntax and fields with
 * positions, and forbidden variants that contradict an approved term (the term's own translation
 * containing one, another term's translation being one, an exception that contains none).
 *
 * @param path Absolute path of `terms.yaml`.
 * @returns `undefined` when the locale has no termbase; otherwise its file and, when valid, the termbase.
 */
export async function loadTermbase(path: string): Promise<{file: VFile; termbase: Termbase | undefined} | undefined> {
  if (!existsSync(path)) return undefined
  // The locales folder holds the locale's folder: a link leading out of it is refused.
  const {file, data, locate} = await loadDataFile(path, schema, {root: dirname(dirname(path)), fieldsDoc})
  if (!data) return {file, termbase: undefined}
  const terms = new Map(Object.entries(data.terms).map(([term, entry]): [string, TermEntry] => [term, {term, translation: entry.translation, forbidden: entry.forbidden, allowedIn: entry.allowedIn, note: entry.note}]))
  const before = file.messages.length
  checkVariants(terms, file, locate)
  if (file.messages.length > before) return {file, termbase: undefined}
  return {file, termbase: {conventions: data.conventions, terms, variants: compileVariants([...terms.values()])}}
}

function checkVariants(terms: ReadonlyMap<string, TermEntry>, file: VFile, locate: (path: readonly PropertyKey[]) => import('unist').Point): void {
  const approved = [...terms.values()].flatMap((entry) => approvedForms(entry.translation).map((form) => ({form, term: entry.term})))
  for (const entry of terms.values()) {
    const patterns = entry.forbidden.map((variant) => patternFor(variant, variantScript(variant)))
    entry.forbidden.forEach((variant, index) => {
      const pattern = patterns[index]!
      const place = locate(['terms', entry.term, 'forbidden', index])
      if (matchesIn(pattern, entry.translation)) {
        report(file, `Forbidden variant \`${variant}\` of \`${entry.term}\` is in its own translation \`${entry.translation}\``, place, 'termbase-self-forbidden', 'Remove the variant, or change the translation: a page could not use the approved term without a warning')
        return
      }
      const clash = approved.find(({form, term}) => term !== entry.term && matchesWhole(pattern, form))
      if (clash) {
        report(file, `Forbidden variant \`${variant}\` of \`${entry.term}\` is the approved translation of \`${clash.term}\``, place, 'termbase-variant-approved', `A variant cannot tell the two senses apart: forbid a longer phrase that only the sense of \`${entry.term}\` uses, or remove it`)
      }
    })
    entry.allowedIn.forEach((phrase, index) => {
      if (!patterns.some((pattern) => matchesIn(pattern, phrase))) {
        report(file, `\`allowedIn\` phrase \`${phrase}\` of \`${entry.term}\` contains none of its forbidden variants`, locate(['terms', entry.term, 'allowedIn', index]), 'termbase-allowed-unused', 'An exception is an approved phrase that contains a forbidden variant of the term: fix it, or remove it')
      }
    })
  }
}
