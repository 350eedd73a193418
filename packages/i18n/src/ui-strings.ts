import {existsSync} from 'node:fs'
import {dirname} from 'node:path'
import {VFile} from 'vfile'
import {z} from 'zod'
import {loadDataFile, report, warn} from '@mltop10/core'
import type {UiStrings} from './translator.js'

const pluralSuffix = /_(zero|one|two|few|many|other)$/

/** Flattens nested strings to dotted keys. */
function flatten(strings: unknown, prefix: string[] = [], into = new Map<string, {value: unknown; path: string[]}>()): Map<string, {value: unknown; path: string[]}> {
  if (strings && typeof strings === 'object' && !Array.isArray(strings)) {
    for (const [key, value] of Object.entries(strings)) flatten(value, [...prefix, key], into)
  } else {
    into.set(prefix.join('.'), {value: strings, path: prefix})
  }
  return into
}

/** Plural categories a locale uses for counts a reader meets (0 to 1000). */
function pluralCategories(locale: string): Set<string> {
  const rules = new Intl.PluralRules(locale)
  const categories = new Set<string>(['other'])
  for (let count = 0; count <= 1000; count++) categories.add(rules.select(count))
  return categories
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([\w.]+)/g)].map((match) => match[1]!))].sort()
}

/**
 * What in a translated string i18next would run rather than show: nesting
 * (`$t(key, options)`, which pulls in another string and can set its values) and
 * placeholders other than a bare `{{name}}` (formats, unescaping, options).
 */
function codeIn(text: string): string | undefined {
  const nesting = /\$t\([^)]*\)?/.exec(text)
  if (nesting) return nesting[0]
  for (const match of text.matchAll(/\{\{(.*?)\}\}/gs)) if (!/^[\w.]+$/.test(match[1]!)) return match[0]
  return undefined
}

/**
 * The keys a locale must have: English's, with each plural group expanded to
 * the plural categories of the locale.
 */
function expectedKeys(english: UiStrings, locale: string): Map<string, string> {
  const categories = pluralCategories(locale)
  const expected = new Map<string, string>()
  for (const [key, {value}] of flatten(english)) {
    const plural = pluralSuffix.exec(key)
    if (!plural) {
      expected.set(key, String(value))
      continue
    }
    const base = key.slice(0, plural.index)
    const other = String(flatten(english).get(`${base}_other`)?.value ?? value)
    for (const category of categories) expected.set(`${base}_${category}`, other)
  }
  return expected
}

/** Counts of a locale's UI strings against English. */
export interface UiCoverage {
  readonly total: number
  readonly translated: number
  readonly missing: readonly string[]
}

/**
 * Reads a locale's `ui.json` and checks it against the English strings: JSON
 * syntax (with line and column), missing and extra keys (plural forms as the
 * locale needs them), `{{placeholders}}` that differ from English, and i18next
 * code (`$t(...)` nesting, formats and options) where only text belongs.
 *
 * @param path Absolute path of `ui.json`.
 * @param locale The locale's code.
 * @param english The English strings.
 */
export async function loadUiStrings(path: string, locale: string, english: UiStrings): Promise<{strings: UiStrings | undefined; file: VFile; coverage: UiCoverage}> {
  const expected = expectedKeys(english, locale)
  if (!existsSync(path)) {
    const file = new VFile({path})
    report(file, 'The locale has no UI strings file', {line: 1, column: 1}, 'ui-missing-file', 'Copy packages/i18n/strings/en.json to ui.json in the locale folder and translate its values')
    return {strings: undefined, file, coverage: {total: expected.size, translated: 0, missing: [...expected.keys()]}}
  }
  // The locales folder holds the locale's folder: a link leading out of it is refused.
  const {file, data, locate, locateKey} = await loadDataFile(path, z.record(z.string(), z.unknown()), {root: dirname(dirname(path))})
  const empty = {strings: undefined, file, coverage: {total: expected.size, translated: 0, missing: [...expected.keys()]}}
  // Unreadable (not UTF-8, empty, a link out of the folder): already reported.
  if (file.value === undefined) return empty
  const text = String(file.value)
  try {
    JSON.parse(text)
  } catch (error) {
    const position = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? 0)
    const before = text.slice(0, position).split('\n')
    report(file, `Invalid JSON: ${(error as Error).message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '')}`, {line: before.length, column: (before.at(-1)?.length ?? 0) + 1}, 'ui-json-syntax', 'Fix the JSON: double-quoted keys and strings, commas between entries and none after the last')
    return empty
  }
  if (!data) return empty
  const found = flatten(data)
  const missing: string[] = []
  for (const [key, englishValue] of expected) {
    const entry = found.get(key)
    if (!entry) {
      missing.push(key)
      // Untranslated strings fall back to English: a warning, so a new locale publishes at once.
      warn(file, `Missing UI string \`${key}\``, locate(key.split('.').slice(0, -1)), 'ui-missing-key', 'Translate it from packages/i18n/strings/en.json (notes for translators are in en.description.json)')
      continue
    }
    if (typeof entry.value !== 'string' || entry.value.trim() === '') {
      report(file, `UI string \`${key}\` must be non-empty text`, locate(entry.path), 'ui-invalid', 'Write the translation as a JSON string')
      continue
    }
    const code = codeIn(entry.value)
    if (code !== undefined) {
      const shown = code.length > 60 ? `${code.slice(0, 57)}...` : code
      report(file, `UI string \`${key}\` contains \`${shown}\`: translations are text, not i18next code`, locateKey(entry.path), code.startsWith('$t(') ? 'ui-nesting' : 'ui-placeholder', `Write the words out, and use only the placeholders of English, written as they are: ${placeholders(englishValue).map((name) => `{{${name}}}`).join(', ') || 'none'}`)
      continue
    }
    const want = placeholders(englishValue)
    const have = placeholders(entry.value)
    // A plural form may leave out {{count}} where the form itself says the number ("two results").
    const dropped = want.filter((name) => !have.includes(name) && !(name === 'count' && pluralSuffix.test(key)))
    const added = have.filter((name) => !want.includes(name))
    if (dropped.length > 0 || added.length > 0) {
      const parts = [...dropped.map((name) => `drops \`{{${name}}}\``), ...added.map((name) => `adds \`{{${name}}}\``)]
      report(file, `UI string \`${key}\` ${parts.join(' and ')}`, locate(entry.path), 'ui-placeholder', `Keep exactly the placeholders of English: ${want.map((name) => `{{${name}}}`).join(', ') || 'none'}`)
    }
  }
  for (const [key, entry] of found) {
    if (!expected.has(key)) report(file, `UI string \`${key}\` is not in English`, locate(entry.path), 'ui-extra-key', 'Remove it, or fix its name (keys are those of packages/i18n/strings/en.json)')
  }
  return {strings: data as UiStrings, file, coverage: {total: expected.size, translated: expected.size - missing.length, missing}}
}
