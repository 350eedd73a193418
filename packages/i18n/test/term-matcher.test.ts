import {mkdtemp, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {formatReport, loadTranslation, type Edition} from '@mltop10/core'
import {checkTermUse, lineStartsOf, pointAt} from '../src/check-terms.js'
import {compileVariants, findVariants, variantScript, type MatcherTerm} from '../src/term-matcher.js'
import {loadEnglishFixture} from './helpers.js'

const roots: string[] = []
let english: Edition

beforeAll(async () => {
  english = await loadEnglishFixture(roots)
})
afterAll(() => Promise.all(roots.map((root) => rm(root, {recursive: true, force: true}))))

function term(name: string, translation: string, forbidden: string[], allowedIn: string[] = []): MatcherTerm {
  return {term: name, translation, forbidden, allowedIn}
}

/** The texts of the variants found, in order. */
function found(text: string, terms: MatcherTerm[]): string[] {
  return findVariants(text, compileVariants(terms)).map((match) => match.found)
}

const es = [term('cost', 'costo', ['coste', 'costes']), term('label flipping', 'volteo de etiquetas', ['inversión de etiquetas'])]
const ja = [term('training', '学習、学習させる', ['訓練']), term('adversarial training', '敵対的訓練', []), term('drill', '演習', [])]
const ar = [term('feedback', 'التغذية الراجعة', ['ملاحظات'], ['دفتر ملاحظات', 'ملاحظات تدقيق'])]

describe('variantScript', () => {
  it.each([
    ['coste', 'word'],
    ['訓練', 'cjk'],
    ['アーティファクト', 'cjk'],
    ['数据', 'cjk'],
    ['ملاحظات', 'arabic']
  ])('matches %s as %s', (variant, script) => {
    expect(variantScript(variant)).toBe(script)
  })
})

describe('findVariants in Latin script', () => {
  it('matches whole words only', () => {
    expect(found('El coste, los costes, el costo y la costera; coste-beneficio.', es)).toEqual(['coste', 'costes', 'coste'])
  })

  it('ignores case, accents included', () => {
    expect(found('Coste total. COSTE. INVERSIÓN DE ETIQUETAS.', es)).toEqual(['Coste', 'COSTE', 'INVERSIÓN DE ETIQUETAS'])
  })

  it('matches a phrase across a line break and runs of spaces', () => {
    expect(found('la inversión de\netiquetas y la inversión  de etiquetas', es)).toEqual(['inversión de\netiquetas', 'inversión  de etiquetas'])
  })

  it('does not match inside a longer word', () => {
    expect(found('subinversión de etiquetas; inversión de etiquetasx', es)).toEqual([])
  })
})

describe('findVariants in Chinese and Japanese', () => {
  it('matches a variant as a substring, without word boundaries', () => {
    expect(found('モデルを訓練する。再訓練も', ja)).toEqual(['訓練', '訓練'])
  })

  it('does not fire inside an approved longer term (ja 敵対的訓練)', () => {
    expect(found('敵対的訓練は有効です。訓練データ。', ja)).toEqual(['訓練'])
  })

  it('does not fire inside a phrase the term lists in allowedIn', () => {
    const terms = [term('training', '学習', ['訓練'], ['避難訓練'])]
    expect(found('避難訓練と訓練', terms)).toEqual(['訓練'])
  })
})

describe('findVariants in Arabic', () => {
  it('matches the word with the article and attached prefixes', () => {
    expect(found('ملاحظات، الملاحظات، والملاحظات، بالملاحظات، للملاحظات، فملاحظات', ar)).toEqual(['ملاحظات', 'الملاحظات', 'والملاحظات', 'بالملاحظات', 'للملاحظات', 'فملاحظات'])
  })

  it('ignores short vowels and matches an attached pronoun', () => {
    expect(found('ملاحظاتِ المستخدمين وملاحظاتهم', ar)).toEqual(['ملاحظاتِ', 'وملاحظاتهم'])
  })

  it('does not match a longer word or another form', () => {
    expect(found('ملاحظة واحدة، ملاحظاتية', ar)).toEqual([])
  })

  it('leaves the exceptions alone, with the article on a later word', () => {
    expect(found('دفتر ملاحظات، دفتر الملاحظات، ملاحظات التدقيق، ملاحظات المستخدمين', ar)).toEqual(['ملاحظات'])
  })
})

describe('pointAt', () => {
  it('counts columns in UTF-16 code units on lines with multibyte characters (an emoji is two)', () => {
    const text = 'première ligne\nàé 学習 😀 訓練\n'
    const starts = lineStartsOf(text)
    expect(pointAt(starts, text.indexOf('訓練'))).toEqual({line: 2, column: 10, offset: text.indexOf('訓練')})
    expect(pointAt(starts, 0)).toMatchObject({line: 1, column: 1})
    expect(pointAt(starts, text.indexOf('\n') + 1)).toMatchObject({line: 2, column: 1})
  })
})

describe('checkTermUse on a translated page', () => {
  /** Loads `markdown` as the Spanish translation of the about page, then checks it. */
  async function check(markdown: string, terms: MatcherTerm[]): Promise<string[]> {
    const root = await mkdtemp(join(tmpdir(), 'mltop10-terms-'))
    roots.push(root)
    const path = join(root, 'about.md')
    await writeFile(path, markdown)
    const {file, document} = await loadTranslation(path, english, 'about')
    expect(document).toBeDefined()
    checkTermUse(file, document!.tree, compileVariants(terms), 'terms.yaml of locale es')
    return formatReport([file], {cwd: root, hints: false, filter: (message) => message.ruleId === 'termbase-variant'}).split('\n').filter(Boolean)
  }
  const page = (body: string, title = 'Acerca de') => `---\nsource: ${'ab'.repeat(32)}\ntitle: ${title}\ndescription: Quiénes somos.\n---\n\n${body}\n`

  it('reports prose and front matter, not code, URLs, anchors or front matter keys', async () => {
    const body = ['El `coste` en código no cuenta, el coste sí.', '', '```', 'coste = 1', '```', '', 'Vea [el coste](https://example.org/coste "coste") y <https://example.org/coste>.', '', '## Coste {#coste}', '', '[ref]: https://example.org/coste'].join('\n')
    expect(await check(page(body, 'Coste de la seguridad'), es)).toEqual([
      'about.md:3:8  warning  `Coste` is a forbidden variant of `cost`: use `costo`  termbase-variant',
      'about.md:7:36  warning  `coste` is a forbidden variant of `cost`: use `costo`  termbase-variant',
      'about.md:13:9  warning  `coste` is a forbidden variant of `cost`: use `costo`  termbase-variant',
      'about.md:15:4  warning  `Coste` is a forbidden variant of `cost`: use `costo`  termbase-variant'
    ])
  })

  it('points at the right column after multibyte characters', async () => {
    expect(await check(page('敵対的訓練ではなく、😀 モデルの訓練です。'), ja)).toEqual(['about.md:7:18  warning  `訓練` is a forbidden variant of `training`: use `学習、学習させる`  termbase-variant'])
  })
})
