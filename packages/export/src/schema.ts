import {scoreFactors} from '@mltop10/core'
import {exportFormatVersion} from './export-edition.js'

const text = {type: 'string', minLength: 1} as const
const url = {type: 'string', pattern: '^https?://'} as const
const level = {enum: ['very-low', 'low', 'moderate', 'high', 'very-high']} as const

/** JSON Schema (draft 2020-12) of the edition export, published beside it. */
export const editionSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `https://owasp.org/www-project-machine-learning-security-top-10/schema/edition-${exportFormatVersion}.json`,
  title: 'OWASP Machine Learning Security Top 10 edition',
  type: 'object',
  additionalProperties: false,
  required: ['format', 'title', 'edition', 'version', 'status', 'released', 'license', 'locale', 'risks', 'pages'],
  properties: {
    $schema: {type: 'string'},
    format: {const: exportFormatVersion},
    title: text,
    edition: text,
    version: {type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?$'},
    status: {enum: ['draft', 'final']},
    released: {type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$'},
    license: {type: 'object', additionalProperties: false, required: ['id', 'name', 'url'], properties: {id: text, name: text, url}},
    locale: text,
    risks: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'rank', 'title', 'slug', 'formerly', 'summary', 'scores', 'mappings', 'scenarios', 'references'],
        properties: {
          id: {type: 'string', pattern: '^ML(0[1-9]|10)$'},
          rank: {type: 'integer', minimum: 1, maximum: 10},
          title: text,
          slug: {type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$'},
          formerly: {type: 'array', items: {type: 'object', additionalProperties: false, required: ['title', 'slug'], properties: {title: text, slug: text}}},
          summary: text,
          scores: {
            type: 'object',
            additionalProperties: false,
            required: [...scoreFactors],
            properties: Object.fromEntries(scoreFactors.map((factor) => [factor, {type: 'object', additionalProperties: false, required: ['score', 'level'], properties: {score: {type: 'integer', minimum: 1, maximum: 5}, level}}]))
          },
          mappings: {
            type: 'object',
            additionalProperties: false,
            required: ['atlas', 'llm'],
            properties: {
              atlas: {type: 'array', items: {type: 'object', additionalProperties: false, required: ['id', 'name', 'url'], properties: {id: {type: 'string', pattern: '^AML\\.T\\d{4}(\\.\\d{3})?$'}, name: text, url}}},
              llm: {type: 'array', items: {type: 'object', additionalProperties: false, required: ['id', 'name'], properties: {id: {type: 'string', pattern: '^LLM(0[1-9]|10)$'}, name: text}}}
            }
          },
          scenarios: {type: 'array', minItems: 2, items: {type: 'object', additionalProperties: false, required: ['id', 'title'], properties: {id: {type: 'string', pattern: '^scenario-\\d+$'}, title: text}}},
          references: {type: 'array', minItems: 3, items: {type: 'object', additionalProperties: false, required: ['title', 'url', 'note'], properties: {title: text, url, note: {type: 'string'}}}}
        }
      }
    },
    pages: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'kind', 'title', 'hash', 'translation'],
        properties: {name: text, kind: {enum: ['risk', 'glossary', 'page']}, title: text, hash: {type: 'string', pattern: '^[0-9a-f]{64}$'}, translation: {enum: ['source', 'translated', 'outdated', 'missing']}}
      }
    }
  }
} as const
