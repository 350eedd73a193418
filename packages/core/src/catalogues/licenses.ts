/** Display names and deeds of the licenses an edition may carry, by SPDX id. */
export const licenses: Readonly<Record<string, {readonly name: string; readonly url: string}>> = {
  'CC-BY-SA-4.0': {name: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/'},
  'CC-BY-4.0': {name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/'}
}
