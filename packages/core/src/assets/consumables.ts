/**
 * Consumable supplies: goods in and out, requisitions on set days, and return-old-for-new
 * (交旧领新) for the categories the pack names.
 *
 * Stock is conserved: on hand = receipts − requisitions + returns ± adjustments (stocktake
 * corrections), and never below zero — a requisition of more than is on hand is refused.
 *
 * @since 0.1.0
 */
import { BigDecimal, Result } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import * as D from "../kernel/Decimal.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import { RequisitionError } from "./errors.ts"
import type { ConsumableMovement, ConsumableStock } from "./model.ts"
import type { AssetsRules } from "./rules.ts"

/**
 * The signed change a movement makes to what is on hand.
 *
 * @since 0.1.0
 * @category calculations
 */
export const delta = (m: Pick<ConsumableMovement, "kind" | "quantity">): Decimal =>
  m.kind === "requisition" ? BigDecimal.negate(m.quantity) : m.quantity

/**
 * What is on hand after a list of movements, from zero.
 *
 * @since 0.1.0
 * @category calculations
 */
export const onHand = (movements: Iterable<Pick<ConsumableMovement, "kind" | "quantity">>): Decimal => {
  let total = D.fromInt(0)
  for (const m of movements) total = BigDecimal.sum(total, delta(m))
  return BigDecimal.normalize(total)
}

/**
 * Whether the pack requires return-old-for-new for an item's category.
 *
 * @since 0.1.0
 * @category predicates
 */
export const requiresReturnOldForNew = (item: Pick<ConsumableStock, "category">, rules: AssetsRules): boolean =>
  rules.returnOldForNew.categories.includes(item.category)

/**
 * Checks a requisition against the rules: a set requisition day, enough on hand, and for
 * return-old-for-new categories the old items returned (at least as many as requested) or a reason
 * why not (a first issue, a lost item — the seed documents' practice is that the user replaces what
 * they lost).
 *
 * @since 0.1.0
 * @category checks
 */
export const checkRequisition = (
  item: ConsumableStock,
  requisition: {
    readonly date: LocalDate
    readonly quantity: Decimal
    readonly returnedOld?: Decimal | undefined
    readonly noOldReason?: string | undefined
  },
  rules: AssetsRules
): Result.Result<void, RequisitionError> => {
  const weekday = LD.dayOfWeek(requisition.date)
  if (!rules.requisitionDays.weekdays.includes(weekday)) {
    return Result.fail(RequisitionError.create("assets.notARequisitionDay", ["date"], {
      zh: `${requisition.date} 不是领用日（领用日为每周 ${rules.requisitionDays.weekdays.join("、")}）`,
      en: `${requisition.date} is not a requisition day (requisition days: ISO weekdays ${rules.requisitionDays.weekdays.join(", ")})`
    }))
  }
  if (requisition.quantity.value <= 0n) {
    return Result.fail(RequisitionError.create("assets.invalidQuantity", ["quantity"], { zh: "领用数量必须大于 0", en: "the quantity must be > 0" }))
  }
  if (BigDecimal.isGreaterThan(requisition.quantity, item.onHand)) {
    return Result.fail(RequisitionError.create("assets.insufficientStock", ["quantity"], {
      zh: `${item.name} 库存 ${D.format(item.onHand)}，不足领用 ${D.format(requisition.quantity)}`,
      en: `${item.name}: ${D.format(item.onHand)} on hand, fewer than the ${D.format(requisition.quantity)} requested`
    }))
  }
  if (requiresReturnOldForNew(item, rules)) {
    const returned = requisition.returnedOld ?? D.fromInt(0)
    if (BigDecimal.isLessThan(returned, requisition.quantity) && (requisition.noOldReason === undefined || requisition.noOldReason.trim() === "")) {
      return Result.fail(RequisitionError.create("assets.returnOldForNew", ["returnedOld"], {
        zh: `${item.name} 实行交旧领新：领用 ${D.format(requisition.quantity)}，只交回 ${D.format(returned)}，请交回旧品或说明原因`,
        en: `${item.name} is issued return-old-for-new: ${D.format(requisition.quantity)} requested but ${D.format(returned)} returned; return the old items or give the reason`
      }))
    }
  }
  return Result.void
}
