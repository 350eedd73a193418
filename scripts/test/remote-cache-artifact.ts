// Writes a turbo cache artifact by hand, as someone with write access to the cache's storage
// could: a tar archive of a task's outputs in a zstd frame. The frame uses stored (raw) blocks,
// which every zstd decoder reads, so the test needs neither a zstd binary nor a library.
import {readdirSync, readFileSync} from 'node:fs'
import {join, posix, relative, sep} from 'node:path'

const blockSize = 512
// zstd caps a block at min(window, 128 KiB); a 128 KiB window is exponent 7 (2^(10+7)).
const zstdBlockMax = 128 * 1024
const zstdWindowDescriptor = 7 << 3

/**
 * The files under each of `folders` (relative to `root`), by POSIX path relative to `root`,
 * in the order turbo archives them.
 *
 * @param root The repository root of a workspace.
 * @param folders Output folders of one task, e.g. `['packages/cli/.turbo', 'packages/cli/dist']`.
 */
export function readOutputs(root: string, folders: readonly string[]): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile()) files.set(relative(root, path).split(sep).join('/'), readFileSync(path))
    }
  }
  for (const folder of folders) walk(join(root, folder))
  return files
}

/**
 * A turbo cache artifact (`.tar.zst`) restoring `files`, each with its parent folders.
 *
 * @param files File contents by POSIX path relative to the repository root.
 */
export function writeArtifact(files: ReadonlyMap<string, Buffer>): Buffer {
  const parts: Buffer[] = []
  const folders = new Set<string>()
  for (const [path, content] of files) {
    const parents = posix.dirname(path).split('/')
    for (let depth = 1; depth <= parents.length; depth++) {
      const folder = `${parents.slice(0, depth).join('/')}/`
      if (folders.has(folder)) continue
      folders.add(folder)
      parts.push(tarHeader(folder, 0, '5', 0o755))
    }
    parts.push(tarHeader(path, content.length, '0', 0o644), content, Buffer.alloc(padding(content.length)))
  }
  parts.push(Buffer.alloc(2 * blockSize)) // end of archive
  return zstdStored(Buffer.concat(parts))
}

function padding(length: number) {
  return (blockSize - (length % blockSize)) % blockSize
}

/** A ustar header; names stay under 100 bytes here, so no prefix field is needed. */
function tarHeader(name: string, size: number, type: '0' | '5', mode: number): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar name too long for this writer: ${name}`)
  const header = Buffer.alloc(blockSize)
  const octal = (value: number, offset: number, width: number) => header.write(`${value.toString(8).padStart(width - 1, '0')}\0`, offset, 'ascii')
  header.write(name, 0)
  octal(mode, 100, 8)
  octal(0, 108, 8) // uid
  octal(0, 116, 8) // gid
  octal(size, 124, 12)
  octal(0, 136, 12) // mtime
  header.write(type, 156, 'ascii')
  header.write('ustar\0' + '00', 257, 'ascii')
  header.fill(' ', 148, 156) // the checksum counts its own field as spaces
  let sum = 0
  for (const byte of header) sum += byte
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii')
  return header
}

/** One zstd frame of stored blocks: magic, a descriptor with only a window size, then blocks. */
function zstdStored(data: Buffer): Buffer {
  const parts: Buffer[] = [Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, zstdWindowDescriptor])]
  for (let offset = 0; offset < data.length || offset === 0; offset += zstdBlockMax) {
    const block = data.subarray(offset, offset + zstdBlockMax)
    const last = offset + zstdBlockMax >= data.length ? 1 : 0
    const header = (block.length << 3) | (0 << 1) | last // block type 0: raw
    parts.push(Buffer.from([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff]), block)
  }
  return Buffer.concat(parts)
}
