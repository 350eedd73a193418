import {MlTop10Error} from './errors.js'
import type {Edition, EditionDocument, GlossaryDocument, PageDocument, RiskDocument} from './types.js'

/**
 * Puts an edition together from its documents: the risks in rank order and the
 * required pages by name. The one place an `Edition` is built, for the English
 * edition and for each localized one.
 *
 * @param base The edition's folder, manifest and releases.
 * @param documents Every document, valid, in the manifest's order.
 * @throws {MlTop10Error} When a required page is missing (the loaders check this first).
 */
export function assembleEdition(base: Pick<Edition, 'dir' | 'manifest' | 'releases'>, documents: readonly EditionDocument[]): Edition {
  const byName = new Map(documents.map((document) => [document.name, document]))
  const find = <K extends EditionDocument['kind']>(name: string, kind: K): Extract<EditionDocument, {kind: K}> => {
    const document = byName.get(name)
    if (document?.kind !== kind) throw new MlTop10Error(`Edition ${base.manifest.edition} has no \`${name}.md\``, 'Load editions with loadEdition, which reports a missing required page')
    return document as Extract<EditionDocument, {kind: K}>
  }
  return {
    dir: base.dir,
    manifest: base.manifest,
    documents,
    risks: documents.filter((document): document is RiskDocument => document.kind === 'risk').sort((a, b) => a.rank - b.rank),
    glossary: find('glossary', 'glossary') satisfies GlossaryDocument,
    introduction: find('introduction', 'page') satisfies PageDocument,
    about: find('about', 'page') satisfies PageDocument,
    relatedResources: find('related-resources', 'page') satisfies PageDocument,
    releases: base.releases
  }
}
