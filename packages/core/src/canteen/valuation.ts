/**
 * Stock valuation strategies — FIFO (先进先出), FEFO (近效期先出) and moving average (移动加权平均) —
 * as records of functions passed as values, in the manner of dinero.js's calculators. Every law
 * (stock and money are conserved; an empty lot holds no money) is tested against every strategy.
 *
 * A strategy works on the balances of one ingredient's lots (remaining quantity in the stock
 * unit, remaining value in fen). It decides which lots a quantity leaves from and at what value,
 * and — for moving average — how value is spread over the lots. Money is never derived from a
 * rounded unit price: the value of a part of a lot is `value × part ÷ whole`, rounded half-up
 * once, and taking the whole takes the whole value, so nothing is ever lost or created.
 *
 * - **FIFO**: oldest receipt first; each lot keeps its own cost.
 * - **FEFO**: earliest best-before first (lots without one last); each lot keeps its own cost.
 * - **Moving average**: every unit in stock has the same cost. The pool's value `V` is spread over
 *   the lots by remaining quantity (`Money.allocate`, largest remainders), so each lot holds its
 *   share to the fen; an issue of `q` out of `Q` costs `V × q ÷ Q` (all of `V` when `q = Q`), and
 *   the value left is spread again. The moves between lots are `revaluation`s that sum to zero.
 *   Physically it picks the earliest best-before first, as FEFO does. A return to the supplier is
 *   the exception: it is credited at what was paid for that lot (its own unit cost), and the
 *   average of what stays is worked out again.
 *
 * An operation sees the stock of its date: given the date (`asOf`), every strategy works on the lots
 * received on or before it only — an issue dated 3 March but entered after a receipt of 5 March is
 * neither drawn from that receipt nor averaged over it, and no value moves onto a lot before it
 * arrived. Moving average takes the average from the lots' balances on that date (`onDate`: their
 * movements dated on or before it), so a revaluation made when the later receipt arrived does not
 * leak into the earlier issue either. Operations dated after it are not costed again: when they
 * have already drawn those lots down, the operation takes at most what the lots hold now, and all
 * of it when it empties them — value never stays on no stock and no lot holds less than nothing.
 *
 * @since 0.1.0
 */
import { BigDecimal, Result } from "effect"
import type { Decimal } from "../kernel/Decimal.ts"
import type { Messages } from "../kernel/Errors.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as M from "../kernel/Money.ts"

/**
 * The balance of one lot as a strategy sees it.
 *
 * @since 0.1.0
 * @category models
 */
export interface LotBalance {
  readonly id: string
  readonly receivedOn: LocalDate
  readonly bestBefore?: LocalDate | undefined
  /** remaining quantity, in the ingredient's stock unit */
  readonly quantity: Decimal
  /** remaining value, in fen */
  readonly value: number
  /**
   * what the lot cost when it arrived (its quantity and value as received) and how much of it has
   * gone back to the supplier since: a return is credited at this cost. Without it, moving average
   * can only credit a return at the pool's average.
   */
  readonly cost?: { readonly quantity: Decimal; readonly value: number; readonly returned: Decimal } | undefined
  /**
   * the lot's quantity and value at the end of the operation's date (the sums of its movements
   * dated on or before it), when they differ from what remains now — the operation was entered
   * after others dated later. Moving average takes its average from these; without them, from the
   * remaining balance.
   */
  readonly onDate?: { readonly quantity: Decimal; readonly value: number } | undefined
}

/**
 * A quantity taken out of one lot, with its value (both positive).
 *
 * @since 0.1.0
 * @category models
 */
export interface Draw {
  readonly lotId: string
  readonly quantity: Decimal
  readonly value: number
}

/**
 * Value moved onto (positive) or off (negative) a lot without any quantity.
 *
 * @since 0.1.0
 * @category models
 */
export interface Revaluation {
  readonly lotId: string
  readonly value: number
}

/**
 * What an operation does to the lots: the draws (their values are the operation's cost) and the
 * revaluations that follow (they sum to zero).
 *
 * @since 0.1.0
 * @category models
 */
