/**
 * MITRE ATLAS techniques a risk may map to, by id. Names are proper nouns and
 * are not translated. Extend this list when a risk needs another technique.
 */
export const atlasTechniques: Readonly<Record<string, string>> = {
  'AML.T0005': 'Create Proxy ML Model',
  'AML.T0010': 'ML Supply Chain Compromise',
  'AML.T0010.001': 'ML Software',
  'AML.T0010.002': 'Data',
  'AML.T0010.003': 'Model',
  'AML.T0011': 'User Execution',
  'AML.T0011.000': 'Unsafe ML Artifacts',
  'AML.T0015': 'Evade ML Model',
  'AML.T0018': 'Backdoor ML Model',
  'AML.T0018.000': 'Poison ML Model',
  'AML.T0019': 'Publish Poisoned Datasets',
  'AML.T0020': 'Poison Training Data',
  'AML.T0024': 'Exfiltration via ML Inference API',
  'AML.T0024.000': 'Infer Training Data Membership',
  'AML.T0024.001': 'Invert ML Model',
  'AML.T0024.002': 'Extract ML Model',
  'AML.T0031': 'Erode ML Model Integrity',
  'AML.T0040': 'ML Model Inference API Access',
  'AML.T0043': 'Craft Adversarial Data',
  'AML.T0044': 'Full ML Model Access',
  'AML.T0048': 'External Harms'
}

/** The OWASP Top 10 for LLM Applications 2025, by id. */
export const llmTop10: Readonly<Record<string, string>> = {
  LLM01: 'Prompt Injection',
  LLM02: 'Sensitive Information Disclosure',
  LLM03: 'Supply Chain',
  LLM04: 'Data and Model Poisoning',
  LLM05: 'Improper Output Handling',
  LLM06: 'Excessive Agency',
  LLM07: 'System Prompt Leakage',
  LLM08: 'Vector and Embedding Weaknesses',
  LLM09: 'Misinformation',
  LLM10: 'Unbounded Consumption'
}

/** Display names and deeds of the licenses an edition may carry, by SPDX id. */
export const licenses: Readonly<Record<string, {readonly name: string; readonly url: string}>> = {
  'CC-BY-SA-4.0': {name: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/'},
  'CC-BY-4.0': {name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/'}
}
