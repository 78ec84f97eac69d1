/**
 * Stock: lots and their movements. Pure functions that take one ingredient's open lots and a
 * valuation strategy, and return the lots an operation changes (with the movements appended) and
 * what it cost. Commands load the lots, call these and write what they return; simulations and
 * the benchmark call them directly.
 *
 * A lot's `remaining` and `remainingValue` (money, in the lot's currency) are always the sums of its
 * movements; the valuation strategies work on the fen amounts. A lot is closed
 * on the day its quantity reaches zero, and its value is then zero too (every strategy takes the
 * whole value with the whole quantity).
 *
 * @since 0.1.0
 */
import { BigDecimal, Result } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import type { Currency, Money } from "../kernel/Money.ts"
import type { Unit } from "../kernel/Unit.ts"
import type { Lot, Movement, MovementKind } from "./model.ts"
import { moneyOf } from "./model.ts"
import type { Draw, LotBalance, Outcome, Shortfall, ValuationStrategy } from "./valuation.ts"

const ZERO = BigDecimal.make(0n, 0)

/**
 * The balance of a lot, as valuation strategies see it: what remains, and what the lot cost when it
 * arrived with the quantity returned to the supplier since (a return is credited at that cost).
 *
 * @since 0.1.0
 * @category getters
 */
export const balance = (lot: Lot): LotBalance => {
  let returned = ZERO
  for (const m of lot.movements) if (m.kind === "return") returned = BigDecimal.subtract(returned, m.quantity)
  return {
    id: lot.id,
    receivedOn: lot.receivedOn,
    bestBefore: lot.bestBefore,
    quantity: lot.remaining,
    value: lot.remainingValue.amount,
    cost: { quantity: lot.quantity, value: lot.value.amount, returned: BigDecimal.normalize(returned) }
  }
}

/**
 * The balance of a lot as an operation dated `date` sees it: {@link balance}, with the lot's
 * quantity and value at the end of that date (`onDate`) when it has movements dated after it — the
 * operation was entered after others dated later.
 *
 * @since 0.1.0
 * @category getters
 */
export const balanceOn = (date: LocalDate) => (lot: Lot): LotBalance => {
  const now = balance(lot)
  if (!lot.movements.some((m) => m.date > date)) return now
  const then = balanceAt(lot, date)
  return { ...now, onDate: { quantity: then.quantity, value: then.value.amount } }
}

/**
 * Whether a lot may be issued on a date: received by then and not past its best-before.
 *
 * @since 0.1.0
 * @category predicates
 */
export const issuableOn = (date: LocalDate) => (lot: LotBalance): boolean =>
  lot.receivedOn <= date && (lot.bestBefore === undefined || lot.bestBefore >= date)

/**
 * The movement context of an operation.
 *
 * @since 0.1.0
 * @category models
 */
export interface MovementContext {
  readonly kind: Exclude<MovementKind, "revaluation" | "receipt" | "opening">
  readonly date: LocalDate
  readonly operation: string
  readonly mealId?: string | undefined
  readonly reason?: string | undefined
}

/**
 * What an operation did: every lot it wrote (changed or new), the draws (their values are its
 * cost) and its value.
 *
 * @since 0.1.0
 * @category models
 */
export interface StockChange {
  readonly lots: ReadonlyArray<Lot>
  readonly draws: ReadonlyArray<Draw>
  /** the sum of the draws' values (an issue's cost), or the value of what arrived */
  readonly value: number
  /** the sum of the draws' quantities, or the quantity that arrived */
  readonly quantity: Decimal
}

const append = (lot: Lot, movement: Omit<Movement, "seq">): Lot => {
  const remaining = BigDecimal.normalize(BigDecimal.sum(lot.remaining, movement.quantity))
  const remainingValue = moneyOf(lot.remainingValue.amount + movement.value.amount, lot.currency)
  const closes = remaining.value === 0n
  return {
    ...lot,
    remaining,
    remainingValue,
    open: !closes,
    ...(closes ? { closedOn: movement.date } : {}),
    movements: [...lot.movements, { ...movement, seq: lot.movements.length + 1 }]
  }
}