export interface Outcome {
  readonly draws: ReadonlyArray<Draw>
  readonly revaluations: ReadonlyArray<Revaluation>
}

/**
 * Less stock than asked for: how much there was to take.
 *
 * @since 0.1.0
 * @category models
 */
export interface Shortfall {
  readonly _tag: "Shortfall"
  readonly available: Decimal
}

/**
 * The names of the strategies.
 *
 * @since 0.1.0
 * @category models
 */
export type ValuationName = "fifo" | "fefo" | "movingAverage"

/**
 * A valuation strategy.
 *
 * @since 0.1.0
 * @category models
 */
export interface ValuationStrategy {
  readonly name: ValuationName
  readonly label: Messages
  /** the order in which lots leave the store */
  readonly order: (a: LotBalance, b: LotBalance) => number
  /**
   * Takes `quantity` out of the lots, from those `eligible` (by default all; an issue passes the
   * lots received by its date and within their best-before), at this strategy's value. Given
   * `asOf`, the operation's date, only the lots received on or before it are in stock for it: they
   * alone are drawn, averaged over and revalued.
   */
  readonly take: (
    lots: ReadonlyArray<LotBalance>,
    quantity: Decimal,
    eligible?: (lot: LotBalance) => boolean,
    asOf?: LocalDate
  ) => Result.Result<Outcome, Shortfall>
  /** takes `quantity` out of one named lot (spoilage of that lot) at this strategy's value */
  readonly takeFrom: (lots: ReadonlyArray<LotBalance>, lotId: string, quantity: Decimal, asOf?: LocalDate) => Result.Result<Outcome, Shortfall>
  /**
   * takes `quantity` of one named lot back to its supplier (退货), credited at what was paid for
   * that lot; for moving average the average of what stays is worked out again
   */
  readonly returnFrom: (lots: ReadonlyArray<LotBalance>, lotId: string, quantity: Decimal, asOf?: LocalDate) => Result.Result<Outcome, Shortfall>
  /**
   * the revaluations that follow a lot's arrival (a receipt, a stocktake surplus); given `asOf`
   * (the arrival's date), among the lots received on or before it
   */
  readonly afterArrival: (lots: ReadonlyArray<LotBalance>, asOf?: LocalDate) => ReadonlyArray<Revaluation>
}

const ZERO = BigDecimal.make(0n, 0)

const toScaled = (d: Decimal, scale: number): bigint => {
  const n = d.scale
  return n === scale ? d.value : n < scale ? d.value * 10n ** BigInt(scale - n) : d.value / 10n ** BigInt(n - scale)
}

/**
 * `value × part ÷ whole`, rounded half-up (away from zero) to a whole fen; exactly `value` when
 * `part` equals `whole`, and 0 when `whole` is not positive (there is nothing to take a part of).
 *
 * @since 0.1.0
 * @category math
 */
export const proportional = (value: number, part: Decimal, whole: Decimal): number => {
  const scale = Math.max(0, part.scale, whole.scale)
  const p = toScaled(part, scale)
  const w = toScaled(whole, scale)
  if (p === w) return value
  if (w <= 0n) return 0
  const num = BigInt(value) * p
  let q = num / w
  const r = num % w
  const twice = (r < 0n ? -r : r) * 2n
  if (twice >= w) q += num < 0n ? -1n : 1n
  return Number(q)
}

const sumQuantity = (lots: ReadonlyArray<LotBalance>): Decimal => {
  let total = ZERO
  for (const l of lots) total = BigDecimal.sum(total, l.quantity)
  return BigDecimal.normalize(total)
}

const sumValue = (lots: ReadonlyArray<LotBalance>): number => {
  let total = 0
  for (const l of lots) total += l.value
  return total
}

const positive = (d: Decimal): boolean => d.value > 0n

