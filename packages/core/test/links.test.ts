import {describe, expect, it} from 'vitest'
import {parseDocumentLink} from '../src/index.js'

describe('parseDocumentLink', () => {
  it.each([
    ['ML02-data-poisoning-attack.md', {document: 'ML02-data-poisoning-attack', anchor: undefined}],
    ['./glossary.md#overfitting', {document: 'glossary', anchor: 'overfitting'}],
    ['glossary.md#', {document: 'glossary', anchor: undefined}],
    ['glossary.md#caf%C3%A9', {document: 'glossary', anchor: 'café'}],
    ['glossary.md#a#b', {document: 'glossary', anchor: 'a#b'}]
  ])('reads %s as a link between documents', (url, expected) => {
    expect(parseDocumentLink(url)).toEqual(expected)
  })

  it.each(['#overfitting', '', '../2022/glossary.md', 'docs/glossary.md', 'glossary.MD', 'glossary.md?x=1', 'https://example.org/a.md', '-x.md', 'notes.txt'])(
    'reads %j as no link between documents',
    (url) => {
      expect(parseDocumentLink(url)).toBeUndefined()
    }
  )
})
