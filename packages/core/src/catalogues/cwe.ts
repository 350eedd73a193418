import type {Catalogue} from '../types.js'

/*
 * CWE weaknesses the risks map to, with their names as MITRE's CWE list gives
 * them (https://cwe.mitre.org/). Only weaknesses a risk uses are listed; a risk
 * with no fitting weakness has `cwe: []`.
 */

const weakness = (number: number, name: string) => [`CWE-${number}`, {name, url: `https://cwe.mitre.org/data/definitions/${number}.html`}] as const

/** CWE weaknesses, by id (`CWE-<number>`). Names are not translated. */
export const cweWeaknesses: Catalogue = Object.fromEntries([
  weakness(203, 'Observable Discrepancy'),
  weakness(345, 'Insufficient Verification of Data Authenticity'),
  weakness(353, 'Missing Support for Integrity Check'),
  weakness(359, 'Exposure of Private Personal Information to an Unauthorized Actor'),
  weakness(494, 'Download of Code Without Integrity Check'),
  weakness(502, 'Deserialization of Untrusted Data'),
  weakness(799, 'Improper Control of Interaction Frequency'),
  weakness(912, 'Hidden Functionality'),
  weakness(924, 'Improper Enforcement of Message Integrity During Transmission in a Communication Channel'),
  weakness(1039, 'Inadequate Detection or Handling of Adversarial Input Perturbations in Automated Recognition Mechanism'),
  weakness(1357, 'Reliance on Insufficiently Trustworthy Component')
])
