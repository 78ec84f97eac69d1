/**
 * Acceptance of a delivery (验收 / 过秤): each delivered line is weighed, checked (freshness,
 * labels, the temperature of chilled and frozen food) and accepted, partly accepted or rejected
 * with a reason; what is not accepted goes back to the supplier (退换). The accepted quantity, in
 * the ingredient's stock unit, and the accepted price are what enter stock; the line's amount is
 * posted once.
 *
 * The rules a line must keep (each a typed error with the line's path):
 * - a line that failed a check cannot be accepted in full;
 * - `accepted` takes what the scale showed; `partial` takes less than that, more than nothing,
 *   with a reason; `rejected` takes nothing, with a reason;
 * - chilled and frozen food needs its temperature measured unless it is rejected;
 * - food past its best-before on arrival cannot be accepted;
 * - the price is in the order's currency, and every quantity converts exactly into stock.
 *
 * A delivery larger than what is outstanding on the order is not refused — fresh food is weighed,
 * not counted — but accepting more than the order line's quantity × (1 + the rule pack's
 * `acceptance.overDeliveryTolerance`) in all raises a finding (`overDeliveryFindings`).
 *
 * @since 0.1.0
 */
import { BigDecimal, Result } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import * as D from "../kernel/Decimal.ts"
import type { ArithmeticError, CurrencyMismatchError, DimensionMismatchError, OverflowError, Path } from "../kernel/Errors.ts"
import { NotFoundError, ValidationError } from "../kernel/Errors.ts"
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as M from "../kernel/Money.ts"
import type { Rounding } from "../kernel/Money.ts"
import * as Q from "../kernel/Quantity.ts"
import type { Instant } from "../kernel/Time.ts"
import type { CheckOutcome, Decision, DeliveryLine, Ingredient, OrderStatus, PriceValue, PurchaseOrder, QualityChecks, QuantityValue } from "./model.ts"
import { lineTotal, toStockUnit } from "./purchase.ts"
import type { CanteenRules } from "./rules.ts"

/**
 * One delivered line as the inspector records it.
 *
 * @since 0.1.0
 * @category models
 */
export interface LineInput {
  readonly orderLine: number
  readonly delivered: QuantityValue
  readonly weighed: QuantityValue
  readonly checks: {
    readonly freshness: CheckOutcome
    readonly labels: CheckOutcome
    readonly temperatureCelsius?: Decimal | undefined
  }
  readonly decision: Decision
  /** required for `partial`; for `accepted` it must equal `weighed` when given */
  readonly accepted?: QuantityValue | undefined
  readonly reason?: string | undefined
  /** the accepted price (default: the order line's) */
  readonly unitPrice?: PriceValue | undefined
  readonly bestBefore?: LocalDate | undefined
}

/**
 * The errors of accepting a line.
 *
 * @since 0.1.0
 * @category models
 */
export type AcceptanceError = ValidationError | NotFoundError | CurrencyMismatchError | DimensionMismatchError | ArithmeticError | OverflowError

const invalid = (path: Path, code: string, zh: string, en: string) => Result.fail(ValidationError.at(path, { zh, en }, code))

/**
 * The outcome of the temperature check of a line: `undefined` for food kept at room temperature,
 * `pass` when the measured temperature is at most the rule pack's maximum for chilled or frozen
 * food.
 *
 * @since 0.1.0
 * @category rules
 */
export const temperatureOutcome = (
  ingredient: Pick<Ingredient, "storage">,
  celsius: Decimal | undefined,
  rules: CanteenRules
): CheckOutcome | undefined => {
  if (ingredient.storage === "ambient" || celsius === undefined) return undefined
  const max = ingredient.storage === "chilled" ? rules.acceptance.chilledMaxCelsius : rules.acceptance.frozenMaxCelsius
  return BigDecimal.isLessThanOrEqualTo(celsius, max) ? "pass" : "fail"
}

/**
 * Accepts the lines of a delivery against its order.
 *
 * @since 0.1.0
 * @category math
 */
