import {h} from 'hastscript'
import {describe, expect, it} from 'vitest'
import {isolateBidiRuns} from '../src/transforms/bidi-isolation.js'

describe('isolateBidiRuns', () => {
  it('makes code left to right, lets links take their own direction and keeps a direction that is set', () => {
    const tree = h(null, [
      h('p', ['يستخدم ', h('code', 'torch.load'), ' و', h('a', {href: 'https://example.org/'}, 'Example'), '.']),
      h('pre', h('code', 'pip install x')),
      h('p', [h('kbd', 'Ctrl'), h('a', {href: '#x', dir: 'rtl'}, 'س')])
    ])
    isolateBidiRuns(tree)
    const dirs: [string, unknown][] = []
    const walk = (node: (typeof tree)['children'][number] | typeof tree) => {
      if (node.type === 'element') dirs.push([node.tagName, node.properties['dir']])
      if ('children' in node) for (const child of node.children) walk(child)
    }
    walk(tree)
    expect(dirs).toEqual([
      ['p', undefined],
      ['code', 'ltr'],
      ['a', 'auto'],
      ['pre', 'ltr'],
      ['code', 'ltr'],
      ['p', undefined],
      ['kbd', 'ltr'],
      ['a', 'rtl']
    ])
  })
})
