import type {Point} from 'unist'
import type {VFile} from 'vfile'
import {isMap, isPair, isScalar, LineCounter, parseDocument, visit, type Document, type YAMLError} from 'yaml'
import type {z} from 'zod'
import {report} from './problem.js'

/** Where a YAML text sits in its file: the line its first character is on. */
export interface YamlOrigin {
  readonly file: VFile
  /** 1-based line of the YAML text's first line in the file. */
  readonly line: number
  /** Point reported for a field that is missing altogether. */
  readonly start: Point
  /** The document that lists the fields, named in hints. Default: `content/README.md`. */
  readonly fieldsDoc?: string | undefined
}

type PathKey = PropertyKey

/** Parsed YAML data, and a way to find where a field is. */
export interface YamlData<T> {
  /** The data, only when it is valid. */
  readonly data: T | undefined
  /** Point of the value at a path (or of the nearest enclosing key), for later checks. */
  readonly locate: (path: readonly PathKey[]) => Point
  /** Point of the key that names the value at a path (or of the value when it has none). */
  readonly locateKey: (path: readonly PathKey[]) => Point
}

/** Aliases a document may expand: `yaml`'s own default, named here because the limit is a defence. */
const maxAliasCount = 100

/**
 * Parses YAML and validates it with a schema. Every problem is reported on the
 * file with the position of the offending key or value; returns the data only
 * when it is valid.
 *
 * @param text YAML source.
 * @param schema zod schema of the expected data.
 * @param origin Where the YAML sits in its file.
 */
export function parseYamlData<S extends z.ZodType>(text: string, schema: S, origin: YamlOrigin): YamlData<z.output<S>> {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {lineCounter, prettyErrors: false, uniqueKeys: true})
  const toPoint = (offset: number): Point => {
    const {line, col} = lineCounter.linePos(offset)
    return {line: line + origin.line - 1, column: col}
  }
  const find = (path: readonly PathKey[]): Point => locate(doc, path, toPoint) ?? origin.start
  const findKey = (path: readonly PathKey[]): Point => (path.length > 0 ? locateKey(doc, path.slice(0, -1), path.at(-1)!, toPoint) : undefined) ?? find(path)
  const invalid = {data: undefined, locate: find, locateKey: findKey}
  if (doc.errors.length > 0) {
    // Later YAML errors are mostly echoes of the first one: report that one only.
    const error = doc.errors[0]!
    const unclosed = unclosedQuote(doc, error)
    const reason = unclosed ? 'This quote is not closed' : (error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? error.code)
    report(origin.file, `Malformed YAML: ${reason}`, toPoint(unclosed ?? error.pos[0]), 'yaml-syntax', unclosed ? 'End the value with the same quote it starts with' : 'Check the indentation (spaces, not tabs), and quote values that contain `: `, `#` or start with `[`, `{`, `*`, `&` or `!`')
    return invalid
  }
  let data: unknown
  try {
    data = doc.toJS({maxAliasCount}) ?? {}
  } catch (error) {
    // `yaml` throws a ReferenceError when aliases expand past the limit (a "billion laughs" bomb).
    const bomb = error instanceof ReferenceError
    report(origin.file, bomb ? 'YAML aliases expand to too much data' : `Malformed YAML: ${(error as Error).message}`, toPoint(firstAlias(doc) ?? 0), bomb ? 'yaml-alias' : 'yaml-syntax', 'Write the values out: front matter and manifests need no anchors (`&name`) or aliases (`*name`)')
    return invalid
  }
  const result = schema.safeParse(data)
  if (result.success) return {data: result.data, locate: find, locateKey: findKey}
  for (const issue of result.error.issues) reportIssue(issue, doc, data, origin, toPoint)
  return invalid
}

/**
 * Offset of the opening quote of a quoted value that is never closed. `yaml`
 * reports the missing quote where the text ends, often many lines below the
 * mistake; the value starts at the quote that opened it.
 */
function unclosedQuote(doc: Document, error: YAMLError): number | undefined {
  if (error.code !== 'MISSING_CHAR' || !/quote/i.test(error.message)) return undefined
  let start: number | undefined
  visit(doc, {
    Scalar(_, node) {
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range && node.range[0] <= error.pos[0]) start = Math.max(start ?? 0, node.range[0])
    }
  })
  return start
}