/** the lots in stock on `asOf`: received on or before it (all of them without a date) */
const inStockOn = (lots: ReadonlyArray<LotBalance>, asOf: LocalDate | undefined): ReadonlyArray<LotBalance> =>
  asOf === undefined ? lots : lots.filter((l) => l.receivedOn <= asOf)

const fifoOrder = (a: LotBalance, b: LotBalance): number =>
  a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

const fefoOrder = (a: LotBalance, b: LotBalance): number => {
  const x = a.bestBefore
  const y = b.bestBefore
  if (x !== y) {
    if (x === undefined) return 1
    if (y === undefined) return -1
    return x < y ? -1 : 1
  }
  return fifoOrder(a, b)
}

/** which lots a quantity leaves from, and how much from each, in `order` */
const pick = (
  lots: ReadonlyArray<LotBalance>,
  quantity: Decimal,
  order: (a: LotBalance, b: LotBalance) => number,
  eligible: ((lot: LotBalance) => boolean) | undefined
): Result.Result<Array<{ readonly lot: LotBalance; readonly quantity: Decimal }>, Shortfall> => {
  if (!positive(quantity)) return Result.succeed([])
  const candidates = lots.filter((l) => positive(l.quantity) && (eligible === undefined || eligible(l))).sort(order)
  const available = sumQuantity(candidates)
  if (BigDecimal.isLessThan(available, quantity)) return Result.fail({ _tag: "Shortfall", available })
  const out: Array<{ readonly lot: LotBalance; readonly quantity: Decimal }> = []
  let left = quantity
  for (const lot of candidates) {
    if (!positive(left)) break
    const q = BigDecimal.isLessThan(left, lot.quantity) ? left : lot.quantity
    out.push({ lot, quantity: BigDecimal.normalize(q) })
    left = BigDecimal.subtract(left, q)
  }
  return Result.succeed(out)
}

const specificTake = (order: (a: LotBalance, b: LotBalance) => number) =>
(
  lots: ReadonlyArray<LotBalance>,
  quantity: Decimal,
  eligible?: (lot: LotBalance) => boolean,
  asOf?: LocalDate
): Result.Result<Outcome, Shortfall> =>
  Result.map(pick(inStockOn(lots, asOf), quantity, order, eligible), (picks) => ({
    draws: picks.map(({ lot, quantity: q }) => ({ lotId: lot.id, quantity: q, value: proportional(lot.value, q, lot.quantity) })),
    revaluations: []
  }))

/** a part of one lot at that lot's own remaining value: FIFO and FEFO keep each lot at its own cost, so this is also what was paid for it */
const specificTakeFrom = (lots: ReadonlyArray<LotBalance>, lotId: string, quantity: Decimal, asOf?: LocalDate): Result.Result<Outcome, Shortfall> => {
  const lot = inStockOn(lots, asOf).find((l) => l.id === lotId)
  if (lot === undefined || BigDecimal.isLessThan(lot.quantity, quantity)) {
    return Result.fail({ _tag: "Shortfall", available: lot?.quantity ?? ZERO })
  }
  return Result.succeed({
    draws: [{ lotId, quantity: BigDecimal.normalize(quantity), value: proportional(lot.value, quantity, lot.quantity) }],
    revaluations: []
  })
}

/**
 * Splits `total` fen over `weights` by largest remainders (the kernel's `Money.allocate`); all
 * zeros when the weights sum to zero (then `total` must be zero too).
 */
const spread = (total: number, weights: ReadonlyArray<Decimal>): Array<number> => {
  if (weights.every((w) => w.value === 0n)) return weights.map(() => 0)
  const parts = M.allocate({ amount: total, currency: "CNY" }, weights)
  return Result.isSuccess(parts) ? parts.success.map((m) => m.amount) : weights.map(() => 0)
}

