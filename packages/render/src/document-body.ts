import type {Root} from 'hast'
import {changelogPage, type EditionDocument} from '@mltop10/core'
import type {BodyContext} from './body-context.js'
import {isolateBidiRuns} from './transforms/bidi-isolation.js'
import {addHeadingIds} from './transforms/heading-ids.js'
import {rewriteContentLinks} from './transforms/content-links.js'
import {applyRiskStructure, wrapSections} from './transforms/risk-structure.js'
import {toSafeHast} from './markdown.js'
import {addReleaseNotes} from './release-notes.js'

/**
 * The body of one document as safe hast, in its canonical structure: anchors
 * derived from the structure (risks) or the headings (pages), links rewritten
 * for the output, runs of code and links isolated for bidirectional text,
 * sections wrapped. Used for site pages and the print document.
 *
 * @param document A document of a validated edition; it is not modified.
 * @param context UI strings, how hrefs are made, and the id prefix.
 */
export function renderDocumentBody(document: EditionDocument, context: BodyContext): Root {
  const body = toSafeHast(document.tree)
  if (document.kind === 'risk') applyRiskStructure(body, document, context)
  else addHeadingIds(body, document.headingIds, context.idPrefix)
  rewriteContentLinks(body, context, document)
  if (document.name === changelogPage && context.releases) addReleaseNotes(body, context.releases, context)
  isolateBidiRuns(body)
  wrapSections(body)
  return body
}