/** Offset of the first alias (`*name`), where an alias bomb starts going off. */
function firstAlias(doc: Document): number | undefined {
  let offset: number | undefined
  visit(doc, {
    Alias(_, node) {
      offset ??= node.range?.[0]
      return offset === undefined ? undefined : visit.BREAK
    }
  })
  return offset
}

function reportIssue(issue: z.core.$ZodIssue, doc: Document, data: unknown, origin: YamlOrigin, toPoint: (offset: number) => Point): void {
  const path = issue.path
  const field = path.map(String).join('.')
  const value = valueAt(data, path)
  const place = locate(doc, path, toPoint) ?? origin.start
  const fieldsDoc = origin.fieldsDoc ?? 'content/README.md'

  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) {
      const keyPoint = locateKey(doc, path, key, toPoint) ?? place
      const name = [...path.map(String), key].join('.')
      report(origin.file, `Unknown field \`${name}\``, keyPoint, 'unknown-field', `Remove it, or fix its spelling (fields are listed in ${fieldsDoc})`)
    }
    return
  }
  if (value === undefined && issue.code === 'invalid_type') {
    report(origin.file, `Missing required field \`${field}\``, place, 'required-field', `Add \`${field}\` (fields are listed in ${fieldsDoc})`)
    return
  }
  if (path[0] === 'scores' && path.length === 2) {
    report(origin.file, `Score \`${field}\` is ${show(value)}; a score is an integer from 1 to 5`, place, 'score-range', 'Use a whole number from 1 (very low) to 5 (very high); labels are derived from it')
    return
  }
  const ruled = ruledIssue(issue)
  if (ruled) {
    report(origin.file, issue.message, place, ruled.ruleId, ruled.hint)
    return
  }
  if (path.length === 1 && path[0] === 'id' && typeof value === 'string') {
    report(origin.file, `Unknown risk id \`${value}\``, place, 'unknown-risk-id', 'Risk ids run from ML01 to ML10, two digits after `ML`')
    return
  }
  report(origin.file, `Field \`${field}\` ${describe(issue, value)}`, place, 'invalid-field', `Correct the value (fields are listed in ${fieldsDoc})`)
}

/** A schema's own check that names its rule and hint (see `mappingList` in `schema.ts`). */
function ruledIssue(issue: z.core.$ZodIssue): {ruleId: string; hint: string} | undefined {
  if (issue.code !== 'custom') return undefined
  const {ruleId, hint} = (issue.params ?? {}) as {ruleId?: unknown; hint?: unknown}
  return typeof ruleId === 'string' && typeof hint === 'string' ? {ruleId, hint} : undefined
}

function describe(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'string' && typeof value !== 'object' ? `must be text, got ${show(value)}: put it in quotes` : `must be ${article(issue.expected)}, got ${show(value)}`
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}, got ${show(value)}`
    case 'too_small':
      return issue.origin === 'array' ? 'must not be empty' : 'must not be empty'
    default:
      return `${issue.message}, got ${show(value)}`
  }
}

function article(type: string): string {
  return type === 'array' ? 'a list' : type === 'object' ? 'a mapping' : `a ${type}`
}

function show(value: unknown): string {
  return typeof value === 'string' ? `\`${value}\`` : JSON.stringify(value) ?? String(value)
}

function valueAt(data: unknown, path: readonly PathKey[]): unknown {
  let current = data
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}

/** Point of the deepest YAML node on the path that exists. */
function locate(doc: Document, path: readonly PathKey[], toPoint: (offset: number) => Point): Point | undefined {
  for (let length = path.length; length > 0; length--) {
    const node = doc.getIn(path.slice(0, length), true)
    if (isScalar(node) || isMap(node) || (node && typeof node === 'object' && 'range' in node)) {
      const range = (node as {range?: [number, number, number]}).range
      if (range) return length === path.length ? toPoint(range[0]) : locateKey(doc, path.slice(0, length - 1), path[length - 1]!, toPoint)
    }
  }
  return undefined
}

/** Point of a key in the mapping at `path`. */
function locateKey(doc: Document, path: readonly PathKey[], key: PathKey, toPoint: (offset: number) => Point): Point | undefined {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true)
  if (!isMap(map)) return undefined
  for (const pair of map.items) {
    if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(key) && pair.key.range) {
      return toPoint(pair.key.range[0])
    }
  }
  return undefined
}
