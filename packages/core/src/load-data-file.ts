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
  /** Point of the key naming the value at a path, to report problems about the entry as a whole. */
  readonly locateKey: (path: readonly PropertyKey[]) => Point
}

/** Options of `loadDataFile`. */
export interface LoadDataFileOptions {
  /** The folder the file must really be in: a symbolic link leading out of it is refused. */
  readonly root?: string | undefined
  /** The document that lists the file's fields, named in hints. Default: `content/README.md`. */
  readonly fieldsDoc?: string | undefined
}

/**
 * Reads a YAML (or JSON, which YAML includes) file and validates it with a
 * schema, reporting syntax and schema problems on the file with positions.
 *
 * @param path Absolute path of the file.
 * @param schema zod schema of the data.
 * @param options The folder the file must stay in.
 */
export async function loadDataFile<S extends z.ZodType>(path: string, schema: S, options: LoadDataFileOptions = {}): Promise<DataFile<z.output<S>>> {
  const source = await readSource(path, options)
  const start = {line: 1, column: 1}
  if (source.text === undefined) return {file: source.file, data: undefined, locate: () => start, locateKey: () => start}
  const {data, locate, locateKey} = parseYamlData(source.text, schema, {file: source.file, line: 1, start, fieldsDoc: options.fieldsDoc})
  return {file: source.file, data, locate, locateKey}
}