export const acceptLines = (input: {
  readonly order: PurchaseOrder
  readonly ingredients: ReadonlyMap<string, Ingredient>
  readonly lines: ReadonlyArray<LineInput>
  readonly receivedOn: LocalDate
  readonly rules: CanteenRules
  readonly rounding: Rounding
}): Result.Result<Array<DeliveryLine>, AcceptanceError> => {
  const out: Array<DeliveryLine> = []
  for (let i = 0; i < input.lines.length; i++) {
    const r = acceptLine(input, input.lines[i]!, i)
    if (Result.isFailure(r)) return Result.fail(r.failure)
    out.push(r.success)
  }
  return Result.succeed(out)
}

const acceptLine = (
  ctx: {
    readonly order: PurchaseOrder
    readonly ingredients: ReadonlyMap<string, Ingredient>
    readonly receivedOn: LocalDate
    readonly rules: CanteenRules
    readonly rounding: Rounding
  },
  line: LineInput,
  i: number
): Result.Result<DeliveryLine, AcceptanceError> => {
  const at = (...p: Array<string | number>): Path => ["lines", i, ...p]
  const ordered = ctx.order.lines.find((l) => l.line === line.orderLine)
  if (ordered === undefined) {
    return invalid(at("orderLine"), "canteen.unknownOrderLine", `订单 ${ctx.order.id} 没有第 ${line.orderLine} 行`, `order ${ctx.order.id} has no line ${line.orderLine}`)
  }
  const ingredient = ctx.ingredients.get(ordered.ingredientId)
  if (ingredient === undefined) return Result.fail(NotFoundError.create("canteen.ingredient", ctx.order.schoolId, ordered.ingredientId, at("orderLine")))
  const delivered = toStockUnit(ingredient, line.delivered, at("delivered"))
  if (Result.isFailure(delivered)) return Result.fail(delivered.failure)
  const weighed = toStockUnit(ingredient, line.weighed, at("weighed"))
  if (Result.isFailure(weighed)) return Result.fail(weighed.failure)
  if (ingredient.storage !== "ambient" && line.checks.temperatureCelsius === undefined && line.decision !== "rejected") {
    return invalid(
      at("checks", "temperatureCelsius"),
      "canteen.temperatureRequired",
      `${ingredient.name} 为${ingredient.storage === "chilled" ? "冷藏" : "冷冻"}食品，验收时须测量温度`,
      `${ingredient.name} is ${ingredient.storage} food: its temperature must be measured at acceptance`
    )
  }
  const temperature = temperatureOutcome(ingredient, line.checks.temperatureCelsius, ctx.rules)
  const failed = line.checks.freshness === "fail" || line.checks.labels === "fail" || temperature === "fail"
  const reason = line.reason?.trim()
  const zero = Q.of(BigDecimal.make(0n, 0), ingredient.stockUnit)
  let accepted: QuantityValue
  switch (line.decision) {
    case "accepted": {
      if (failed) {
        return invalid(at("decision"), "canteen.failedCheckAccepted", `${ingredient.name} 未通过验收检查，不能全部接收；请拒收或部分接收并说明原因`, `${ingredient.name} failed a check and cannot be accepted in full; reject it or accept part of it with a reason`)
      }
      if (line.accepted !== undefined) {
        const given = toStockUnit(ingredient, line.accepted, at("accepted"))
        if (Result.isFailure(given)) return Result.fail(given.failure)
        if (!Q.equals(given.success, weighed.success)) {
          return invalid(at("accepted"), "canteen.acceptedNotWeighed", "全部接收时接收数量须等于过秤数量；否则请选择部分接收", "accepting in full takes what was weighed; use a partial acceptance for less")
        }
      }
      accepted = weighed.success
      break
    }
    case "partial": {
      if (line.accepted === undefined) {
        return invalid(at("accepted"), "canteen.acceptedRequired", "部分接收须填写接收数量", "a partial acceptance needs the accepted quantity")
      }
      const given = toStockUnit(ingredient, line.accepted, at("accepted"))
      if (Result.isFailure(given)) return Result.fail(given.failure)
      if (given.success.value.value <= 0n || !BigDecimal.isLessThan(given.success.value, weighed.success.value)) {
        return invalid(at("accepted"), "canteen.partialOutOfRange", "部分接收的数量须大于 0 且小于过秤数量", "a partial acceptance takes more than nothing and less than was weighed")
      }
      accepted = given.success
      break
    }
    case "rejected": {
      if (line.accepted !== undefined && line.accepted.value.value !== 0n) {
        return invalid(at("accepted"), "canteen.rejectedWithQuantity", "拒收的行接收数量须为 0", "a rejected line accepts nothing")
      }
      accepted = zero
      break
    }
  }
  if (line.decision !== "accepted" && (reason === undefined || reason.length === 0)) {
    return invalid(at("reason"), "canteen.reasonRequired", "部分接收或拒收须说明原因", "a partial acceptance or a rejection needs a reason")
  }
  if (line.decision !== "rejected" && line.bestBefore !== undefined && line.bestBefore < ctx.receivedOn) {
    return invalid(at("bestBefore"), "canteen.expiredOnDelivery", `${ingredient.name} 到货时已过保质期（${line.bestBefore}），不得接收`, `${ingredient.name} is past its best-before (${line.bestBefore}) on arrival and cannot be accepted`)
  }
  const unitPrice = line.unitPrice ?? ordered.unitPrice
  const amount = lineTotal({ quantity: accepted, unitPrice }, {
    currency: ctx.order.currency,
    conversions: ingredient.conversions,
    rounding: ctx.rounding,
    path: line.unitPrice === undefined ? at("orderLine") : at()
  })
  if (Result.isFailure(amount)) return Result.fail(amount.failure)
  const returned = BigDecimal.normalize(BigDecimal.subtract(weighed.success.value, accepted.value))
  const checks: QualityChecks = {
    freshness: line.checks.freshness,
    labels: line.checks.labels,
    ...(line.checks.temperatureCelsius === undefined ? {} : { temperatureCelsius: line.checks.temperatureCelsius }),
    ...(temperature === undefined ? {} : { temperature })
  }
  return Result.succeed({
    line: i + 1,
    orderLine: line.orderLine,
    ingredientId: ingredient.id,
    delivered: line.delivered,
    weighed: line.weighed,
    checks,
    decision: line.decision,
    accepted,
    returned: Q.of(BigDecimal.isNegative(returned) ? BigDecimal.make(0n, 0) : returned, ingredient.stockUnit),
    ...(reason === undefined || reason.length === 0 ? {} : { reason }),
    unitPrice,
    amount: amount.success,
    ...(line.bestBefore === undefined ? {} : { bestBefore: line.bestBefore })
  })
}

