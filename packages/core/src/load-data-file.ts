import type {Point} from 'unist'
import type {VFile} from 'vfile'
import type {z} from 'zod'
import {readSource} from './source.js'
import {parseYamlData} from './yaml-data.js'

/** A YAML or JSON data file as read: its data when valid, and where each field is. */
export interface DataFile<T> {
  readonly file: VFile
  /** The data, only when the file is readable and matches the schema. */
  readonly data: T | undefined
  /** Point of the value at a path (or of the nearest enclosing key), to report later problems. */
  readonly locate: (path: readonly PropertyKey[]) => Point
}

/**
 * Reads a YAML (or JSON, which YAML includes) file and validates it with a
 * schema, reporting syntax and schema problems on the file with positions.
 *
 * @param path Absolute path of the file.
 * @param schema zod schema of the data.
 */
export async function loadDataFile<S extends z.ZodType>(path: string, schema: S): Promise<DataFile<z.output<S>>> {
  const source = await readSource(path)
  const start = {line: 1, column: 1}
  if (source.text === undefined) return {file: source.file, data: undefined, locate: () => start}
  const {data, locate} = parseYamlData(source.text, schema, {file: source.file, line: 1, start})
  return {file: source.file, data, locate}
}