/** the revaluations that bring `lots` (with their values after an operation) to the canonical spread of their total */
const respread = (lots: ReadonlyArray<LotBalance>): Array<Revaluation> => {
  const open = lots.filter((l) => positive(l.quantity) || l.value !== 0).slice().sort(fefoOrder)
  const total = sumValue(open)
  const target = spread(total, open.map((l) => (positive(l.quantity) ? l.quantity : ZERO)))
  const out: Array<Revaluation> = []
  for (let i = 0; i < open.length; i++) {
    const delta = target[i]! - open[i]!.value
    if (delta !== 0) out.push({ lotId: open[i]!.id, value: delta })
  }
  return out
}

/** the draws taken out of the pool, and the revaluations that spread what stays over it again */
const drawAndRespread = (pool: ReadonlyArray<LotBalance>, draws: ReadonlyArray<Draw>): Outcome => {
  const taken = new Map<string, Draw>(draws.map((d) => [d.lotId, d]))
  const after = pool.map((l) => {
    const d = taken.get(l.id)
    return d === undefined ? l : { ...l, quantity: BigDecimal.normalize(BigDecimal.subtract(l.quantity, d.quantity)), value: l.value - d.value }
  })
  return { draws, revaluations: respread(after) }
}

/** the lots holding quantity or value: what is averaged over and spread again */
const poolOf = (lots: ReadonlyArray<LotBalance>): ReadonlyArray<LotBalance> => lots.filter((l) => positive(l.quantity) || l.value !== 0)

/**
 * The cost of `quantity` out of `pool` (the lots in stock on the operation's date) at the average
 * of the pool's balances on that date, `V × q ÷ Q`; bounded by what the pool holds now, and all of
 * it when `quantity` is all the pool holds (see the module's notes on operations entered late).
 */
const averageCost = (pool: ReadonlyArray<LotBalance>, quantity: Decimal): number => {
  const held = sumValue(pool)
  if (BigDecimal.equals(quantity, sumQuantity(pool))) return held
  let V = 0
  let Q = ZERO
  for (const l of pool) {
    V += l.onDate?.value ?? l.value
    Q = BigDecimal.sum(Q, l.onDate?.quantity ?? l.quantity)
  }
  return Math.min(Math.max(proportional(V, quantity, BigDecimal.normalize(Q)), 0), held)
}

/** `lots` are the lots in stock on the operation's date */
const averageOutcome = (
  lots: ReadonlyArray<LotBalance>,
  picks: ReadonlyArray<{ readonly lot: LotBalance; readonly quantity: Decimal }>,
  quantity: Decimal
): Outcome => {
  const pool = poolOf(lots)
  const shares = spread(averageCost(pool, quantity), picks.map((p) => p.quantity))
  return drawAndRespread(pool, picks.map((p, i) => ({ lotId: p.lot.id, quantity: p.quantity, value: shares[i]! })))
}

/**
 * What was paid for `quantity` of a lot: its own unit cost, value ÷ quantity as received, posted
 * half-up — cumulatively over its earlier returns (`V × (R + q) ÷ Q − V × R ÷ Q`), so that returning
 * the whole lot in parts credits exactly what it cost. `undefined` when the lot's cost is unknown.
 */
const ownCost = (lot: LotBalance, quantity: Decimal): number | undefined => {
  const c = lot.cost
  if (c === undefined || !positive(c.quantity)) return undefined
  const before = BigDecimal.normalize(c.returned)
  return proportional(c.value, BigDecimal.normalize(BigDecimal.sum(before, quantity)), c.quantity) - proportional(c.value, before, c.quantity)
}

/**
 * A return under moving average: the lot's own cost leaves the pool with it, and what stays is
 * spread again (its average moves). The credit is bounded by what the pool holds — all of it when
 * the return empties the pool (no value may stay on no stock), at most all of it otherwise (no lot
 * may hold less than nothing) — which only bites when the cheaper stock has already been issued at
 * an average that included this lot's higher cost.
 */
