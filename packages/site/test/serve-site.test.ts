import {request} from 'node:http'
import {mkdir, rm, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {serveSite, type SiteServer} from '../src/index.js'
import {temporaryFolder} from './helpers.js'

let dir: string
let server: SiteServer

beforeAll(async () => {
  dir = await temporaryFolder('serve')
  await mkdir(join(dir, 'en', '2023'), {recursive: true})
  await writeFile(join(dir, 'index.html'), '<p>home</p>')
  await writeFile(join(dir, 'en', 'index.html'), '<p>english</p>')
  await writeFile(join(dir, 'en', '2023', 'index.html'), '<p>2023</p>')
  await writeFile(join(dir, '404.html'), '<p>not found</p>')
  server = await serveSite({
    dir,
    port: 0,
    handle: (incoming) => {
      if (incoming.url === '/handler-error') throw new Error('a bug in an extra handler')
      return false
    }
  })
}, 20_000)
afterAll(async () => {
  await server?.close()
  await rm(dir, {recursive: true, force: true})
})

/** Sends a request target byte for byte (fetch would normalise it) and collects the answer. */
function get(target: string): Promise<{status: number; location: string | undefined; body: string}> {
  const {port} = new URL(server.url)
  return new Promise((resolve, reject) => {
    const outgoing = request({host: '127.0.0.1', port, path: target, method: 'GET'}, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({status: response.statusCode ?? 0, location: response.headers.location, body}))
    })
    outgoing.on('error', reject)
    outgoing.end()
  })
}

describe('serveSite on malformed addresses', () => {
  it.each(['/%', '/%E0%A4%A', '/en/%zz', '/a%00b'])('answers %s with 400 and keeps serving', async (target) => {
    expect((await get(target)).status).toBe(400)
    expect(await get('/en/')).toMatchObject({status: 200, body: '<p>english</p>'})
  })

  it('answers an error in a request handler with 500 and keeps serving', async () => {
    expect((await get('/handler-error')).status).toBe(500)
    expect((await get('/')).status).toBe(200)
  })
})

describe('serveSite redirects', () => {
  it('sends a folder without its slash to the slash form', async () => {
    expect(await get('/en/2023')).toMatchObject({status: 301, location: '/en/2023/'})
  })

  it.each(['/%2fen', '//en', '/%2F%2Fen', '/%5c/en', '/en%2f2023'])('keeps %s on this host: the Location is one path, never //host or a scheme', async (target) => {
    const {status, location} = await get(target)
    if (status === 301) {
      expect(location).toMatch(/^\/[^/\\]/)
      expect(location).not.toMatch(/:/)
    } else {
      expect(status).toBe(404)
    }
  })

  it('redirects /%2fen to /en/', async () => {
    expect(await get('/%2fen')).toMatchObject({status: 301, location: '/en/'})
  })

  it('answers a missing page with the 404 page', async () => {
    expect(await get('/nowhere/')).toMatchObject({status: 404, body: '<p>not found</p>'})
  })
})
