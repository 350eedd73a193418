import type {ReleaseRecord} from './releases.js'
import type {Heading, Root, RootContent} from 'mdast'
import type {Position} from 'unist'
import type {VFile} from 'vfile'

/** Publication status of an edition. */
export type EditionStatus = 'draft' | 'final'

/** The edition manifest, `edition.yaml`. */
export interface EditionManifest {
  readonly title: string
  /** Edition name, equal to its folder name (for example `2023`). */
  readonly edition: string
  /** Semantic version of the edition text. */
  readonly version: string
  readonly status: EditionStatus
  /** Release date, `YYYY-MM-DD`. */
  readonly released: string
  /** SPDX license id of the content. */
  readonly license: string
  /** Document names (file names without `.md`) in reading order. */
  readonly documents: readonly string[]
}

/** The five risk factor scores, integers from 1 to 5. */
export interface Scores {
  readonly exploitability: ScoreValue
  readonly exploitabilityApplication: ScoreValue
  readonly exploitabilityOperations: ScoreValue
  readonly detectability: ScoreValue
  readonly technicalImpact: ScoreValue
}

/** A score: an integer from 1 (very low) to 5 (very high). */
export type ScoreValue = 1 | 2 | 3 | 4 | 5

/** Name of a score factor. */
export type ScoreFactor = keyof Scores

/** Label key derived from a score: the same rule for every factor. */
export type ScoreLevel = 'very-low' | 'low' | 'moderate' | 'high' | 'very-high'

/** A former title and slug of a risk, kept so old URLs redirect. */
export interface FormerName {
  readonly title: string
  readonly slug: string
}

/** Mappings of a risk to other catalogues, each id one of its catalogue's (see `mappingCatalogues`). */
export interface Mappings {
  /** NIST AI 100-2 E2025 attack identifiers, such as `NISTAML.022` (at least one). */
  readonly nist: readonly string[]
  /** MITRE ATLAS technique ids, such as `AML.T0043` (may be empty when no technique fits). */
  readonly atlas: readonly string[]
  /** MITRE ATLAS mitigation ids, such as `AML.M0003` (at least one). */
  readonly atlasMitigations: readonly string[]
  /** CWE ids, such as `CWE-1039` (may be empty). */
  readonly cwe: readonly string[]
  /** OWASP Top 10 for LLM Applications 2025 ids, such as `LLM04` (may be empty). */
  readonly llm: readonly string[]
}

/** Which catalogue a mappings field takes its ids from. */
export type MappingField = keyof Mappings

/** An entry of a catalogue: its name in the catalogue's own words and the page that describes it. */
export interface CatalogueEntry {
  readonly name: string
  readonly url: string
}

/** A catalogue of entries by id. */
export type Catalogue = Readonly<Record<string, CatalogueEntry>>

/** A run of top-level nodes under one heading. */
export interface Section {
  /** Stable anchor of the section, the same in every translation. */
  readonly id: string
  readonly heading: Heading
  /** Nodes after the heading, up to the next heading of the same or higher rank. */
  readonly children: readonly RootContent[]
  readonly position: Position | undefined
}

/** An example attack scenario: a titled subsection of "Example Attack Scenarios". */
export interface Scenario extends Section {
  /** 1-based position, from which the id `scenario-N` is derived. */
  readonly number: number
  readonly title: string
}

/** A control in "How to Prevent": a list item opening with the control's name in bold. */
export interface Control {
  readonly name: string
  readonly position: Position | undefined
}

/** A signal of "Detect and Respond": its name, and where it is logged and how it alerts. */
export interface Signal {
  readonly name: string
  readonly detail: string
  readonly position: Position | undefined
}

/** "Detect and Respond" as data: the signals to watch and the first response steps, in order. */
export interface DetectAndRespond {
  readonly signals: readonly Signal[]
  readonly steps: readonly string[]
}

/** An item of "Checklist": a control a reviewer can verify, and what proves it. */
export interface ChecklistItem {
  readonly control: string
  readonly evidence: string
  readonly position: Position | undefined
}

/** An entry of "References". */
export interface Reference {
  readonly title: string
  readonly url: string
  /** Text after the link (authors, venue, year), if any. */
  readonly note: string
  readonly position: Position | undefined
}

/** Where a link between documents (`glossary.md#overfitting`) points: a document of the edition and an optional anchor in it. */
export interface DocumentLink {
  /** Target document name (file name without `.md`). */
  readonly document: string
  /** Target anchor without `#`, or `undefined` for the document itself. */
  readonly anchor: string | undefined
}

