import {describe, expect, it} from 'vitest'
import {formatFigure, readmeTable, replaceReadmeTable} from '../bench/readme-table.mjs'

const metric = (id: string, value: number, unit: string, target?: {max: number; text: string}) => ({id, label: id, value, unit, target})

describe('the README benchmark table', () => {
  it('shows each measured figure once, with its unit and whether its target is met', () => {
    const table = readmeTable([
      metric('site.english', 612, 'ms'),
      metric('site.vitepressRatio', 0.118, 'ratio', {max: 0.1, text: 'at most 0.1'}),
      metric('pdf.en', 2310, 'ms'),
      metric('pdf.en.layout', 300, 'ms'),
      metric('pdf.es', 2702, 'ms'),
      metric('pdf.mdToPdf', 2424, 'ms'),
      metric('pdf.zh-Hans', 2900, 'ms'),
      metric('pdf.en.summary', 180, 'ms'),
      metric('build.noop', 99, 'ms', {max: 1000, text: 'under 1 s'}),
      metric('build.cold', 22_900, 'ms')
    ])
    expect(table.split('\n')).toEqual([
      '| measurement | figure | target |',
      '|---|---|---|',
      '| build.cold | 22.9 s |  |',
      '| build.noop | 99 ms | under 1 s: met |',
      '| site.english | 612 ms |  |',
      '| site.vitepressRatio | 0.12 | at most 0.1: **not met** |',
      '| pdf.en | 2,310 ms |  |',
      '| pdf.mdToPdf | 2,424 ms |  |',
      '| PDF per language: en / es / zh-Hans | 2,310 ms / 2,702 ms / 2,900 ms | |',
      '| one-page summary sheet per language: en | 180 ms | |',
      ''
    ])
    expect(formatFigure(metric('build.commandMemory', 885.4, 'MB'))).toBe('885 MB')
  })

  it('replaces only what lies between its markers, and says so when they are missing', () => {
    const readme = 'before\n<!-- bench-table -->\nold\n<!-- /bench-table -->\nafter\n'
    expect(replaceReadmeTable(readme, '| t |\n', 'Recorded on a machine:')).toBe('before\n<!-- bench-table -->\nRecorded on a machine:\n\n| t |\n<!-- /bench-table -->\nafter\n')
    expect(() => replaceReadmeTable('no markers', '', '')).toThrow(/no <!-- bench-table -->/)
  })
})
