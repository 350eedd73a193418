import {z} from 'zod'
import {mappingFields, scoreFactors, semverPattern, type MappingField} from '@mltop10/core'

/** The version of the export format; bumped when fields change meaning (1.1.0: all mappings, detect and respond, checklist). */
export const exportFormatVersion = '1.1.0'

const text = z.string().min(1)
const url = z.string().regex(/^https?:\/\//)
const level = z.enum(['very-low', 'low', 'moderate', 'high', 'very-high'])
const entry = z.strictObject({id: text, name: text, url})

/** One risk of an edition export. */
const riskSchema = z.strictObject({
  id: z.string().regex(/^ML(0[1-9]|10)$/),
  rank: z.int().min(1).max(10),
  title: text,
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  formerly: z.array(z.strictObject({title: text, slug: text})),
  summary: text,
  scores: z.strictObject(Object.fromEntries(scoreFactors.map((factor) => [factor, z.strictObject({score: z.int().min(1).max(5), level})])) as Record<(typeof scoreFactors)[number], z.ZodObject<{score: z.ZodInt; level: typeof level}>>),
  mappings: z.strictObject(Object.fromEntries(mappingFields.map((field) => [field, z.array(entry)])) as Record<MappingField, z.ZodArray<typeof entry>>),
  detectAndRespond: z.strictObject({
    signals: z.array(z.strictObject({name: text, detail: text})).min(1),
    steps: z.array(text).min(1)
  }),
  checklist: z.array(z.strictObject({control: text, evidence: text})).min(5).max(8),
  scenarios: z.array(z.strictObject({id: z.string().regex(/^scenario-\d+$/), title: text})).min(2),
  references: z.array(z.strictObject({title: text, url, note: z.string()})).min(3)
})

/**
 * The edition export as a zod schema: the one definition of the format. The
 * JSON Schema published beside the exports is generated from it.
 */
export const editionExportSchema = z.strictObject({
  $schema: z.string(),
  format: z.literal(exportFormatVersion),
  title: text,
  edition: text,
  version: z.string().regex(semverPattern),
  status: z.enum(['draft', 'final']),
  released: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  license: z.strictObject({id: text, name: text, url}),
  locale: text,
  risks: z.array(riskSchema),
  pages: z.array(
    z.strictObject({
      name: text,
      kind: z.enum(['risk', 'glossary', 'page']),
      title: text,
      hash: z.string().regex(/^[0-9a-f]{64}$/),
      translation: z.enum(['source', 'translated', 'outdated', 'missing'])
    })
  )
})

/** The exported data of one edition in one language. */
export type EditionExport = z.infer<typeof editionExportSchema>

/** Address the JSON Schema of this format version is published at. */
export const schemaId = `https://owasp.org/www-project-machine-learning-security-top-10/schema/edition-${exportFormatVersion}.json`

/** JSON Schema (draft 2020-12) of the edition export, generated from `editionExportSchema`. */
export const editionSchema = {
  ...z.toJSONSchema(editionExportSchema, {target: 'draft-2020-12'}),
  $id: schemaId,
  title: 'OWASP Machine Learning Security Top 10 edition'
}
