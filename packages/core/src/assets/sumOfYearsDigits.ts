/**
 * Sum of the years' digits (年数总和法): the depreciable amount (book value − residual value) is
 * charged year by year in proportion to the remaining life at the start of each year: for a life of
 * N years, year k gets (N − k + 1) ÷ (N(N + 1) ÷ 2).
 *
 * Years are 12-month periods from the first month charged. A life that is not whole years ends in a
 * short year; each year's weight is then its length in months × the remaining life in months at its
 * start (for whole years this is proportional to N − k + 1). Each year's charge is rounded to the
 * fen, the last year absorbs the rounding, and each year is split evenly over its months, its last
 * month absorbing the rounding.
 *
 * ¥100,000, 5 years, residual ¥4,000: 96,000 × 5/15, 4/15, 3/15, 2/15, 1/15 = 32,000, 25,600,
 * 19,200, 12,800, 6,400.
 *
 * @since 0.1.0
 */
import type { Pattern, Segment } from "./depreciation.ts"
import { divide, spread } from "./depreciation.ts"

/**
 * The monthly charges of a segment under sum of the years' digits.
 *
 * @since 0.1.0
 * @category calculations
 */
export const plan = (segment: Segment): Array<number> => {
  const { months, rounding } = segment
  const depreciable = Math.max(0, segment.bookValue - segment.residual)
  const lengths: Array<number> = []
  const weights: Array<bigint> = []
  let total = 0n
  for (let start = 0; start < months; start += 12) {
    const length = Math.min(12, months - start)
    const w = BigInt(length) * BigInt(months - start)
    lengths.push(length)
    weights.push(w)
    total += w
  }
  const out: Array<number> = []
  let left = depreciable
  for (let k = 0; k < lengths.length; k++) {
    const charge = k === lengths.length - 1
      ? left
      : Math.min(left, Number(divide(BigInt(depreciable) * weights[k]!, total, rounding)))
    spread(charge, lengths[k]!, rounding, out)
    left -= charge
  }
  return out
}

/**
 * The sum-of-years'-digits pattern.
 *
 * @since 0.1.0
 * @category patterns
 */
export const sumOfYearsDigits: Pattern = {
  id: "sumOfYearsDigits",
  name: { zh: "年数总和法", en: "sum of the years' digits" },
  basis: "time",
  plan
}
