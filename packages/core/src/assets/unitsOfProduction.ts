/**
 * Units of production (工作量法): the depreciable amount (book value − residual value) is charged in
 * proportion to the units produced (hours run, kilometres driven, copies printed) out of the total
 * expected.
 *
 * Charges are cumulative so that rounding never drifts: after month k the accumulated charge is
 * round(depreciable × min(units so far, total) ÷ total), and month k's charge is the difference from
 * month k − 1. So the charges add up to the depreciable amount times the share of units used, to
 * the fen, and never more than the depreciable amount; a month with no units is charged nothing.
 *
 * @since 0.1.0
 */
import type { Pattern, Segment } from "./depreciation.ts"
import { divide } from "./depreciation.ts"

/**
 * The monthly charges of a segment under units of production.
 *
 * @since 0.1.0
 * @category calculations
 */
export const plan = (segment: Segment): Array<number> => {
  const depreciable = BigInt(Math.max(0, segment.bookValue - segment.residual))
  const units = segment.units
  const out: Array<number> = []
  if (units === undefined || units.total <= 0n) {
    for (let i = 0; i < segment.months; i++) out.push(0)
    return out
  }
  let used = 0n
  let accumulated = 0n
  for (let i = 0; i < segment.months; i++) {
    used += units.perMonth[i] ?? 0n
    const share = used < units.total ? used : units.total
    const next = divide(depreciable * share, units.total, segment.rounding)
    out.push(Number(next - accumulated))
    accumulated = next
  }
  return out
}

/**
 * The units-of-production pattern.
 *
 * @since 0.1.0
 * @category patterns
 */
export const unitsOfProduction: Pattern = {
  id: "unitsOfProduction",
  name: { zh: "工作量法", en: "units of production" },
  basis: "units",
  plan
}
