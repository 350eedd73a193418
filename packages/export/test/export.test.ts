import {cp, mkdtemp, rm} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {Ajv2020} from 'ajv/dist/2020.js'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {loadEdition, sourceEdition, type Edition, type LocalizedEdition} from '@mltop10/core'
import * as exporter from '../src/index.js'

const fixture = fileURLToPath(new URL('../../core/test/fixtures/_base/', import.meta.url))
let root: string
let edition: Edition

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mltop10-export-'))
  await cp(fixture, join(root, '2023'), {recursive: true})
  edition = (await loadEdition(join(root, '2023'))).edition!
})
afterAll(() => rm(root, {recursive: true, force: true}))

describe('public API', () => {
  it('exposes exactly the documented names', () => {
    expect(Object.keys(exporter).sort()).toEqual(['checklistCsv', 'editionExportSchema', 'editionSchema', 'exportEdition', 'exportFormatVersion', 'mappingsCsv', 'toCsv'])
  })
})

describe('exportEdition', () => {
  it('gives every risk its data, with labels derived from the scores, and validates against the published schema', () => {
    const data = exporter.exportEdition(sourceEdition(edition))
    const validate = new Ajv2020({allErrors: true, strict: true}).compile(exporter.editionSchema)
    expect(validate(data), JSON.stringify(validate.errors)).toBe(true)
    expect(data.risks[0]).toMatchObject({
      id: 'ML01',
      slug: 'input-manipulation-attack',
      formerly: [{title: 'Adversarial Attack', slug: 'adversarial-attack'}],
      scores: {exploitability: {score: 5, level: 'very-high'}, detectability: {score: 3, level: 'moderate'}},
      mappings: {
        nist: [{id: 'NISTAML.022', name: 'Evasion', url: 'https://doi.org/10.6028/NIST.AI.100-2e2025'}],
        atlas: [{id: 'AML.T0043', name: 'Craft Adversarial Data', url: 'https://atlas.mitre.org/techniques/AML.T0043'}, {id: 'AML.T0015', name: 'Evade AI Model'}],
        atlasMitigations: [{id: 'AML.M0003', url: 'https://atlas.mitre.org/mitigations/AML.M0003'}],
        cwe: [{id: 'CWE-1039', url: 'https://cwe.mitre.org/data/definitions/1039.html'}],
        llm: [{id: 'LLM01', name: 'Prompt Injection'}]
      },
      detectAndRespond: {signals: [{name: 'Unusual inputs', detail: 'The inference gateway logs each request; an alert names the caller.'}], steps: ['Block the caller and keep the logs.']},
      checklist: expect.arrayContaining([{control: 'Inputs are validated.', evidence: 'A test rejects out-of-range inputs.'}]),
      scenarios: [{id: 'scenario-1', title: 'Perturbed images'}, {id: 'scenario-2', title: 'Crafted traffic'}]
    })
    expect(data.pages.map((page) => page.translation)).toEqual(edition.documents.map(() => 'source'))
  })

  it('is refused by the schema when a score is out of range', () => {
    const data = structuredClone(exporter.exportEdition(sourceEdition(edition))) as {risks: {scores: Record<string, {score: number}>}[]}
    data.risks[0]!.scores['detectability']!.score = 6
    const validate = new Ajv2020({strict: true}).compile(exporter.editionSchema)
    expect(validate(data)).toBe(false)
    expect(validate.errors?.[0]?.instancePath).toBe('/risks/0/scores/detectability/score')
  })

  it('records the state of each page in a translation', () => {
    const english = sourceEdition(edition)
    const spanish: LocalizedEdition = {edition, locale: {code: 'es', nativeName: 'Español', direction: 'ltr'}, pages: english.pages.map((page) => ({...page, state: page.name === 'about' ? 'outdated' : 'translated'}))}
    const data = exporter.exportEdition(spanish)
    expect(data.locale).toBe('es')
    expect(data.pages.find((page) => page.name === 'about')?.translation).toBe('outdated')
    expect(data.pages.find((page) => page.name === 'glossary')?.translation).toBe('translated')
  })
})

