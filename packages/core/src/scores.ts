import type {ScoreFactor, ScoreLevel, ScoreValue} from './types.js'

const levels: readonly ScoreLevel[] = ['very-low', 'low', 'moderate', 'high', 'very-high']

/**
 * Derives the label key of a score. One rule for every factor: 1 very low,
 * 2 low, 3 moderate, 4 high, 5 very high. A higher score always means more risk.
 *
 * @param score An integer from 1 to 5.
 */
export function scoreLevel(score: ScoreValue): ScoreLevel {
  const level = levels[score - 1]
  if (!level) throw new RangeError(`Score must be an integer from 1 to 5, got ${String(score)}`)
  return level
}

/** The score factors in the order they are presented. */
export const scoreFactors: readonly ScoreFactor[] = [
  'exploitability',
  'exploitabilityApplication',
  'exploitabilityOperations',
  'detectability',
  'technicalImpact'
]