/**
 * The status of a delivery from its lines: all accepted, all rejected, or partial.
 *
 * @since 0.1.0
 * @category getters
 */
export const deliveryStatus = (lines: ReadonlyArray<Pick<DeliveryLine, "decision">>): Decision =>
  lines.length > 0 && lines.every((l) => l.decision === "accepted")
    ? "accepted"
    : lines.every((l) => l.decision === "rejected")
    ? "rejected"
    : "partial"

/**
 * The order after a delivery: each line's received quantity grows by what was accepted, and the
 * status follows (received when every line has all it ordered).
 *
 * @since 0.1.0
 * @category combinators
 */
export const receiveOnOrder = (
  order: PurchaseOrder,
  lines: ReadonlyArray<DeliveryLine>,
  ingredients: ReadonlyMap<string, Ingredient>
): PurchaseOrder => {
  const updated = order.lines.map((ol) => {
    const add = lines.filter((l) => l.orderLine === ol.line)
    if (add.length === 0) return ol
    let received = ol.received.value
    for (const l of add) received = BigDecimal.sum(received, l.accepted.value)
    return { ...ol, received: Q.of(received, add[0]!.accepted.unit) }
  })
  const complete = (ol: PurchaseOrder["lines"][number]): boolean => {
    const ingredient = ingredients.get(ol.ingredientId)
    if (ingredient === undefined) return false
    const want = toStockUnit(ingredient, ol.quantity)
    return Result.isSuccess(want) && BigDecimal.isGreaterThanOrEqualTo(ol.received.value, want.success.value)
  }
  const status: OrderStatus = updated.every(complete)
    ? "received"
    : updated.some((ol) => ol.received.value.value > 0n)
    ? "partiallyReceived"
    : "open"
  return { ...order, lines: updated, status }
}

