import {rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {assembleEdition, formatReport, loadEdition, MlTop10Error} from '../src/index.js'
import {prepareEdition} from './helpers.js'

const {root, editionDir} = await prepareEdition()
afterAll(async () => {
  await rm(root, {recursive: true, force: true})
})

describe('loadEdition on a valid edition', async () => {
  const result = await loadEdition(editionDir)
  const edition = result.edition!

  it('reports no problems and returns the edition', () => {
    expect(formatReport(result.files)).toBe('')
    expect(result.errorCount).toBe(0)
    expect(edition).toBeDefined()
  })

  it('reads the manifest and keeps the document order', () => {
    expect(edition.manifest).toMatchObject({edition: '2023', version: '1.0.0', status: 'final', released: '2024-01-31'})
    expect(edition.documents.map((document) => document.name)).toEqual(edition.manifest.documents)
    expect(edition.introduction.title).toBe('Introduction')
    expect(edition.relatedResources.name).toBe('related-resources')
  })

  it('reads a risk as data: id, rank, slug, former names, scores and mappings', () => {
    const [ml01, ml02] = edition.risks
    expect(ml01).toMatchObject({
      id: 'ML01',
      rank: 1,
      slug: 'input-manipulation-attack',
      formerly: [{title: 'Adversarial Attack', slug: 'adversarial-attack'}],
      scores: {exploitability: 5, exploitabilityApplication: 4, exploitabilityOperations: 3, detectability: 3, technicalImpact: 5},
      mappings: {nist: ['NISTAML.022'], atlas: ['AML.T0043', 'AML.T0015'], atlasMitigations: ['AML.M0003'], cwe: ['CWE-1039'], llm: ['LLM01']}
    })
    expect(ml02?.formerly).toEqual([])
    expect(ml02?.mappings).toEqual({nist: ['NISTAML.013'], atlas: ['AML.T0020'], atlasMitigations: ['AML.M0007'], cwe: [], llm: []})
  })

  it('splits the body into the fixed sections with stable anchors and positions', () => {
    const ml01 = edition.risks[0]!
    expect(Object.values(ml01.sections).map((section) => section.id)).toEqual(['description', 'how-to-prevent', 'detect-and-respond', 'risk-factors', 'example-attack-scenarios', 'checklist', 'references'])
    expect(ml01.sections.description.heading.position?.start.line).toBe(27)
    expect(ml01.scenarios.map((scenario) => [scenario.id, scenario.title])).toEqual([
      ['scenario-1', 'Perturbed images'],
      ['scenario-2', 'Crafted traffic']
    ])
    expect(ml01.controls.map((control) => control.name)).toEqual(['Adversarial training', 'Input validation'])
    expect(ml01.keyControls).toEqual(['Test every release against adaptive attacks.', 'Validate and canonicalise inputs.', 'Limit output detail and throttle probing.'])
    expect(ml01.checklist.map((item) => [item.control, item.evidence])).toEqual([
      ['Inputs are validated.', 'A test rejects out-of-range inputs.'],
      ['Training uses attacked inputs.', 'The training log names the attack.'],
      ['Queries are rate-limited.', 'The gateway configuration sets a limit.'],
      ['Alerts reach someone.', 'The on-call rota lists the alert.'],
      ['Models are versioned.', "The registry lists each version's hash."]
    ])
    expect([...ml01.anchors]).toContain('scenario-2')
  })

  it('reads references as title, absolute URL and note', () => {
    expect(edition.risks[0]!.references).toEqual([
      expect.objectContaining({title: 'Intriguing properties of neural networks', url: 'https://arxiv.org/abs/1312.6199', note: 'Szegedy et al., 2013.'}),
      expect.objectContaining({title: 'Explaining and Harnessing Adversarial Examples', note: 'Goodfellow et al., 2014.'}),
      expect.objectContaining({title: 'Towards Deep Learning Models Resistant to Adversarial Attacks', note: ''})
    ])
  })

  it('collects internal links with their targets and positions', () => {
    expect(edition.risks[0]!.links.map((link) => [link.document, link.anchor, link.position?.start.line])).toEqual([
      ['glossary', 'perturbation', 29],
      ['ML02-data-poisoning-attack', 'description', 30],
      ['ML01-input-manipulation-attack', 'example-attack-scenarios', 45]
    ])
  })

  it('reads the glossary terms with slug anchors', () => {
    expect(edition.glossary.terms.map((term) => [term.id, term.term])).toEqual([
      ['model-ensemble', 'Model ensemble'],
      ['perturbation', 'Perturbation']
    ])
  })

  it('hashes each source so translations can track it', () => {
    expect(edition.risks[0]!.hash).toMatch(/^[\da-f]{64}$/)
    expect(new Set(edition.documents.map((document) => document.hash)).size).toBe(edition.documents.length)
  })
})

describe('loadEdition on a bad path', () => {
  it('throws a usage error with a hint when there is no edition.yaml', async () => {
    const error = await loadEdition(join(root, 'nowhere')).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(MlTop10Error)
    expect((error as MlTop10Error).message).toContain('edition.yaml not found')
    expect((error as MlTop10Error).hint).toContain('content/editions/2023')
  })
})

describe('loadEdition on BOM and CRLF input', () => {
  it('accepts them without any problem', async () => {
    const {root: crlfRoot, editionDir: crlfDir} = await prepareEdition()
    const path = join(crlfDir, 'about.md')
    await writeFile(path, '\uFEFF---\r\ntitle: About\r\ndescription: Who.\r\n---\r\n\r\n## Who\r\n\r\nUs.\r\n')
    const result = await loadEdition(crlfDir)
    expect(formatReport(result.files)).toBe('')
    expect(result.edition?.about.tree.children[0]?.position?.start).toMatchObject({line: 6, column: 1})
    await rm(crlfRoot, {recursive: true, force: true})
  })
})

describe('assembleEdition', async () => {
  const edition = (await loadEdition(editionDir)).edition!

  it('puts the same edition together from its documents', () => {
    expect(assembleEdition(edition, edition.documents)).toEqual(edition)
  })

  it('orders the risks by rank, whatever the order of the documents', () => {
    const reversed = assembleEdition(edition, [...edition.documents].reverse())
    expect(reversed.risks.map((risk) => risk.id)).toEqual(edition.risks.map((risk) => risk.id))
  })

  it('refuses documents without a required page', () => {
    const assemble = () => assembleEdition(edition, edition.documents.filter((document) => document.name !== 'about'))
    expect(assemble).toThrow(MlTop10Error)
    expect(assemble).toThrow('Edition 2023 has no `about.md`')
  })
})
