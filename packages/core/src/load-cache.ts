import {createHash} from 'node:crypto'
import {readFile, realpath} from 'node:fs/promises'
import type {VFile} from 'vfile'

/**
 * Documents kept between loads of the same sources (the dev server): a file whose
 * bytes, real path and inputs are unchanged is not parsed and validated again, and
 * its document is the same object as before, so a caller can tell what changed by
 * identity. Only a process that loads again and again needs one; create it with
 * `createLoadCache` and pass it to every load.
 */
export interface LoadCache {
  /** By path: the fingerprint of what was loaded, the result and its own messages' count. */
  readonly entries: Map<string, {readonly key: string; readonly value: {readonly file: VFile}; readonly messages: number}>
  /** A number for each object seen, so a key can name an object (the English page a translation checks against). */
  readonly ids: WeakMap<object, number>
  /** The number the next object gets. */
  next: number
}

/** An empty cache for `loadEdition` and `loadLocales`. */
export function createLoadCache(): LoadCache {
  return {entries: new Map(), ids: new WeakMap(), next: 1}
}

/**
 * A number that stands for one object in keys of this cache.
 *
 * @param cache The cache.
 * @param object Any object.
 */
export function identityIn(cache: LoadCache, object: object): number {
  let id = cache.ids.get(object)
  if (id === undefined) {
    id = cache.next++
    cache.ids.set(object, id)
  }
  return id
}

/**
 * Loads a file through the cache: when its bytes, real path and `inputs` are those of the
 * last load, returns that result again, without the messages later checks added to its
 * file (they run again); otherwise loads it and remembers the result.
 *
 * @param cache The cache, or `undefined` to always load.
 * @param path Absolute path of the file.
 * @param inputs Everything else the result depends on, as a string.
 * @param load Loads the file.
 */
export async function loadCached<T extends {readonly file: VFile}>(cache: LoadCache | undefined, path: string, inputs: string, load: () => Promise<T>): Promise<T> {
  if (!cache) return load()
  const key = await fingerprint(path)
  if (key === undefined) {
    cache.entries.delete(path)
    return load()
  }
  const full = `${key}\u0000${inputs}`
  const entry = cache.entries.get(path)
  if (entry?.key === full) {
    entry.value.file.messages.length = entry.messages
    return entry.value as T
  }
  const value = await load()
  cache.entries.set(path, {key: full, value, messages: value.file.messages.length})
  return value
}

/** Real path and SHA-256 of a file's bytes; `undefined` when it cannot be read (the load reports why). */
async function fingerprint(path: string): Promise<string | undefined> {
  try {
    const [real, bytes] = await Promise.all([realpath(path), readFile(path)])
    return `${real}\u0000${createHash('sha256').update(bytes).digest('hex')}`
  } catch {
    return undefined
  }
}
