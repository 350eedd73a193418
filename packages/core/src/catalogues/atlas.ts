import type {Catalogue} from '../types.js'

/*
 * MITRE ATLAS techniques and mitigations the risks map to: not the whole
 * matrix, only what the risk pages use. Ids and names are copied from
 * `dist/ATLAS.yaml` of https://github.com/mitre-atlas/atlas-data (data version
 * 5.6.0). Sub-techniques are named `Technique: Sub-technique`, as ATLAS writes
 * them, because names such as `Data` or `Model` say nothing alone. When ATLAS
 * renames an entry, change its name here; the id stays.
 *
 * Only current ids belong here. An id that ATLAS retires or renumbers is
 * removed (not kept under its old name), so a risk that still uses it fails
 * `check` with `unknown-mapping` until it is mapped to the current id.
 *
 * ML09 (output integrity) has no ATLAS technique: ATLAS describes attacks on
 * models and their data, not tampering with a result after inference, and
 * `External Harms` would only restate the impact. `mappings.atlas` may
 * therefore be empty; `mappings.atlasMitigations` may not.
 */

const technique = (id: string, name: string) => [id, {name, url: `https://atlas.mitre.org/techniques/${id}`}] as const
const mitigation = (id: string, name: string) => [id, {name, url: `https://atlas.mitre.org/mitigations/${id}`}] as const

/** MITRE ATLAS techniques and sub-techniques, by id. Names are proper nouns and are not translated. */
export const atlasTechniques: Catalogue = Object.fromEntries([
  technique('AML.T0005', 'Create Proxy AI Model'),
  technique('AML.T0005.001', 'Create Proxy AI Model: Train Proxy via Replication'),
  technique('AML.T0010', 'AI Supply Chain Compromise'),
  technique('AML.T0010.001', 'AI Supply Chain Compromise: AI Software'),
  technique('AML.T0010.002', 'AI Supply Chain Compromise: Data'),
  technique('AML.T0010.003', 'AI Supply Chain Compromise: Model'),
  technique('AML.T0011.000', 'User Execution: Unsafe AI Artifacts'),
  technique('AML.T0011.001', 'User Execution: Malicious Package'),
  technique('AML.T0015', 'Evade AI Model'),
  technique('AML.T0018', 'Manipulate AI Model'),
  technique('AML.T0018.000', 'Manipulate AI Model: Poison AI Model'),
  technique('AML.T0018.001', 'Manipulate AI Model: Modify AI Model Architecture'),
  technique('AML.T0020', 'Poison Training Data'),
  technique('AML.T0024', 'Exfiltration via AI Inference API'),
  technique('AML.T0024.000', 'Exfiltration via AI Inference API: Infer Training Data Membership'),
  technique('AML.T0024.001', 'Exfiltration via AI Inference API: Invert AI Model'),
  technique('AML.T0024.002', 'Exfiltration via AI Inference API: Extract AI Model'),
  technique('AML.T0025', 'Exfiltration via Cyber Means'),
  technique('AML.T0031', 'Erode AI Model Integrity'),
  technique('AML.T0035', 'AI Artifact Collection'),
  technique('AML.T0040', 'AI Model Inference API Access'),
  technique('AML.T0043', 'Craft Adversarial Data'),
  technique('AML.T0043.002', 'Craft Adversarial Data: Black-Box Transfer'),
  technique('AML.T0043.004', 'Craft Adversarial Data: Insert Backdoor Trigger'),
  technique('AML.T0044', 'Full AI Model Access'),
  technique('AML.T0048.004', 'External Harms: AI Intellectual Property Theft'),
  technique('AML.T0059', 'Erode Dataset Integrity')
])

/** MITRE ATLAS mitigations, by id. */
export const atlasMitigations: Catalogue = Object.fromEntries([
  mitigation('AML.M0002', 'Passive AI Output Obfuscation'),
  mitigation('AML.M0003', 'Model Hardening'),
  mitigation('AML.M0004', 'Restrict Number of AI Model Queries'),
  mitigation('AML.M0005', 'Control Access to AI Models and Data at Rest'),
  mitigation('AML.M0007', 'Sanitize Training Data'),
  mitigation('AML.M0008', 'Validate AI Model'),
  mitigation('AML.M0010', 'Input Restoration'),
  mitigation('AML.M0011', 'Restrict Library Loading'),
  mitigation('AML.M0012', 'Encrypt Sensitive Information'),
  mitigation('AML.M0013', 'Code Signing'),
  mitigation('AML.M0014', 'Verify AI Artifacts'),
  mitigation('AML.M0015', 'Adversarial Input Detection'),
  mitigation('AML.M0016', 'Vulnerability Scanning'),
  mitigation('AML.M0019', 'Control Access to AI Models and Data in Production'),
  mitigation('AML.M0023', 'AI Bill of Materials'),
  mitigation('AML.M0024', 'AI Telemetry Logging'),
  mitigation('AML.M0025', 'Maintain AI Dataset Provenance')
])