const movement = (
  kind: MovementKind,
  date: LocalDate,
  quantity: Decimal,
  value: number,
  currency: Currency,
  operation: string,
  extra: { readonly mealId?: string | undefined; readonly reason?: string | undefined } = {}
): Omit<Movement, "seq"> => ({
  kind,
  date,
  quantity,
  value: moneyOf(value, currency),
  operation,
  ...(extra.mealId === undefined ? {} : { mealId: extra.mealId as Movement["mealId"] & string }),
  ...(extra.reason === undefined ? {} : { reason: extra.reason })
})

/**
 * Applies an outcome to lots: a movement of `context.kind` per draw (quantity and value out), and a
 * `revaluation` per revaluation. Returns the changed lots, in the order of the input.
 *
 * @since 0.1.0
 * @category combinators
 */
export const applyOutcome = (
  lots: ReadonlyArray<Lot>,
  outcome: Outcome,
  context: MovementContext & { readonly revaluationDate?: LocalDate }
): Array<Lot> => {
  const byId = new Map<string, Lot>()
  const touched: Array<string> = []
  const get = (id: string): Lot | undefined => byId.get(id) ?? lots.find((l) => l.id === id)
  const put = (lot: Lot) => {
    if (!byId.has(lot.id)) touched.push(lot.id)
    byId.set(lot.id, lot)
  }
  for (const d of outcome.draws) {
    const lot = get(d.lotId)
    if (lot === undefined) continue
    put(append(lot, movement(context.kind, context.date, BigDecimal.negate(d.quantity), -d.value, lot.currency, context.operation, context)))
  }
  for (const r of outcome.revaluations) {
    const lot = get(r.lotId)
    if (lot === undefined) continue
    put(append(lot, movement("revaluation", context.revaluationDate ?? context.date, ZERO, r.value, lot.currency, context.operation)))
  }
  const order = new Map<string, number>(lots.map((l, i) => [l.id, i]))
  return touched.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)).map((id) => byId.get(id)!)
}

const drawTotals = (draws: ReadonlyArray<Draw>): { readonly value: number; readonly quantity: Decimal } => {
  let value = 0
  let quantity = ZERO
  for (const d of draws) {
    value += d.value
    quantity = BigDecimal.sum(quantity, d.quantity)
  }
  return { value, quantity: BigDecimal.normalize(quantity) }
}

/**
 * Takes a quantity out of one ingredient's lots (an issue, spoilage, a stocktake shortage) with a
 * strategy. Only the lots received by the operation's date are in stock for it (drawn, averaged
 * over, revalued), whatever order operations are entered in; an issue draws only on those within
 * their best-before too.
 *
 * @since 0.1.0
 * @category combinators
 */
export const take = (
  strategy: ValuationStrategy,
  lots: ReadonlyArray<Lot>,
  quantity: Decimal,
  context: MovementContext
): Result.Result<StockChange, Shortfall> => {
  const balances = lots.map(balanceOn(context.date))
  const eligible = context.kind === "issue" ? issuableOn(context.date) : (l: LotBalance) => l.receivedOn <= context.date
  return Result.map(strategy.take(balances, quantity, eligible, context.date), (outcome) => ({
    lots: applyOutcome(lots, outcome, context),
    draws: outcome.draws,
    ...drawTotals(outcome.draws)
  }))
}

/**
 * Takes a quantity out of one named lot: spoilage of that lot at the strategy's value, or — when
 * `context.kind` is `return` — a return to the supplier, credited at what was paid for that lot
 * (`strategy.returnFrom`). A lot received after the operation's date is not in stock for it.
 *
 * @since 0.1.0
 * @category combinators
 */
export const takeFrom = (
  strategy: ValuationStrategy,
  lots: ReadonlyArray<Lot>,
  lotId: string,
  quantity: Decimal,
  context: MovementContext
): Result.Result<StockChange, Shortfall> =>
  Result.map((context.kind === "return" ? strategy.returnFrom : strategy.takeFrom)(lots.map(balanceOn(context.date)), lotId, quantity, context.date), (outcome) => ({
    lots: applyOutcome(lots, outcome, context),
    draws: outcome.draws,
    ...drawTotals(outcome.draws)
  }))

