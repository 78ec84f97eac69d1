/**
 * Straight line (年限平均法): the depreciable amount (book value − residual value) spread evenly
 * over the months of the remaining life; each month is the even share rounded to the fen, and the
 * last month absorbs the rounding.
 *
 * ¥6,000 over 72 months: 600,000 fen ÷ 72 = 8,333.33… → 8,333 fen (¥83.33) a month for 71 months
 * (591,643 fen), and 600,000 − 591,643 = 8,357 fen (¥83.57) in the last month.
 *
 * @since 0.1.0
 */
import type { Pattern, Segment } from "./depreciation.ts"
import { spread } from "./depreciation.ts"

/**
 * The monthly charges of a segment under straight line.
 *
 * @since 0.1.0
 * @category calculations
 */
export const plan = (segment: Segment): Array<number> => {
  const out: Array<number> = []
  spread(Math.max(0, segment.bookValue - segment.residual), segment.months, segment.rounding, out)
  return out
}

/**
 * The straight-line pattern.
 *
 * @since 0.1.0
 * @category patterns
 */
export const straightLine: Pattern = {
  id: "straightLine",
  name: { zh: "年限平均法", en: "straight line" },
  basis: "time",
  plan
}
