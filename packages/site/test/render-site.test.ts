import {visit} from 'unist-util-visit'
import {describe, expect, it} from 'vitest'
import {assembleEdition, type Edition, type EditionDocument} from '@mltop10/core'
import {sourceLanguage} from '@mltop10/i18n'
import {renderSite, type RenderSiteOptions} from '../src/index.js'
import {loadFixtureEdition} from './helpers.js'

const edition = await loadFixtureEdition()
const options = (changed: Edition): RenderSiteOptions => ({languages: [sourceLanguage([changed])], baseUrl: 'https://example.org/top10/'})
/** The edition with one document replaced by a changed copy (a new object, as a new load gives). */
const withDocument = (name: string, change: (document: EditionDocument) => EditionDocument): Edition =>
  assembleEdition(edition, edition.documents.map((document) => (document.name === name ? change(document) : document)))
const text = (content: string | Uint8Array | undefined) => (typeof content === 'string' ? content : '')

describe('renderSite', () => {
  const first = renderSite(options(edition))

  it('renders every page once, and nothing again when nothing changed', () => {
    expect(first.rendered).toBe(first.pages)
    expect(first.problems).toEqual([])
    expect(renderSite(options(edition), {previous: first}).rendered).toBe(0)
  })

  it('renders again only the page of a document whose text changed, with the same result as rendering everything', () => {
    const changed = withDocument('about', (document) => ({...document, description: 'Who wrote it, and when.'}))
    const again = renderSite(options(changed), {previous: first})
    expect(again.rendered).toBe(1)
    expect(text(again.files.get('en/2023/about/index.html'))).toContain('Who wrote it, and when.')
    expect(again.files).toEqual(renderSite(options(changed)).files)
  })

  it('renders every page that shows a title again: the navigation of every page changes', () => {
    const changed = withDocument('about', (document) => ({...document, title: 'About us'}))
    const again = renderSite(options(changed), {previous: first})
    expect(again.rendered).toBe(again.pages)
    expect(text(again.files.get('en/2023/introduction/index.html'))).toContain('About us')
    expect(again.files).toEqual(renderSite(options(changed)).files)
  })

  it('builds a search index again only when the entries of a page changed', () => {
    const changed = withDocument('about', (document) => ({...document, title: 'About us'}))
    const again = renderSite(options(changed), {previous: first})
    expect(again.files.get('en/2023/search-index.json')).not.toBe(first.files.get('en/2023/search-index.json'))
    const same = renderSite(options(withDocument('about', (document) => ({...document}))), {previous: first})
    expect(same.rendered).toBe(1)
    expect(same.files.get('en/2023/search-index.json')).toBe(first.files.get('en/2023/search-index.json'))
  })

  it('still checks every link after rendering only some pages', () => {
    const changed = withDocument('introduction', (document) => {
      const tree = structuredClone(document.tree)
      visit(tree, 'link', (node) => {
        node.url = node.url.replace('#how-to-prevent', '#no-such-section')
      })
      return {...document, tree}
    })
    const again = renderSite(options(changed), {previous: first})
    expect(again.rendered).toBe(1)
    expect(again.problems.join('\n')).toContain('missing anchor `#no-such-section`')
    expect(again.problems).toEqual(renderSite(options(changed)).problems)
  })
})

describe('renderSite with the downloads of an edition', () => {
  const pdf = {file: '2023-en.pdf', bytes: new Uint8Array(300 * 1024)}
  const epub = {file: '2023-en.epub', bytes: new Uint8Array(700 * 1024)}
  const site = renderSite({...options(edition), pdfs: new Map([[pdf.file, pdf]]), epubs: new Map([[epub.file, epub]])})
  const links = (page: string) => [...text(site.files.get(page)).matchAll(/<a class="download" href="([^"]+)" type="([^"]+)" download>([^<]+)<\/a>/g)].map((match) => match.slice(1))

  it('publishes the EPUB beside the PDF', () => {
    expect(site.files.get('pdf/2023-en.pdf')).toBe(pdf.bytes)
    expect(site.files.get('epub/2023-en.epub')).toBe(epub.bytes)
    expect(site.problems).toEqual([])
  })

  it('links the EPUB beside the PDF on every page, with its size', () => {
    const pages = [...site.files.keys()].filter((name) => name.startsWith('en/2023/') && name.endsWith('index.html') && !text(site.files.get(name)).includes('http-equiv="refresh"'))
    expect(pages.length).toBeGreaterThan(5)
    for (const page of pages) {
      const up = '../'.repeat(page.split('/').length - 1)
      expect(links(page), page).toEqual(expect.arrayContaining([[`${up}pdf/2023-en.pdf`, 'application/pdf', 'Download the PDF (0.3 MB)'], [`${up}epub/2023-en.epub`, 'application/epub+zip', 'Download the EPUB (0.7 MB)']]))
    }
  })
})
