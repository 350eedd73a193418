import type {Catalogue} from '../types.js'

/*
 * Attacks of NIST AI 100-2 E2025, "Adversarial Machine Learning: A Taxonomy
 * and Terminology of Attacks and Mitigations", by the identifiers its index
 * gives them (`NISTAML.0xx`), with the attack names the document uses for
 * each. Three identifiers are all "Model Poisoning"; the violation or class
 * each belongs to is added in parentheses so they can be told apart.
 *
 * NISTAML.02 is not an attack but the attacker objective "Integrity
 * Violation". It is listed for ML09, whose tampering with results after
 * inference the taxonomy names no attack for.
 */

const document = 'https://doi.org/10.6028/NIST.AI.100-2e2025'
const attack = (id: string, name: string) => [id, {name, url: document}] as const

/** NIST AI 100-2 E2025 attacks (and one attacker objective), by identifier. */
export const nistAmlAttacks: Catalogue = Object.fromEntries([
  attack('NISTAML.011', 'Model Poisoning (availability breakdown)'),
  attack('NISTAML.012', 'Clean-label Poisoning'),
  attack('NISTAML.013', 'Data Poisoning'),
  attack('NISTAML.02', 'Integrity Violation'),
  attack('NISTAML.022', 'Evasion'),
  attack('NISTAML.023', 'Backdoor Poisoning'),
  attack('NISTAML.024', 'Targeted Poisoning'),
  attack('NISTAML.025', 'Black-Box Evasion'),
  attack('NISTAML.026', 'Model Poisoning (integrity violation)'),
  attack('NISTAML.031', 'Model Extraction'),
  attack('NISTAML.032', 'Data Reconstruction'),
  attack('NISTAML.033', 'Membership Inference'),
  attack('NISTAML.051', 'Model Poisoning (supply chain)')
])
