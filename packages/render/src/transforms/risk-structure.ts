import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {toString} from 'hast-util-to-string'
import {riskSectionSpec, type RiskDocument} from '@mltop10/core'
import type {BodyContext} from '../body-context.js'
import {renderScoreTable} from '../score-table.js'

/**
 * Gives a risk page its canonical structure: the fixed section headings get their
 * fixed anchors and UI-string titles, scenarios become `scenario-N` with a
 * numbered title, and the generated score table opens "Risk Factors". The ids
 * come from the structure, not the text, so they are the same in every language.
 *
 * @param tree hast of the risk body, after sanitising.
 * @param risk The risk document.
 * @param context UI strings and the id prefix.
 */
export function applyRiskStructure(tree: Root, risk: RiskDocument, context: BodyContext): void {
  const {t, idPrefix} = context
  const children: typeof tree.children = []
  let section = -1
  let scenario = 0
  for (const node of tree.children) {
    if (riskSectionSpec[section]?.id === 'references' && node.type === 'element' && (node.tagName === 'ul' || node.tagName === 'ol')) {
      // A reference is mostly the work's own title and authors, often in another script than the
      // page: each item takes the direction of its first letters, so in an Arabic page an English
      // reference reads left to right and its full stop ends it, instead of landing on the left.
      for (const item of node.children) if (item.type === 'element' && item.tagName === 'li') item.properties['dir'] = 'auto'
    }
    if (node.type === 'element' && node.tagName === 'h2') {
      section++
      const spec = riskSectionSpec[section]!
      children.push(h('h2', {id: `${idPrefix}${spec.id}`}, t(`risk.section.${spec.id}`)))
      if (spec.id === 'risk-factors') children.push(renderScoreTable(risk, t))
      continue
    }
    if (node.type === 'element' && node.tagName === 'h3') {
      scenario++
      children.push(h('h3', {id: `${idPrefix}scenario-${scenario}`}, t('risk.scenario', {number: scenario, title: toString(node)})))
      continue
    }
    children.push(node)
  }
  tree.children = children
}

/** Groups a flat list of nodes into `<section>`s at each `<h2>` so landmarks and print breaks follow the structure. */
export function wrapSections(tree: Root): void {
  const out: typeof tree.children = []
  let current: Element | undefined
  for (const node of tree.children) {
    if (node.type === 'element' && node.tagName === 'h2') {
      const id = String(node.properties['id'] ?? '')
      current = h('section', {className: ['section', `section-${id}`], ariaLabelledBy: id || undefined}, [node])
      out.push(current)
    } else if (current) {
      current.children.push(node as ElementContent)
    } else {
      out.push(node)
    }
  }
  tree.children = out
}
