import {readdirSync} from 'node:fs'
import {readFile, writeFile} from 'node:fs/promises'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import type {Element} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toHtml} from 'hast-util-to-html'
import {visit} from 'unist-util-visit'
import {describe, expect, it} from 'vitest'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {toSafeHast} from '../src/markdown.js'

const parseMarkdown = (text: string) => unified().use(remarkParse).use(remarkGfm).parse(text)

const folder = fileURLToPath(new URL('fixtures/hostile/', import.meta.url))
const cases = readdirSync(folder).sort()

describe.each(cases)('hostile Markdown: %s', (name) => {
  it('renders to harmless HTML', async () => {
    const input = await readFile(join(folder, name, 'input.md'), 'utf8')
    const html = `${toHtml(toSafeHast(parseMarkdown(input)))}\n`
    const expectedPath = join(folder, name, 'expected.html')
    if (process.env['UPDATE']) await writeFile(expectedPath, html)
    expect(html).toBe(await readFile(expectedPath, 'utf8'))

    const tree = fromHtml(html, {fragment: true})
    visit(tree, 'element', (node: Element) => {
      expect(['script', 'iframe', 'object', 'embed', 'style', 'svg', 'link', 'form', 'input', 'base', 'meta']).not.toContain(node.tagName)
      for (const [key, value] of Object.entries(node.properties)) {
        expect(key.toLowerCase().startsWith('on'), `${key} on <${node.tagName}>`).toBe(false)
        expect(key).not.toBe('style')
        if (key === 'id' || key === 'name') expect(String(value)).toMatch(/^user-content-/)
        if (key === 'href' || key === 'src') expect(String(value)).not.toMatch(/^\s*(?:javascript|data|vbscript):/i)
      }
    })
  })
})
