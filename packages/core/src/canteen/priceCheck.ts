/**
 * Price checks (抽查菜价): each accepted price against a reference price list and against the
 * ingredient's own recent prices, with a finding when it is above the rule pack's threshold and
 * the numbers that show it. Both comparisons are made per unit of the ingredient's stock unit, so
 * prices quoted per 斤, per kg or per box compare correctly.
 *
 * @since 0.1.0
 */
import { BigDecimal, Result } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import * as D from "../kernel/Decimal.ts"
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as M from "../kernel/Money.ts"
import * as Q from "../kernel/Quantity.ts"
import type { Instant } from "../kernel/Time.ts"
import * as UP from "../kernel/UnitPrice.ts"
import type { Ingredient, PriceValue } from "./model.ts"
import { valueMinor } from "./purchase.ts"
import type { CanteenRules } from "./rules.ts"

const SCALE = 8

/**
 * The price of one stock unit in fen, from a unit price (8 places, half-up where it does not
 * terminate).
 *
 * @since 0.1.0
 * @category math
 */
export const perStockUnit = (price: PriceValue, ingredient: Ingredient): Result.Result<Decimal, unknown> =>
  valueMinor({ quantity: Q.of(D.fromInt(1), ingredient.stockUnit), unitPrice: price }, ingredient.conversions, SCALE)

/**
 * The median of decimals (the mean of the middle two for an even count).
 *
 * @since 0.1.0
 * @category math
 */
export const median = (values: ReadonlyArray<Decimal>): Decimal | undefined => {
  if (values.length === 0) return undefined
  const sorted = [...values].sort(BigDecimal.Order)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? sorted[mid]!
    : M.divideRounded(BigDecimal.sum(sorted[mid - 1]!, sorted[mid]!), D.fromInt(2), SCALE, "halfUp")
}

/** `a / b − 1` to 4 places, half-up */
const excess = (a: Decimal, b: Decimal): Decimal =>
  BigDecimal.normalize(BigDecimal.subtract(M.divideRounded(a, b, 4, "halfUp"), D.fromInt(1)))

/**
 * What a price check looks at: one accepted line and what it is compared with.
 *
 * @since 0.1.0
 * @category models
 */
export interface PriceCheckInput {
  readonly subject: { readonly kind: string; readonly id: string }
  readonly at: Instant
  readonly ingredient: Ingredient
  readonly unitPrice: PriceValue
  /** the reference price of the ingredient, if the school has one */
  readonly reference?: PriceValue | undefined
  /** earlier purchases of the ingredient (a lot's quantity received and its value) */
  readonly history: ReadonlyArray<{ readonly receivedOn: LocalDate; readonly quantity: Decimal; readonly value: number }>
}

/**
 * Findings of a price check: the accepted price above the reference by more than
 * `priceCheck.referenceThreshold`, and above the median of the ingredient's earlier prices (at
 * least `priceCheck.minHistory` of them) by more than `priceCheck.historyThreshold`. Both are
 * warnings; the evidence carries both prices per stock unit, the excess and the threshold.
 *
 * @since 0.1.0
 * @category checks
 */
export const priceFindings = (input: PriceCheckInput, rules: CanteenRules): Array<Finding> => {
  const out: Array<Finding> = []
  const { ingredient } = input
  const actual = perStockUnit(input.unitPrice, ingredient)
  if (Result.isFailure(actual)) return out
  const unit = ingredient.stockUnit
  const yuan = (fen: Decimal) => D.format(D.round(BigDecimal.multiply(fen, BigDecimal.make(1n, 2)), SCALE, "half-from-zero"))
  if (input.reference !== undefined && input.reference.currency === input.unitPrice.currency) {
    const ref = perStockUnit(input.reference, ingredient)
    if (Result.isSuccess(ref) && ref.success.value > 0n) {
      const over = excess(actual.success, ref.success)
      if (BigDecimal.isGreaterThan(over, rules.priceCheck.referenceThreshold)) {
        out.push(F.make({
          rule: "canteen.priceCheck.referenceThreshold",
          severity: "warning",
          subject: input.subject,
          at: input.at,
          evidence: {
            ingredientId: ingredient.id,
            unit,
            acceptedPrice: UP.format(input.unitPrice, "en"),
            acceptedPerStockUnit: yuan(actual.success),
            referencePerStockUnit: yuan(ref.success),
            excess: D.format(over),
            threshold: D.format(rules.priceCheck.referenceThreshold)
          },
          explanation: {
            zh: `${ingredient.name} 验收单价 ${UP.format(input.unitPrice)} 高于参考价 ${UP.format(input.reference)}（高出 ${D.format(BigDecimal.multiply(over, D.fromInt(100)))}%，阈值 ${D.format(BigDecimal.multiply(rules.priceCheck.referenceThreshold, D.fromInt(100)))}%）`,
            en: `${ingredient.name} was accepted at ${UP.format(input.unitPrice, "en")}, above the reference ${UP.format(input.reference, "en")} by ${D.format(BigDecimal.multiply(over, D.fromInt(100)))}% (threshold ${D.format(BigDecimal.multiply(rules.priceCheck.referenceThreshold, D.fromInt(100)))}%)`
          }
        }))
      }
    }
  }
  const earlier = input.history.filter((h) => h.quantity.value > 0n)
  if (earlier.length >= rules.priceCheck.minHistory) {
    const mid = median(earlier.map((h) => M.divideRounded(D.fromInt(h.value), h.quantity, SCALE, "halfUp")))
    if (mid !== undefined && mid.value > 0n) {
      const over = excess(actual.success, mid)
      if (BigDecimal.isGreaterThan(over, rules.priceCheck.historyThreshold)) {
        out.push(F.make({
          rule: "canteen.priceCheck.historyThreshold",
          severity: "warning",
          subject: input.subject,
          at: input.at,
          evidence: {
            ingredientId: ingredient.id,
            unit,
            acceptedPerStockUnit: yuan(actual.success),
            medianPerStockUnit: yuan(mid),
            purchases: earlier.length,
            from: earlier.map((h) => h.receivedOn).sort()[0] ?? null,
            excess: D.format(over),
            threshold: D.format(rules.priceCheck.historyThreshold)
          },
          explanation: {
            zh: `${ingredient.name} 验收单价 ${UP.format(input.unitPrice)} 比近 ${rules.priceCheck.historyDays} 天 ${earlier.length} 次进价的中位数高出 ${D.format(BigDecimal.multiply(over, D.fromInt(100)))}%`,
            en: `${ingredient.name} was accepted at ${UP.format(input.unitPrice, "en")}, ${D.format(BigDecimal.multiply(over, D.fromInt(100)))}% above the median of its last ${earlier.length} purchases in ${rules.priceCheck.historyDays} days`
          }
        }))
      }
    }
  }
  return out
}
