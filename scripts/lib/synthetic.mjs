// Synthetic editions for the scaling benchmark: the real 2023 edition plus copies of its own
// pages, so that an edition `factor` times the size keeps the real mix of prose, tables, lists,
// links and glossary references. Written to a temporary folder, never into the repository.
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {documentNames, scalar, splitFrontMatter} from './edition-files.mjs'

/**
 * Writes a content folder at `dest` whose 2023 edition has `factor` times the documents of the
 * real one: the real documents, then copies of each (risk pages copied as plain pages, their
 * Markdown unchanged), inserted before the glossary.
 *
 * @param {string} contentDir the repository's `content` folder
 * @param {string} dest a new folder
 * @param {number} factor 1 or more
 * @returns {{documents: number}}
 */
export function writeScaledContent(contentDir, dest, factor) {
  cpSync(join(contentDir, 'editions', '2023'), join(dest, 'editions', '2023'), {recursive: true})
  cpSync(join(contentDir, 'site.yaml'), join(dest, 'site.yaml'))
  const editionDir = join(dest, 'editions', '2023')
  const manifestPath = join(editionDir, 'edition.yaml')
  const manifest = readFileSync(manifestPath, 'utf8')
  const names = documentNames(editionDir)
  const sources = names.filter((name) => name !== 'glossary').map((name) => ({name, markdown: readFileSync(join(editionDir, `${name}.md`), 'utf8')}))
  const extra = []
  for (let copy = 1; copy < factor; copy++) {
    for (const {name, markdown} of sources) {
      const {front, body} = splitFrontMatter(markdown)
      const title = scalar(front, 'title') ?? name
      const description = scalar(front, 'description') ?? scalar(front, 'summary') ?? `A copy of ${name} for the scaling benchmark.`
      const copyName = `copy-${String(copy).padStart(3, '0')}-${name}`
      writeFileSync(join(editionDir, `${copyName}.md`), `---\ntitle: ${JSON.stringify(`${title} (copy ${copy})`)}\ndescription: ${JSON.stringify(description)}\n---\n${body}`)
      extra.push(`  - ${copyName}`)
    }
  }
  writeFileSync(manifestPath, manifest.replace('  - glossary\n', `${extra.map((line) => `${line}\n`).join('')}  - glossary\n`))
  return {documents: names.length + extra.length}
}
