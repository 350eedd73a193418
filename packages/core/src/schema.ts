import {z} from 'zod'
import {licenses} from './catalogues/licenses.js'
import {describeEmptyMapping, describeUnknownMapping, mappingCatalogues} from './mappings.js'
import type {MappingField} from './types.js'
import {semverPattern} from './versions.js'

const score = z.number().int().min(1).max(5)

const slug = z
  .string()
  .regex(/^[a-z\d]+(?:-[a-z\d]+)*$/, {message: 'must be lower-case words joined by hyphens'})

/**
 * A list of ids from the catalogue of one mappings field. An unknown id and an
 * empty list where one is required are `custom` issues carrying their rule id
 * and hint, so that `parseYamlData` reports them as they are.
 */
function mappingList(field: MappingField) {
  const {catalogue, required} = mappingCatalogues[field]
  const id = z.string().superRefine((value, context) => {
    if (Object.hasOwn(catalogue, value)) return
    const {reason, hint} = describeUnknownMapping(field, value)
    context.addIssue({code: 'custom', message: reason, params: {ruleId: 'unknown-mapping', hint}})
  })
  return z.array(id).superRefine((list, context) => {
    if (!required || list.length > 0) return
    const {reason, hint} = describeEmptyMapping(field)
    context.addIssue({code: 'custom', message: reason, params: {ruleId: 'empty-mapping', hint}})
  })
}

/** How many key controls a risk lists, and the longest one in characters (what fits the summary sheet). */
export const keyControlRules = {count: 3, maxLength: 90} as const

/**
 * The controls that matter most against a risk, as short lines for the one-page
 * summary sheet. Translated with the page, so checked the same way in every language.
 */
const keyControls = z.array(z.string().trim().min(1)).superRefine((list, context) => {
  const {count, maxLength} = keyControlRules
  if (list.length !== count) {
    context.addIssue({code: 'custom', message: `\`keyControls\` lists ${list.length} control${list.length === 1 ? '' : 's'}; it must list exactly ${count}`, params: {ruleId: 'key-controls', hint: `List the ${count} controls of \`## How to Prevent\` that matter most, one short line each`}})
  }
  list.forEach((control, index) => {
    const length = [...control].length
    if (length > maxLength) {
      context.addIssue({code: 'custom', path: [index], message: `Key control ${index + 1} has ${length} characters; at most ${maxLength} fit the summary sheet`, params: {ruleId: 'key-controls', hint: 'Shorten it to the control and its main action; the risk page has the detail'}})
    }
  })
})

/** Front matter of a risk document. */
export const riskFrontMatterSchema = z.strictObject({
  id: z.string().regex(/^ML(?:0[1-9]|10)$/, {message: 'is not a risk id'}),
  title: z.string().trim().min(1),
  slug,
  formerly: z.array(z.strictObject({title: z.string().trim().min(1), slug})).default([]),
  summary: z.string().trim().min(1),
  keyControls,
  scores: z.strictObject({
    exploitability: score,
    exploitabilityApplication: score,
    exploitabilityOperations: score,
    detectability: score,
    technicalImpact: score
  }),
  mappings: z.strictObject({
    nist: mappingList('nist'),
    atlas: mappingList('atlas'),
    atlasMitigations: mappingList('atlasMitigations'),
    cwe: mappingList('cwe'),
    llm: mappingList('llm')
  })
})

/** Front matter of any other page. */
export const pageFrontMatterSchema = z.strictObject({
  title: z.string().trim().min(1),
  description: z.string().trim().min(1)
})

/** The edition manifest, `edition.yaml`. */
export const manifestSchema = z.strictObject({
  title: z.string().trim().min(1),
  edition: z.string().regex(/^[a-z\d][a-z\d.-]*$/, {message: 'must be a folder name such as 2023'}),
  version: z.string().regex(semverPattern, {
    message: 'must be a semantic version such as 1.0.0'
  }),
  status: z.enum(['draft', 'final']),
  released: z.string().regex(/^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, {message: 'must be a date YYYY-MM-DD'}),
  license: z.string().refine((id) => Object.hasOwn(licenses, id), {message: 'must be a known SPDX license id (see packages/core/src/catalogues.ts)'}),
  documents: z.array(z.string().regex(/^[A-Za-z\d][\w-]*$/, {message: 'must be a file name without .md'})).min(1)
})

export type RiskFrontMatter = z.output<typeof riskFrontMatterSchema>
export type PageFrontMatter = z.output<typeof pageFrontMatterSchema>
export type ManifestData = z.output<typeof manifestSchema>

/** The optional site configuration, `content/site.yaml`. */
export const siteConfigSchema = z.strictObject({
  repository: z
    .strictObject({
      url: z.string().regex(/^https:\/\/[^\s/]+\/\S+[^/]$/, {message: 'must be the https URL of the repository, without a trailing slash'}),
      branch: z.string().trim().min(1).default('main'),
      path: z.string().regex(/^[\w./-]*$/, {message: 'must be a folder path inside the repository'}).default('content')
    })
    .optional(),
  summary: z
    .strictObject({
      paper: z.enum(['a4', 'letter']).default('a4')
    })
    .optional()
})

export type SiteConfigData = z.output<typeof siteConfigSchema>

const sourceHash = z.string().regex(/^[\da-f]{64}$/, {message: 'must be the SHA-256 (64 hex digits) of the English file'})

/** Front matter of a translated risk page: only what is translated, and the English source's hash. */
export const translatedRiskSchema = z.strictObject({
  source: sourceHash,
  id: z.string(),
  title: z.string().trim().min(1),
  summary: z.string().trim().min(1),
  keyControls
})

/** Front matter of any other translated page. */
export const translatedPageSchema = z.strictObject({
  source: sourceHash,
  title: z.string().trim().min(1),
  description: z.string().trim().min(1)
})
