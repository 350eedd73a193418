import {exitCodes, MlTop10Error} from '@mltop10/core'
import {createRoutes} from './routes.js'

/** The address the site is built for when none is given: the one `pnpm dev` serves. */
export const defaultBaseUrl = 'http://localhost:8080/'

/**
 * The absolute address of an edition's home page in a locale, as the site publishes it
 * (the summary sheet prints it and encodes it as a QR code).
 *
 * @param baseUrl The site's public address (`--base-url`, `MLTOP10_BASE_URL`); default `http://localhost:8080/`.
 * @param locale BCP 47 code, such as `en`.
 * @param edition Edition name, such as `2023`.
 * @throws {MlTop10Error} With exit code 2, when the address is not usable.
 */
export function editionHomeUrl(baseUrl: string | undefined, locale: string, edition: string): string {
  return new URL(createRoutes(locale, edition).home, parseBaseUrl(baseUrl ?? defaultBaseUrl)).href
}

/**
 * Parses the public address of the site (`--base-url`, `MLTOP10_BASE_URL`): an
 * absolute http(s) URL without credentials, ending with a slash. The address is
 * written into every page (canonical links, sitemap, robots.txt, issue links),
 * so `https://user:secret@host/` would publish the secret: it is refused, and
 * messages never repeat what comes before an `@`.
 *
 * @param baseUrl The address as given.
 * @returns The address, ending with `/`.
 * @throws {MlTop10Error} With exit code 2, when the address is not usable.
 */
export function parseBaseUrl(baseUrl: string): string {
  const shown = withoutCredentials(baseUrl)
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new MlTop10Error(`Base URL \`${shown}\` is not an absolute URL`, 'Give the address the site is served from, such as https://example.org/mltop10/', exitCodes.usage)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new MlTop10Error(`Base URL \`${shown}\` is not http(s)`, 'Use an https:// address', exitCodes.usage)
  if (url.username !== '' || url.password !== '') {
    throw new MlTop10Error(`Base URL \`${shown}\` contains credentials (a user name or password before \`@\`)`, 'The base URL is printed in every page: give the public address without credentials (check --base-url and MLTOP10_BASE_URL), and change the password if it was published', exitCodes.usage)
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`
}

/** The address with anything before an `@` in its authority masked. */
function withoutCredentials(text: string): string {
  return text.replace(/^([a-z][a-z\d+.-]*:\/*)?[^/?#]*@/i, '$1***@')
}
