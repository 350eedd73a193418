import {zipSync, type Zippable} from 'fflate'

/** The name of the file an EPUB must begin with, and its only allowed content. */
const mimetypeName = 'mimetype'
const mimetype = 'application/epub+zip'

/**
 * The OCF container of an EPUB: `mimetype` first, stored (uncompressed, no extra
 * field), then every other file in sorted order, deflated, all with the same
 * time. The same files and time give the same bytes on any machine and in any
 * time zone.
 *
 * @param files Paths inside the container (`META-INF/container.xml`, ...) and their contents.
 * @param epoch Seconds since 1970 (UTC) every entry is dated with.
 */
export function zipEpub(files: ReadonlyMap<string, string | Uint8Array>, epoch: number): Uint8Array {
  const mtime = zipTime(epoch)
  const encoder = new TextEncoder()
  const entries: Zippable = {[mimetypeName]: [encoder.encode(mimetype), {level: 0, mtime}]}
  const names = [...files.keys()].filter((name) => name !== mimetypeName).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  for (const name of names) {
    const content = files.get(name)!
    entries[name] = [typeof content === 'string' ? encoder.encode(content) : content, {level: 9, mtime}]
  }
  return zipSync(entries)
}

/**
 * A date whose local fields are the UTC fields of `epoch`: fflate writes the local time into the
 * zip's MS-DOS date fields, so this keeps the bytes independent of the machine's time zone.
 */
function zipTime(epoch: number): Date {
  const utc = new Date(epoch * 1000)
  // MS-DOS dates start in 1980.
  if (utc.getUTCFullYear() < 1980) return new Date(1980, 0, 1, 12, 0, 0)
  return new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), utc.getUTCHours(), utc.getUTCMinutes(), utc.getUTCSeconds())
}
