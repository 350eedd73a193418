import {exitCodes, MlTop10Error, type SiteConfig} from '@mltop10/core'
import type {Language} from '@mltop10/i18n'
import {writeFolderAtomically} from '@mltop10/output'
import {renderSite} from './render-site.js'
import {languageNameFonts} from './script-fonts.js'

/** Options of `buildSite`. */
export interface BuildSiteOptions {
  /**
   * The languages to publish, the default one (English) first, each with its
   * editions oldest first; the default language's last edition is the one the site root opens.
   */
  readonly languages: readonly Language[]
  /** Folder to write the site to; replaced atomically. */
  readonly outDir: string
  /** Absolute URL the site is served from, for canonical URLs and the sitemap. Default: `http://localhost:8080/`. */
  readonly baseUrl?: string | undefined
  /** Extra scripts for every page, as site paths (the dev server's reload script). */
  readonly extraAssets?: ReadonlyMap<string, string>
  /** The repository of the content, for "edit this page" and "report a problem" links; none when absent. */
  readonly repository?: SiteConfig['repository'] | undefined
  /** More files to publish as they are, by site path (such as data exports). */
  readonly files?: ReadonlyMap<string, string | Uint8Array>
  /** The PDF of each edition in each language, by file name (`artifactNames.pdf`): copied into the site and linked from every page. */
  readonly pdfs?: ReadonlyMap<string, {readonly file: string; readonly bytes: Uint8Array}>
  /** The EPUB of each edition in each language, by file name (`artifactNames.epub`): copied into the site and linked from every page beside the PDF. */
  readonly epubs?: ReadonlyMap<string, {readonly file: string; readonly bytes: Uint8Array}>
}

/** What a build produced. */
export interface BuildResult {
  readonly outDir: string
  /** HTML pages written, redirects included. */
  readonly pages: number
  /** All files written. */
  readonly files: number
  readonly bytes: number
}

/**
 * Builds the static site of one or more editions: a page per document, the
 * home page, search, redirects from former slugs, 404, sitemap and robots.txt.
 * Every internal link and fragment is checked before anything is written; the
 * output folder is replaced atomically, so a failed build leaves the previous
 * site in place. The output is deterministic: the same input gives the same bytes.
 *
 * @param options Editions, output folder and base URL.
 * @throws {MlTop10Error} With every broken link and its source, when links are broken.
 */
export async function buildSite(options: BuildSiteOptions): Promise<BuildResult> {
  const site = renderSite({...options, languageNames: await languageNameFonts(options.languages.map((language) => language.locale))})
  if (site.problems.length > 0) throw brokenLinksError(site.problems)
  await writeFolderAtomically(options.outDir, site.files)
  let bytes = 0
  for (const content of site.files.values()) bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength
  return {outDir: options.outDir, pages: site.pages, files: site.files.size, bytes}
}

/**
 * The error a site with broken links fails with: every problem, each naming its source.
 *
 * @param problems The problems of `renderSite`.
 */
export function brokenLinksError(problems: readonly string[]): MlTop10Error {
  return new MlTop10Error(`${problems.length} broken link${problems.length === 1 ? '' : 's'} in the site:\n${problems.join('\n')}`, 'Fix each link at the source it names; nothing was written', exitCodes.contentErrors)
}
