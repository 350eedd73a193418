import type {Root} from 'hast'
import {h} from 'hastscript'
import {toString} from 'hast-util-to-string'
import {describe, expect, it} from 'vitest'
import {createTranslator} from '@mltop10/i18n'
import {addGlossaryIndex} from '../src/transforms/glossary-index.js'

const term = (title: string, id: string) => h('section', [h('h2', {id}, title), h('p', 'definition')])

describe('the glossary index', () => {
  it('files Arabic terms after their definite article, and terms in Latin script under their letter', () => {
    const {t} = createTranslator({locale: 'ar', dir: 'rtl', resources: {ar: {glossary: {alphabet: 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي', other: 'أخرى'}}}})
    const tree: Root = {type: 'root', children: [term('التسميم (Poisoning)', 'poisoning'), term('الباب الخلفي (Backdoor)', 'backdoor'), term('اضطراب (Perturbation)', 'perturbation'), term('Safetensors', 'safetensors')]}
    const index = addGlossaryIndex(tree, {t, idPrefix: ''}, 'ar')
    expect(toString(index)).toBe('ابتS')
    const groups = tree.children.map((node) => (node.type === 'element' ? toString(node.children[0]!) : ''))
    expect(groups).toEqual(['ا', 'ب', 'ت', 'S'])
  })
})
