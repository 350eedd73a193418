// Runs a query against the build-time MiniSearch index of this edition and
// language. Every message comes from data attributes written by the build.
import MiniSearch from './minisearch.js'
import {needsEveryTerm, searchTokens} from './search-tokens.js'

const container = document.getElementById('search-results')
const query = new URLSearchParams(window.location.search).get('q')?.trim() ?? ''
const input = document.getElementById('site-search')
if (input) input.value = query

const fill = (template, values) => template.replace(/\{\{(\w+)\}\}/g, (_, name) => String(values[name] ?? ''))

async function run() {
  if (!container || query === '') return
  const response = await fetch(container.dataset.index)
  const {options, locale, index} = await response.json()
  const search = MiniSearch.loadJS(index, {...options, tokenize: (text) => searchTokens(text, locale)})
  const hits = search.search(query, {prefix: true, fuzzy: 0.2, boost: {title: 3, page: 1.5}, combineWith: needsEveryTerm(query) ? 'AND' : 'OR'}).slice(0, 30)
  const heading = document.createElement('h2')
  if (hits.length === 0) {
    heading.textContent = fill(container.dataset.noResults, {query})
    container.replaceChildren(heading)
    return
  }
  const category = new Intl.PluralRules(locale).select(hits.length)
  const key = `results${category[0].toUpperCase()}${category.slice(1)}`
  heading.textContent = fill(container.dataset[key] ?? container.dataset.resultsOther, {count: hits.length, query})
  const list = document.createElement('ol')
  list.className = 'search-hits'
  for (const hit of hits) {
    const item = document.createElement('li')
    const link = document.createElement('a')
    link.href = hit.url
    link.textContent = hit.title === hit.page ? hit.title : `${hit.page}: ${hit.title}`
    const excerpt = document.createElement('p')
    excerpt.textContent = hit.excerpt
    item.append(link, excerpt)
    list.append(item)
  }
  container.replaceChildren(heading, list)
}

run()
