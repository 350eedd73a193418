import type {Element} from 'hast'
import {h} from 'hastscript'
import {atlasTechniques, llmTop10, type RiskDocument} from '@mltop10/core'
import type {Translator} from '@mltop10/i18n'
import {externalLink} from './external-link.js'

/**
 * The mappings section of a risk: its MITRE ATLAS techniques and related OWASP
 * Top 10 for LLM Applications 2025 entries, linked to their catalogues.
 *
 * @param risk The risk document.
 * @param t UI strings.
 * @param id Id of the section heading.
 */
export function renderMappings(risk: RiskDocument, t: Translator['t'], id: string): Element {
  const external = t('site.externalLink')
  const atlas = risk.mappings.atlas.map((technique) => h('li', externalLink(`https://atlas.mitre.org/techniques/${technique}`, [h('span.mapping-id', technique), ` ${atlasTechniques[technique]?.name ?? ''}`], external)))
  const llm = risk.mappings.llm.map((entry) => h('li', externalLink('https://genai.owasp.org/llm-top-10/', [h('span.mapping-id', `${entry}:2025`), ` ${llmTop10[entry]?.name ?? ''}`], external)))
  return h('section.section.section-mappings', {ariaLabelledBy: id}, [
    h('h2', {id}, t('risk.mappings.heading')),
    h('dl.mappings', [h('dt', t('risk.mappings.atlas')), h('dd', h('ul', atlas)), ...(llm.length > 0 ? [h('dt', t('risk.mappings.llm')), h('dd', h('ul', llm))] : [])])
  ])
}
