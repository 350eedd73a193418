import type {ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import type {ReleaseChange, ReleaseRecord} from '@mltop10/core'
import type {BodyContext} from '../context.js'

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

function renderChange(change: ReleaseChange, context: BodyContext): (ElementContent | string)[] {
  const {t} = context
  const list = (label: string, items: readonly ElementContent[]) => [label, ' ', ...items.flatMap((item, index) => (index === 0 ? [item] : [', ', item]))]
  switch (change.type) {
    case 'first':
      return [t('changelog.first', {edition: change.edition, risks: change.risks, pages: change.pages})]
    case 'added':
      return [t('changelog.added', {risk: change.risk, title: change.title})]
    case 'removed':
      return [t('changelog.removed', {risk: change.risk, title: change.title})]
    case 'renamed':
      return [t('changelog.renamed', {risk: change.risk, from: change.from, to: change.to})]
    case 'rescored':
      return [t('changelog.rescored', {risk: change.risk, factor: t(`risk.factors.${change.factor}`), from: change.from, to: change.to})]
    case 'pages':
      return list(t('changelog.pages'), change.pages.map((page) => h('a', {href: context.href(page, undefined)}, page)))
    case 'locale':
      return [t('changelog.locale', {language: change.locale, translated: change.translated, total: change.total})]
    case 'outdated':
      return list(t('changelog.outdated'), change.pages.map((page) => h('code', page)))
  }
}
