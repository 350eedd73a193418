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
 * request, so a rebuild shows at once.
 *
 * @param options Folder, port and an optional extra handler.
 */
export async function serveSite(options: ServeSiteOptions): Promise<SiteServer> {
  const files = sirv(options.dir, {dev: true, etag: false, dotfiles: false})
  const server = createServer((request, response) => {
    if (options.handle?.(request, response)) return
    // Like a static host, send a folder without its slash to the slash form, so relative links resolve.
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname)
    if (!path.endsWith('/') && !/\.[a-z\d]+$/i.test(path) && existsSync(join(options.dir, path, 'index.html')) && !path.includes('..')) {
      response.writeHead(301, {Location: `${path}/`}).end()
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
