import {fileURLToPath} from 'node:url'
import type {Root, RootContent} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {describe, expect, it} from 'vitest'
import {formatReport, loadEdition, sourceEdition, type RiskDocument} from '@mltop10/core'

const editionDir = fileURLToPath(new URL('../editions/2023/', import.meta.url))
const result = await loadEdition(editionDir)
const edition = result.edition

/** The list and its scores as published by the OWASP project (2023 edition). */
const expectedRisks = [
  ['ML01', 'Input Manipulation Attack', [5, 4, 3, 3, 5]],
  ['ML02', 'Data Poisoning Attack', [3, 4, 3, 2, 4]],
  ['ML03', 'Model Inversion Attack', [4, 5, 3, 2, 4]],
  ['ML04', 'Membership Inference Attack', [4, 5, 3, 3, 4]],
  ['ML05', 'Model Theft', [4, 4, 3, 3, 4]],
  ['ML06', 'AI Supply Chain Attacks', [5, 5, 3, 5, 4]],
  ['ML07', 'Transfer Learning Attack', [5, 4, 3, 1, 5]],
  ['ML08', 'Model Skewing', [5, 4, 3, 2, 5]],
  ['ML09', 'Output Integrity Attack', [5, 4, 4, 3, 3]],
  ['ML10', 'Model Poisoning', [5, 4, 4, 3, 3]]
] as const

function words(nodes: readonly RootContent[] | Root): number {
  const text = Array.isArray(nodes) ? nodes.map((node) => toString(node)).join(' ') : toString(nodes as Root)
  return text.split(/\s+/).filter((word) => /\w/.test(word)).length
}

function risk(id: string): RiskDocument {
  return edition!.risks.find((candidate) => candidate.id === id)!
}

describe('the 2023 edition', () => {
  it('validates with zero problems', () => {
    expect(formatReport(result.files)).toBe('')
    expect(edition).toBeDefined()
  })

  it('has the ten risks with the published names and scores', () => {
    expect(edition!.risks.map((r) => [r.id, r.title, Object.values(r.scores)])).toEqual(expectedRisks.map(([id, title, scores]) => [id, title, [...scores]]))
  })

  it('keeps the former names of renamed risks for redirects', () => {
    expect(risk('ML01').formerly.map((former) => former.title)).toEqual(['Adversarial Attack'])
    expect(risk('ML05').formerly.map((former) => former.title)).toEqual(['Model Stealing'])
    expect(risk('ML06').formerly.map((former) => former.title)).toEqual(['Corrupted Packages', 'ML Supply Chain Attacks'])
    expect(risk('ML10').formerly.map((former) => former.title)).toEqual(['Neural Net Reprogramming'])
  })

  it('has a glossary of at least 30 terms', () => {
    expect(edition!.glossary.terms.length).toBeGreaterThanOrEqual(30)
  })

  it('defines every upstream glossary term', () => {
    const ids = new Set(edition!.glossary.terms.map((term) => term.id))
    for (const id of ['adversarial-attack', 'classification', 'data-labeling', 'data-poisoning', 'deep-learning', 'ensemble', 'input-validation', 'intrusion-detection-system', 'intrusion-prevention-system', 'mlops', 'model', 'model-ensemble', 'obfuscation', 'overfitting', 'perturbation', 'regularisation', 'spam', 'underfitting']) {
      expect(ids, id).toContain(id)
    }
  })
})

describe.each(expectedRisks.map(([id]) => id))('risk %s', (id) => {
  it('has at least 700 words of prose outside the references', () => {
    const r = risk(id)
    const prose = words(r.tree) - words(r.sections.references.children)
    expect(prose).toBeGreaterThanOrEqual(700)
  })

  it('names at least four controls, two scenarios and three references', () => {
    const r = risk(id)
    expect(r.controls.length).toBeGreaterThanOrEqual(4)
    expect(r.scenarios.length).toBeGreaterThanOrEqual(2)
    expect(r.references.length).toBeGreaterThanOrEqual(3)
  })

  it('maps to NIST AI 100-2, ATLAS mitigations (and techniques where ATLAS has one) and links glossary terms and other risks', () => {
    const r = risk(id)
    expect(r.mappings.nist.length).toBeGreaterThan(0)
    expect(r.mappings.atlasMitigations.length).toBeGreaterThan(0)
    // ATLAS has no technique for altering a result after inference (ML09).
    if (id !== 'ML09') expect(r.mappings.atlas.length).toBeGreaterThan(0)
    expect(r.links.filter((link) => link.document === 'glossary').length).toBeGreaterThanOrEqual(3)
    expect(r.links.some((link) => /^ML\d\d-/.test(link.document) && link.document !== r.name)).toBe(true)
  })

  it('has a checklist of 5 to 8 verifiable controls, each with its evidence', () => {
    const r = risk(id)
    expect(r.checklist.length).toBeGreaterThanOrEqual(5)
    expect(r.checklist.length).toBeLessThanOrEqual(8)
    for (const item of r.checklist) expect(item.evidence.length).toBeGreaterThan(20)
  })

  it('links each glossary term at most once', () => {
    const anchors = risk(id).links.filter((link) => link.document === 'glossary').map((link) => link.anchor)
    expect(new Set(anchors).size).toBe(anchors.length)
  })
})

describe('the data export of the 2023 edition', () => {
  it('validates against the published JSON Schema, in English and in every locale', async () => {
    const {exportEdition, editionSchema} = await import('@mltop10/export')
    const {loadLocales} = await import('@mltop10/i18n')
    const {Ajv2020} = await import('ajv/dist/2020.js')
    const validate = new Ajv2020({allErrors: true, strict: true}).compile(editionSchema)
    const english = exportEdition(sourceEdition(edition!))
    expect(validate(english), JSON.stringify(validate.errors)).toBe(true)
    expect(english.risks.map((risk) => risk.id)).toEqual(expectedRisks.map(([id]) => id))
    const {locales} = await loadLocales(fileURLToPath(new URL('../../locales/', import.meta.url)), [edition!])
    for (const locale of locales) {
      const data = exportEdition(locale.editions.get('2023')!)
      expect(validate(data), `${locale.manifest.code}: ${JSON.stringify(validate.errors)}`).toBe(true)
    }
  })
})

describe('the termbases of the translations', async () => {
  const {loadLocales} = await import('@mltop10/i18n')
  const {locales, files} = await loadLocales(fileURLToPath(new URL('../../locales/', import.meta.url)), [edition!])

  it.each(locales.map((locale) => [locale.manifest.code, locale] as const))('%s has a valid terms.yaml with every glossary term', (_, locale) => {
    expect(locale.termbase).toBeDefined()
    const terms = [...locale.termbase!.terms.keys()].flatMap((term) => term.split(/\s*\/\s*|,\s*/).map((part) => part.replace(/\s*\(.*?\)/g, '').trim().toLowerCase()))
    const missing = edition!.glossary.terms.map((term) => term.term).filter((term) => !terms.includes(term.toLowerCase()))
    expect(missing).toEqual([])
  })

  it('finds no forbidden variant in any translated page', () => {
    expect(formatReport(files, {cwd: fileURLToPath(new URL('../../', import.meta.url)), hints: false, filter: (message) => message.ruleId?.startsWith('termbase-') ?? false})).toBe('')
  })
})
