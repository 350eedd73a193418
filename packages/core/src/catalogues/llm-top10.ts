import type {Catalogue} from '../types.js'

// The list has one page for all entries; entries link to it.
const list = 'https://genai.owasp.org/llm-top-10/'
const entry = (id: string, name: string) => [id, {name, url: list}] as const

/** The OWASP Top 10 for LLM Applications 2025, by id. */
export const llmTop10: Catalogue = Object.fromEntries([
  entry('LLM01', 'Prompt Injection'),
  entry('LLM02', 'Sensitive Information Disclosure'),
  entry('LLM03', 'Supply Chain'),
  entry('LLM04', 'Data and Model Poisoning'),
  entry('LLM05', 'Improper Output Handling'),
  entry('LLM06', 'Excessive Agency'),
  entry('LLM07', 'System Prompt Leakage'),
  entry('LLM08', 'Vector and Embedding Weaknesses'),
  entry('LLM09', 'Misinformation'),
  entry('LLM10', 'Unbounded Consumption')
])