const averageReturn = (lots: ReadonlyArray<LotBalance>, lotId: string, quantity: Decimal): Result.Result<Outcome, Shortfall> => {
  const lot = lots.find((l) => l.id === lotId)
  if (lot === undefined || BigDecimal.isLessThan(lot.quantity, quantity)) {
    return Result.fail({ _tag: "Shortfall", available: lot?.quantity ?? ZERO })
  }
  const q = BigDecimal.normalize(quantity)
  const pool = poolOf(lots)
  const held = sumValue(pool)
  const own = ownCost(lot, q)
  const credit = own === undefined || BigDecimal.equals(q, sumQuantity(pool)) ? averageCost(pool, q) : Math.min(Math.max(own, 0), held)
  return Result.succeed(drawAndRespread(pool, [{ lotId, quantity: q, value: credit }]))
}

/**
 * First in, first out (先进先出): the oldest receipt leaves first, at its own cost.
 *
 * @since 0.1.0
 * @category strategies
 */
export const fifo: ValuationStrategy = {
  name: "fifo",
  label: { zh: "先进先出", en: "first in, first out" },
  order: fifoOrder,
  take: specificTake(fifoOrder),
  takeFrom: specificTakeFrom,
  returnFrom: specificTakeFrom,
  afterArrival: () => []
}

/**
 * First expired, first out (近效期先出): the earliest best-before leaves first (lots without one
 * last, oldest receipt first among equals), at its own cost.
 *
 * @since 0.1.0
 * @category strategies
 */
export const fefo: ValuationStrategy = {
  name: "fefo",
  label: { zh: "近效期先出", en: "first expired, first out" },
  order: fefoOrder,
  take: specificTake(fefoOrder),
  takeFrom: specificTakeFrom,
  returnFrom: specificTakeFrom,
  afterArrival: () => []
}

/**
 * Moving average (移动加权平均): every unit in stock costs the pool's average; the pool's value is
 * held on the lots as its spread by remaining quantity. A return to the supplier leaves at the
 * returned lot's own cost, and the average of what stays moves.
 *
 * @since 0.1.0
 * @category strategies
 */
export const movingAverage: ValuationStrategy = {
  name: "movingAverage",
  label: { zh: "移动加权平均", en: "moving average" },
  order: fefoOrder,
  take: (lots, quantity, eligible, asOf) => {
    const pool = inStockOn(lots, asOf)
    return Result.map(pick(pool, quantity, fefoOrder, eligible), (picks) => averageOutcome(pool, picks, quantity))
  },
  takeFrom: (lots, lotId, quantity, asOf) => {
    const pool = inStockOn(lots, asOf)
    const lot = pool.find((l) => l.id === lotId)
    if (lot === undefined || BigDecimal.isLessThan(lot.quantity, quantity)) {
      return Result.fail({ _tag: "Shortfall", available: lot?.quantity ?? ZERO })
    }
    return Result.succeed(averageOutcome(pool, [{ lot, quantity: BigDecimal.normalize(quantity) }], quantity))
  },
  returnFrom: (lots, lotId, quantity, asOf) => averageReturn(inStockOn(lots, asOf), lotId, quantity),
  afterArrival: (lots, asOf) => respread(inStockOn(lots, asOf))
}

/**
 * Every strategy, by name.
 *
 * @since 0.1.0
 * @category strategies
 */
export const strategies: Readonly<Record<ValuationName, ValuationStrategy>> = { fifo, fefo, movingAverage }

/**
 * The value a quantity would enter stock at if it came at the pool's average (a stocktake
 * surplus): `V × q ÷ Q`, half-up; `undefined` when there is no stock to take an average from.
 *
 * @since 0.1.0
 * @category math
 */
export const averageValue = (lots: ReadonlyArray<LotBalance>, quantity: Decimal): number | undefined => {
  const pool = lots.filter((l) => positive(l.quantity))
  if (pool.length === 0) return undefined
  return proportional(sumValue(pool), quantity, sumQuantity(pool))
}

/**
 * The quantity and value on hand in a set of lots.
 *
 * @since 0.1.0
 * @category math
 */
export const totals = (lots: ReadonlyArray<LotBalance>): { readonly quantity: Decimal; readonly value: number } => ({
  quantity: sumQuantity(lots),
  value: sumValue(lots)
})