/**
 * Findings of over-delivery (`canteen.acceptance.overDeliveryTolerance`, a warning): a delivery
 * line whose acceptance brings what has been accepted on its order line — before this delivery,
 * on this delivery's earlier lines, and on this line — above the line's ordered quantity ×
 * (1 + `acceptance.overDeliveryTolerance`). Quantities are compared in the ingredient's stock
 * unit; the evidence carries them as decimal strings: `ordered`, `alreadyAccepted` (before this
 * line), `accepted` (this line), `total`, `limit`, `excess` (total − ordered) and `tolerance`.
 * `order` is the order as read before this delivery.
 *
 * @since 0.1.0
 * @category checks
 */
export const overDeliveryFindings = (input: {
  readonly order: PurchaseOrder
  readonly deliveryId: string
  readonly lines: ReadonlyArray<Pick<DeliveryLine, "line" | "orderLine" | "ingredientId" | "accepted">>
  readonly ingredients: ReadonlyMap<string, Ingredient>
  readonly at: Instant
  readonly rules: CanteenRules
}): Array<Finding> => {
  const tolerance = input.rules.acceptance.overDeliveryTolerance
  const factor = BigDecimal.sum(D.fromInt(1), tolerance)
  const accepted = new Map<number, Decimal>()
  const out: Array<Finding> = []
  for (const line of input.lines) {
    const ordered = input.order.lines.find((l) => l.line === line.orderLine)
    const ingredient = input.ingredients.get(line.ingredientId)
    if (ordered === undefined || ingredient === undefined || line.accepted.value.value === 0n) continue
    const want = toStockUnit(ingredient, ordered.quantity)
    const before = toStockUnit(ingredient, ordered.received)
    const now = toStockUnit(ingredient, line.accepted)
    if (Result.isFailure(want) || Result.isFailure(before) || Result.isFailure(now)) continue
    const already = accepted.get(line.orderLine) ?? before.success.value
    const total = BigDecimal.normalize(BigDecimal.sum(already, now.success.value))
    accepted.set(line.orderLine, total)
    const limit = BigDecimal.normalize(BigDecimal.multiply(want.success.value, factor))
    if (!BigDecimal.isGreaterThan(total, limit)) continue
    const unit = ingredient.stockUnit
    const excess = BigDecimal.normalize(BigDecimal.subtract(total, want.success.value))
    const percent = (d: Decimal) => D.format(BigDecimal.normalize(BigDecimal.multiply(d, D.fromInt(100))))
    const over = M.divideRounded(BigDecimal.multiply(excess, D.fromInt(100)), want.success.value, 2, "halfUp")
    out.push(F.make({
      rule: "canteen.acceptance.overDeliveryTolerance",
      severity: "warning",
      subject: { kind: "deliveryLine", id: `${input.deliveryId}:${line.line}` },
      at: input.at,
      evidence: {
        orderId: input.order.id,
        orderLine: line.orderLine,
        ingredientId: ingredient.id,
        unit,
        ordered: D.format(want.success.value),
        alreadyAccepted: D.format(BigDecimal.normalize(already)),
        accepted: D.format(now.success.value),
        total: D.format(total),
        limit: D.format(limit),
        excess: D.format(excess),
        tolerance: D.format(tolerance)
      },
      explanation: {
        zh: `${ingredient.name} 订购 ${D.format(want.success.value)} ${unit}，此前已验收 ${D.format(BigDecimal.normalize(already))} ${unit}，本次验收 ${D.format(now.success.value)} ${unit}，合计 ${D.format(total)} ${unit}，超出订购量 ${D.format(over)}%（允许 ${percent(tolerance)}%）`,
        en: `${ingredient.name}: ${D.format(want.success.value)} ${unit} ordered, ${D.format(BigDecimal.normalize(already))} ${unit} accepted before and ${D.format(now.success.value)} ${unit} now — ${D.format(total)} ${unit} in all, ${D.format(over)}% over the order (tolerance ${percent(tolerance)}%)`
      }
    }))
  }
  return out
}