/**
 * A new lot with its first movement (a receipt, opening stock or a stocktake surplus).
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeLot = (input: {
  readonly schoolId: string
  readonly id: string
  readonly ingredientId: string
  readonly source: Lot["source"]
  readonly supplierId?: string | undefined
  readonly deliveryId?: string | undefined
  readonly receivedOn: LocalDate
  readonly bestBefore?: LocalDate | undefined
  readonly unit: Unit
  readonly currency: Currency
  readonly quantity: Decimal
  readonly value: number
  readonly operation: string
  readonly reason?: string | undefined
}): Lot => {
  const kind: MovementKind = input.source === "delivery" ? "receipt" : input.source === "opening" ? "opening" : "stocktake"
  const quantity = BigDecimal.normalize(input.quantity)
  const open = quantity.value !== 0n
  return {
    schoolId: input.schoolId,
    id: input.id,
    version: 0,
    ingredientId: input.ingredientId,
    source: input.source,
    ...(input.supplierId === undefined ? {} : { supplierId: input.supplierId }),
    ...(input.deliveryId === undefined ? {} : { deliveryId: input.deliveryId }),
    receivedOn: input.receivedOn,
    ...(input.bestBefore === undefined ? {} : { bestBefore: input.bestBefore }),
    unit: input.unit,
    currency: input.currency,
    quantity,
    value: moneyOf(input.value, input.currency),
    remaining: quantity,
    remainingValue: moneyOf(input.value, input.currency),
    open,
    ...(open ? {} : { closedOn: input.receivedOn }),
    movements: [{ ...movement(kind, input.receivedOn, quantity, input.value, input.currency, input.operation, { reason: input.reason }), seq: 1 } as Movement]
  } as unknown as Lot
}

/**
 * Adds a new lot to one ingredient's open lots: the lot itself, and the revaluations the strategy
 * makes (moving average spreads the pool's value over the lots received by the new lot's date
 * again; lots received after it are not touched). Returns every lot written, the new one first.
 *
 * @since 0.1.0
 * @category combinators
 */
export const arrive = (strategy: ValuationStrategy, lots: ReadonlyArray<Lot>, lot: Lot): StockChange => {
  const all = [...lots, lot]
  const revaluations = strategy.afterArrival(all.map(balance), lot.receivedOn)
  const changed = applyOutcome(all, { draws: [], revaluations }, {
    kind: "issue",
    date: lot.receivedOn,
    operation: lot.movements[0]?.operation ?? lot.id
  })
  const written = changed.find((l) => l.id === lot.id) ?? lot
  return {
    lots: [written, ...changed.filter((l) => l.id !== lot.id)],
    draws: [],
    value: lot.value.amount,
    quantity: lot.quantity
  }
}

/**
 * The quantity and value of a lot at the end of a date (the sums of its movements dated on or
 * before it).
 *
 * @since 0.1.0
 * @category getters
 */
export const balanceAt = (lot: Lot, date: LocalDate): { readonly quantity: Decimal; readonly value: Money } => {
  let quantity = ZERO
  let value = 0
  for (const m of lot.movements) {
    if (m.date <= date) {
      quantity = BigDecimal.sum(quantity, m.quantity)
      value += m.value.amount
    }
  }
  return { quantity: BigDecimal.normalize(quantity), value: moneyOf(value, lot.currency) }
}

/**
 * Whether a lot's stored balance is the sum of its movements, and an empty lot holds no money.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isConsistent = (lot: Lot): boolean => {
  let quantity = ZERO
  let value = 0
  for (const m of lot.movements) {
    quantity = BigDecimal.sum(quantity, m.quantity)
    value += m.value.amount
  }
  return BigDecimal.equals(quantity, lot.remaining) && value === lot.remainingValue.amount &&
    (lot.remaining.value !== 0n || lot.remainingValue.amount === 0) && lot.remaining.value >= 0n && lot.remainingValue.amount >= 0 &&
    lot.open === (lot.remaining.value !== 0n) && lot.movements.every((m) => m.value.currency === lot.currency) &&
    lot.remainingValue.currency === lot.currency
}
