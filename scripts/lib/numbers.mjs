// The statistics of the benchmarks, in one place so every figure is computed the same way.

/**
 * The median of samples; of an even number, the lower of the two middle values.
 *
 * @param {readonly number[]} values At least one.
 * @returns {number}
 */
export function median(values) {
  const middle = [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]
  if (middle === undefined) throw new Error('median: no samples')
  return middle
}

/**
 * A number rounded to `digits` decimals.
 *
 * @param {number} value
 * @param {number} [digits]
 */
export const round = (value, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits
