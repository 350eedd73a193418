import {atlasMitigations, atlasTechniques} from './catalogues/atlas.js'
import {cweWeaknesses} from './catalogues/cwe.js'
import {llmTop10} from './catalogues/llm-top10.js'
import {nistAmlAttacks} from './catalogues/nist-aml.js'
import type {Catalogue, MappingField} from './types.js'

/** What a mappings field holds: its catalogue, what one entry is called, and where the catalogue is kept. */
export interface MappingCatalogue {
  readonly catalogue: Catalogue
  /** What one entry is, in messages: `MITRE ATLAS technique`. */
  readonly entry: string
  /** The source file of the catalogue, to extend when a risk needs another entry. */
  readonly file: string
  /** What to do about an id the catalogue lacks. */
  readonly unknownHint: string
  /** Whether every risk must list at least one entry. */
  readonly required: boolean
}

/**
 * The catalogue behind each field of a risk's `mappings`, in the order the
 * fields are written. ATLAS techniques may be empty: ML09 has none (see
 * `catalogues/atlas.ts`).
 */
export const mappingCatalogues: Readonly<Record<MappingField, MappingCatalogue>> = {
  nist: catalogue(nistAmlAttacks, 'NIST AI 100-2 E2025 attack', 'nist-aml.ts', true, 'Use an identifier listed in {file}, or add the attack there with the name the document gives it'),
  atlas: catalogue(atlasTechniques, 'MITRE ATLAS technique', 'atlas.ts', false, 'Use a current technique id listed in {file} (retired ids are not listed), or add the technique there with its current ATLAS name'),
  atlasMitigations: catalogue(atlasMitigations, 'MITRE ATLAS mitigation', 'atlas.ts', true, 'Use a current mitigation id listed in {file} (retired ids are not listed), or add the mitigation there with its current ATLAS name'),
  cwe: catalogue(cweWeaknesses, 'CWE weakness', 'cwe.ts', false, 'Write CWE ids as `CWE-<number>`: use one listed in {file}, or add the weakness there with its name from the CWE list'),
  llm: catalogue(llmTop10, 'OWASP Top 10 for LLM Applications 2025 entry', 'llm-top10.ts', false, 'Use an id from LLM01 to LLM10 (listed in {file})')
}

/** The mappings fields in the order they are written and shown. */
export const mappingFields = Object.keys(mappingCatalogues) as MappingField[]

function catalogue(entries: Catalogue, entry: string, fileName: string, required: boolean, hint: string): MappingCatalogue {
  const file = `packages/core/src/catalogues/${fileName}`
  return {catalogue: entries, entry, file, required, unknownHint: hint.replace('{file}', file)}
}

/** A content problem found in a mappings field: what is wrong and what to do. */
export interface MappingProblem {
  readonly reason: string
  readonly hint: string
}

/**
 * Explains an id that is not in its field's catalogue. When the id belongs to
 * another field's catalogue (a mitigation listed as a technique), the hint
 * names that field; otherwise it names the catalogue file to extend.
 *
 * @param field The mappings field the id is listed under.
 * @param id The unknown id.
 */
export function describeUnknownMapping(field: MappingField, id: string): MappingProblem {
  const {entry, unknownHint} = mappingCatalogues[field]
  const reason = `Unknown ${entry} \`${id}\` in \`mappings.${field}\``
  const home = mappingFields.find((other) => Object.hasOwn(mappingCatalogues[other].catalogue, id))
  if (home) return {reason, hint: `\`${id}\` belongs under \`mappings.${home}\` (${mappingCatalogues[home].entry}): move it there`}
  return {reason, hint: unknownHint}
}

/**
 * Explains an empty list in a field every risk must fill.
 *
 * @param field The empty mappings field.
 */
export function describeEmptyMapping(field: MappingField): MappingProblem {
  const {entry, file} = mappingCatalogues[field]
  return {reason: `\`mappings.${field}\` is empty; every risk maps to at least one ${entry}`, hint: `Add the ids that fit this risk, from ${file}`}
}
