import {h} from 'hastscript'
import type {Translator} from '@mltop10/i18n'
import {coverFile, type BookPart} from './book.js'
import type {XhtmlDocument} from './xhtml.js'

/** File of the navigation document. */
export const navFile = 'nav.xhtml'

/**
 * The navigation document: the contents (the same entries as the PDF's, with
 * the risk map and the mappings matrix, which the PDF's bookmarks also list) and
 * the landmarks (cover, contents, start of the body matter). It is also the
 * contents page in the reading order, after the cover.
 *
 * @param parts The content documents in reading order.
 * @param translator UI strings of the book's language.
 */
export function renderNavigation(parts: readonly BookPart[], translator: Translator): XhtmlDocument {
  const {t} = translator
  const listed = parts.filter((part) => part.toc !== undefined)
  const body = parts.find((part) => part.landmark === 'bodymatter')
  const landmarks = [
    {type: 'cover', href: coverFile, label: parts.find((part) => part.landmark === 'cover')?.document.title ?? coverFile},
    {type: 'toc', href: `${navFile}#toc`, label: t('pdf.contents')},
    ...(body ? [{type: 'bodymatter', href: body.file, label: body.toc ?? body.document.title}] : [])
  ]
  return {
    title: t('pdf.contents'),
    lang: translator.locale,
    dir: translator.dir,
    type: 'frontmatter',
    body: [
      h('nav.toc#toc', {'epub:type': 'toc', role: 'doc-toc', ariaLabelledBy: 'contents'}, [h('h1#contents', t('pdf.contents')), h('ol', listed.map((part) => h('li', h('a', {href: part.file}, part.toc))))]),
      h('nav#landmarks', {'epub:type': 'landmarks', hidden: true}, h('ol', landmarks.map((landmark) => h('li', h('a', {'epub:type': landmark.type, href: landmark.href}, landmark.label)))))
    ]
  }
}