/** A link from one document to a document of the same edition, or to an anchor in it. */
export interface InternalLink extends DocumentLink {
  /** The link as written. */
  readonly url: string
  readonly position: Position | undefined
}

/** What every document has. */
export interface BaseDocument {
  /** File name without `.md`; also the last part of the page URL, lower-cased. */
  readonly name: string
  /** Absolute path of the source file. */
  readonly path: string
  readonly title: string
  /** One sentence describing the page (a risk's summary). */
  readonly description: string
  /** The Markdown body as mdast, positions relative to the source file. */
  readonly tree: Root
  /** Every anchor a link may target in this document. */
  readonly anchors: ReadonlySet<string>
  /** Links to other documents or anchors of this edition. */
  readonly links: readonly InternalLink[]
  /**
   * Anchors of the headings below the title, in document order (pages: every
   * heading; glossary: every term). Empty for risks, whose anchors come from
   * their structure.
   */
  readonly headingIds: readonly string[]
  /** SHA-256 (hex) of the source text, after BOM and CRLF normalisation. */
  readonly hash: string
}

/** One of the ten risks. */
export interface RiskDocument extends BaseDocument {
  readonly kind: 'risk'
  /** Stable id, `ML01`..`ML10`. */
  readonly id: string
  /** 1-based rank derived from the id. */
  readonly rank: number
  readonly slug: string
  readonly formerly: readonly FormerName[]
  readonly summary: string
  /** The three controls that matter most, as short lines (front matter `keyControls`): the summary sheet lists them. */
  readonly keyControls: readonly string[]
  readonly scores: Scores
  readonly mappings: Mappings
  readonly sections: RiskSections
  readonly controls: readonly Control[]
  readonly detectAndRespond: DetectAndRespond
  readonly checklist: readonly ChecklistItem[]
  readonly scenarios: readonly Scenario[]
  readonly references: readonly Reference[]
}

/** The fixed sections of a risk document. */
export interface RiskSections {
  readonly description: Section
  readonly howToPrevent: Section
  readonly detectAndRespond: Section
  readonly riskFactors: Section
  readonly exampleAttackScenarios: Section
  readonly checklist: Section
  readonly references: Section
}

/** A glossary entry. */
export interface GlossaryTerm {
  /** Anchor, the slug of the term. */
  readonly id: string
  readonly term: string
  readonly heading: Heading
  readonly children: readonly RootContent[]
  readonly position: Position | undefined
}

/** The glossary page. */
export interface GlossaryDocument extends BaseDocument {
  readonly kind: 'glossary'
  readonly terms: readonly GlossaryTerm[]
}

/** Names of the pages every edition has besides risks and the glossary. */
export type PageName = 'introduction' | 'about' | 'related-resources'

/** Any other page (introduction, about, related resources, extra pages). */
export interface PageDocument extends BaseDocument {
  readonly kind: 'page'
}

/** Any document of an edition. */
export type EditionDocument = RiskDocument | GlossaryDocument | PageDocument

/** A validated edition: the typed data every later stage reads. */
export interface Edition {
  /** Absolute path of the edition folder. */
  readonly dir: string
  readonly manifest: EditionManifest
  /** Every document in the manifest's order. */
  readonly documents: readonly EditionDocument[]
  /** The risks in rank order. */
  readonly risks: readonly RiskDocument[]
  readonly glossary: GlossaryDocument
  readonly introduction: PageDocument
  readonly about: PageDocument
  readonly relatedResources: PageDocument
  /** Releases recorded in `releases.yaml`, newest first (none before the first `pnpm release`). */
  readonly releases: readonly ReleaseRecord[]
}

/** What `loadEdition` returns. */
export interface LoadResult {
  /** The edition, present only when it loaded without errors. */
  readonly edition: Edition | undefined
  /** One file per source read, carrying its messages (errors have `fatal: true`). */
  readonly files: readonly VFile[]
  /** Number of errors over all files. */
  readonly errorCount: number
}

/** Site-wide settings from `content/site.yaml`; every field is optional. */
export interface SiteConfig {
  /** The repository holding the content, for "edit this page" and "report a problem" links. */
  readonly repository?: {
    /** https URL of a GitHub-style repository, such as `https://github.com/org/repo`. */
    readonly url: string
    readonly branch: string
    /** Folder of the content inside the repository. */
    readonly path: string
  }
  /** The one-page summary sheet. */
  readonly summary?: {
    /** Paper of the sheet, landscape: `a4` (default) or `letter`. */
    readonly paper: 'a4' | 'letter'
  }
}
