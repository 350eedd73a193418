import {existsSync, readFileSync} from 'node:fs'
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {join} from 'node:path'
import sirv from 'sirv'

/** Options of `serveSite`. */
export interface ServeSiteOptions {
  /** Folder of the built site. */
  readonly dir: string
  /** Port on 127.0.0.1; 0 picks a free one. Default: 8080. */
  readonly port?: number
  /** Extra request handler tried first (the dev server's reload events). */
  readonly handle?: (request: IncomingMessage, response: ServerResponse) => boolean
}

/** A running local server. */
export interface SiteServer {
  /** Base URL, such as `http://127.0.0.1:8080/`. */
  readonly url: string
  close(): Promise<void>
}

/**
 * Serves a built site on the loopback interface only, as a static host would:
 * folders answer with their `index.html` (without the slash, a redirect to it), missing paths with `404.html` and
 * status 404. sirv refuses paths outside the folder. Files are read on each
 * request, so a rebuild shows at once. A malformed address gets 400, a redirect
 * always stays on this host, and an error in one request never stops the server.
 *
 * @param options Folder, port and an optional extra handler.
 */
export async function serveSite(options: ServeSiteOptions): Promise<SiteServer> {
  const files = sirv(options.dir, {dev: true, etag: false, dotfiles: false})
  const answer = (request: IncomingMessage, response: ServerResponse): void => {
    if (options.handle?.(request, response)) return
    const path = requestPath(request.url)
    if (path === undefined) {
      response.writeHead(400, {'Content-Type': 'text/plain; charset=utf-8'}).end('Bad request: the address is not a valid URL path.\n')
      return
    }
    // Like a static host, send a folder without its slash to the slash form, so relative links resolve.
    if (!path.endsWith('/') && !/\.[a-z\d]+$/i.test(path) && !path.includes('..') && existsSync(join(options.dir, path, 'index.html'))) {
      response.writeHead(301, {Location: redirectTarget(path)}).end()
      return
    }
    files(request, response, () => {
      response.statusCode = 404
      response.setHeader('Content-Type', 'text/html; charset=utf-8')
      try {
        response.end(readFileSync(join(options.dir, '404.html')))
      } catch {
        response.end('Not found')
      }
    })
  }
  const server = createServer((request, response) => {
    // One bad request must never stop the server (`pnpm dev` runs on it).
    try {
      answer(request, response)
    } catch {
      if (response.headersSent) response.destroy()
      else response.writeHead(500, {'Content-Type': 'text/plain; charset=utf-8'}).end('Internal error.\n')
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8080, '127.0.0.1', resolve)
  })
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

/**
 * The decoded path of a request target, or `undefined` when it is not an
 * origin-form path (`/...`) or its percent-encoding is malformed (`/%`).
 */
function requestPath(target: string | undefined): string | undefined {
  const raw = (target ?? '/').replace(/[?#].*$/s, '')
  if (!raw.startsWith('/')) return undefined
  try {
    const path = decodeURIComponent(raw)
    return path.includes('\0') ? undefined : path
  } catch {
    return undefined
  }
}

/**
 * Where a folder without its slash redirects: the same segments, each encoded,
 * after one slash. Empty segments are dropped, so `/%2fen` (`//en`) goes to `/en/`
 * and never to `//en/`, which a browser reads as another host; encoding keeps
 * `:` and `\` out of the header.
 */
function redirectTarget(path: string): string {
  const segments = path.split('/').filter((segment) => segment !== '')
  return `/${segments.map((segment) => encodeURIComponent(segment)).join('/')}/`
}
