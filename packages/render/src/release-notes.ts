import type {ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import type {ReleaseChange, ReleaseRecord} from '@mltop10/core'
import type {BodyContext} from './body-context.js'

/** Id of a release's heading: `release-1-0-0`. */
export function releaseId(version: string): string {
  return `release-${version.toLowerCase().replace(/[^\da-z]+/g, '-')}`
}

/**
 * Adds the edition's release records to the changelog body, newest first, above
 * its first section (the prose history below stays as written). Each change is
 * data rendered through UI strings, so a release changes no translated page.
 *
 * @param tree hast of the changelog body, ids assigned, links rewritten.
 * @param releases The edition's releases, newest first.
 * @param context UI strings, hrefs and the id prefix.
 */
export function addReleaseNotes(tree: Root, releases: readonly ReleaseRecord[], context: BodyContext): void {
  if (releases.length === 0) return
  const {t} = context
  const notes = releases.flatMap((release): ElementContent[] => [
    h('h2', {id: `${context.idPrefix}${releaseId(release.version)}`}, t('changelog.release', {version: release.version, date: release.date})),
    h(
      'ul.release-changes',
      release.changes.map((change) => h('li', renderChange(change, context)))
    )
  ])
  const first = tree.children.findIndex((node) => node.type === 'element' && node.tagName === 'h2')
  tree.children.splice(first === -1 ? tree.children.length : first, 0, ...notes)
}

/**
 * One change of a release in words, through UI strings: a sentence, or a label
 * followed by the pages it names. The changelog page and the release command's
 * summary both say a change this way.
 *
 * @param change A change of a release record.
 * @param t UI strings of the language to say it in.
 */
export function describeChange(change: ReleaseChange, t: BodyContext['t']): {readonly text: string; readonly pages?: readonly string[]} {
  switch (change.type) {
    case 'first':
      return {text: t('changelog.first', {edition: change.edition, risks: change.risks, pages: change.pages})}
    case 'added':
    case 'removed':
      return {text: t(`changelog.${change.type}`, {risk: change.risk, title: change.title})}
    case 'renamed':
      return {text: t('changelog.renamed', {risk: change.risk, from: change.from, to: change.to})}
    case 'rescored':
      return {text: t('changelog.rescored', {risk: change.risk, factor: t(`risk.factors.${change.factor}`), from: change.from, to: change.to})}
    case 'locale':
      return {text: t('changelog.locale', {language: change.locale, translated: change.translated, total: change.total})}
    case 'pages':
    case 'outdated':
      return {text: t(`changelog.${change.type}`), pages: change.pages}
  }
}

/** A change on the page: changed pages link to themselves; outdated ones are `locale/page` codes. */
function renderChange(change: ReleaseChange, context: BodyContext): (ElementContent | string)[] {
  const {text, pages} = describeChange(change, context.t)
  if (!pages) return [text]
  const items = pages.map((page): ElementContent => (change.type === 'pages' ? h('a', {href: context.href(page, undefined)}, page) : h('code', page)))
  return [text, ' ', ...items.flatMap((item, index) => (index === 0 ? [item] : [', ', item]))]
}