describe('the JSON Schema', () => {
  it('is generated from the zod schema the exports are typed by, and both accept an export', () => {
    const data = exporter.exportEdition(sourceEdition(edition))
    expect(exporter.editionExportSchema.safeParse(data).success).toBe(true)
    expect(exporter.editionSchema).toMatchObject({$schema: 'https://json-schema.org/draft/2020-12/schema', $id: expect.stringContaining(`edition-${exporter.exportFormatVersion}.json`), additionalProperties: false})
    const risk = (exporter.editionSchema as unknown as {properties: {risks: {items: {required: string[]}}}}).properties.risks.items
    expect(risk.required).toEqual(['id', 'rank', 'title', 'slug', 'formerly', 'summary', 'scores', 'mappings', 'detectAndRespond', 'checklist', 'scenarios', 'references'])
  })

  it('refuses what zod refuses: an unknown field, a checklist of four', () => {
    const validate = new Ajv2020({strict: true}).compile(exporter.editionSchema)
    const extra = {...structuredClone(exporter.exportEdition(sourceEdition(edition))), extra: 1}
    expect(validate(extra)).toBe(false)
    expect(exporter.editionExportSchema.safeParse(extra).success).toBe(false)
    const short = structuredClone(exporter.exportEdition(sourceEdition(edition)))
    short.risks[0]!.checklist.splice(4)
    expect(validate(short)).toBe(false)
    expect(exporter.editionExportSchema.safeParse(short).success).toBe(false)
  })
})

describe('CSV', () => {
  it('writes one row per risk with every mapping, signal and control, quoting fields that need it, with CRLF line ends', () => {
    const csv = exporter.toCsv(exporter.exportEdition(sourceEdition(edition)))
    const lines = csv.split('\r\n')
    expect(lines[0]).toBe('id,rank,title,slug,formerly,summary,exploitability,exploitabilityLevel,exploitabilityApplication,exploitabilityApplicationLevel,exploitabilityOperations,exploitabilityOperationsLevel,detectability,detectabilityLevel,technicalImpact,technicalImpactLevel,nist,atlas,atlasMitigations,cwe,llm,signals,checklist,scenarios,references')
    expect(lines[1]).toBe('ML01,1,Input Manipulation Attack,input-manipulation-attack,Adversarial Attack,Crafted inputs make a model return the answer the attacker wants.,5,very-high,4,high,3,moderate,3,moderate,5,very-high,NISTAML.022,AML.T0043; AML.T0015,AML.M0003,CWE-1039,LLM01,Unusual inputs,Inputs are validated.; Training uses attacked inputs.; Queries are rate-limited.; Alerts reach someone.; Models are versioned.,Perturbed images; Crafted traffic,https://arxiv.org/abs/1312.6199; https://arxiv.org/abs/1412.6572; https://arxiv.org/abs/1706.06083')
    expect(lines).toHaveLength(4)
    expect(lines[3]).toBe('')
  })

  it('lists every checklist control with its evidence, one row each', () => {
    const lines = exporter.checklistCsv(exporter.exportEdition(sourceEdition(edition))).split('\r\n')
    expect(lines[0]).toBe('risk,title,item,control,evidence')
    expect(lines[1]).toBe('ML01,Input Manipulation Attack,1,Inputs are validated.,A test rejects out-of-range inputs.')
    expect(lines).toHaveLength(2 * 5 + 2)
  })

  it('gives the mappings matrix: a row per risk, a column per catalogue, ids with names', () => {
    const lines = exporter.mappingsCsv(exporter.exportEdition(sourceEdition(edition))).split('\r\n')
    expect(lines[0]).toBe('risk,title,nist,atlas,atlasMitigations,cwe,llm')
    expect(lines[1]).toMatch(/^ML01,Input Manipulation Attack,NISTAML\.022 Evasion,AML\.T0043 Craft Adversarial Data; AML\.T0015 Evade AI Model,/)
  })
})
