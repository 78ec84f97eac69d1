/**
 * Unit prices: an exact decimal amount in major units (yuan) per one unit.
 *
 * ¥1.99/kg is ¥0.995/斤: converting a unit price never rounds. A line total (quantity × unit
 * price) is rounded to the fen once, half-up, when it is posted ({@link total}).
 *
 * @since 0.1.0
 */
import { BigDecimal, Result, Schema } from "effect"
import type { Decimal } from "./Decimal.ts"
import * as D from "./Decimal.ts"
import type { Path , OverflowError } from "./Errors.ts"
import { ArithmeticError, DimensionMismatchError } from "./Errors.ts"
import type { Currency, Money, Rounding } from "./Money.ts"
import * as M from "./Money.ts"
import type { ItemConversion, Quantity } from "./Quantity.ts"
import * as Q from "./Quantity.ts"
import type { Dimension, DimensionOf, Unit, UnitsOf } from "./Unit.ts"
import * as U from "./Unit.ts"

/**
 * A price of `amount` (major units, e.g. yuan) per one `per`.
 *
 * @since 0.1.0
 * @category models
 */
export interface UnitPrice<Dim extends Dimension = Dimension> {
  readonly amount: Decimal
  readonly currency: Currency
  readonly per: UnitsOf<Dim>
}

/**
 * A unit price as stored and sent: `{ amount: "3.50", currency: "CNY", per: "jin" }` (amount in
 * yuan, at most 8 decimal places, zero or more).
 *
 * @since 0.1.0
 * @category schemas
 */
export const UnitPriceSchema = Schema.Struct({
  amount: D.NonNegativeDecimal,
  currency: M.Currency,
  per: U.UnitSchema
})

/**
 * A unit price from an exact amount.
 *
 * @since 0.1.0
 * @category constructors
 */
export const of = <Un extends Unit>(amount: Decimal, per: Un, currency: Currency = "CNY"): UnitPrice<DimensionOf<Un>> =>
  ({ amount: BigDecimal.normalize(amount), currency, per }) as unknown as UnitPrice<DimensionOf<Un>>

/**
 * The same price per another unit of the same dimension, exact (¥1.99/kg → ¥0.995/斤).
 *
 * @since 0.1.0
 * @category conversions
 */
export const convert = <Dim extends Dimension>(
  self: UnitPrice<Dim>,
  per: UnitsOf<NoInfer<Dim>>
): Result.Result<UnitPrice<Dim>, DimensionMismatchError> => {
  // price per `per` = price per `self.per` × (how many `self.per` in one `per`)
  const f = U.factor(per, self.per)
  if (f === undefined) return Result.fail(DimensionMismatchError.create(self.per, per))
  return Result.succeed({ amount: BigDecimal.normalize(BigDecimal.multiply(self.amount, f)), currency: self.currency, per })
}

/**
 * The exact, unrounded cost of a quantity at this price, in minor units (fen): the value before
 * posting. Uses the item's conversions when the quantity's unit is of another dimension.
 *
 * @since 0.1.0
 * @category math
 */
export const exactMinor = (
  self: UnitPrice,
  quantity: Quantity,
  conversions: ReadonlyArray<ItemConversion> = [],
  path: Path = []
): Result.Result<Decimal, DimensionMismatchError | ArithmeticError> =>
  Result.map(
    Q.convertWith(quantity, self.per, conversions, path),
    (q) => BigDecimal.multiply(
      BigDecimal.multiply(q.value, self.amount),
      BigDecimal.make(10n ** BigInt(M.currencies[self.currency].minorDigits), 0)
    )
  )

/**
 * The line total of a quantity at this price, rounded once to the fen (half-up unless a rule names
 * another rounding). The same money whatever units the price and the quantity are expressed in.
 *
 * @since 0.1.0
 * @category math
 */
export const total = (
  self: UnitPrice,
  quantity: Quantity,
  options: { readonly conversions?: ReadonlyArray<ItemConversion>; readonly rounding?: Rounding; readonly path?: Path } = {}
): Result.Result<Money, DimensionMismatchError | ArithmeticError | OverflowError> =>
  Result.flatMap(
    exactMinor(self, quantity, options.conversions ?? [], options.path ?? []),
    (minor) => M.fromMinorDecimal(minor, self.currency, options.rounding ?? "halfUp", "lineTotal")
  )

/**
 * The average price of a quantity that cost `money`: exact when the quotient terminates within
 * `scale` places (default 8), otherwise rounded with a named rounding. A derived price, for
 * display and for reference lists; stock is valued from amounts, not from rounded prices.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromTotal = (
  money: Money,
  quantity: Quantity,
  scale = D.MAX_SCALE,
  rounding: Rounding = "halfUp"
): Result.Result<UnitPrice, ArithmeticError> => {
  if (quantity.value.value === 0n) {
    return Result.fail(ArithmeticError.create("unitPrice.divisionByZero", { zh: "数量为 0，无法计算单价", en: "the quantity is zero; no unit price" }))
  }
  const amount = M.divideRounded(M.toMajor(money), quantity.value, scale, rounding)
  return Result.succeed({ amount, currency: money.currency, per: quantity.unit })
}

/**
 * Compares two prices per the same unit (after converting `b` to `a`'s unit): −1, 0 or 1.
 *
 * @since 0.1.0
 * @category comparisons
 */
export const compare = (a: UnitPrice, b: UnitPrice): Result.Result<-1 | 0 | 1, DimensionMismatchError> => {
  const f = U.factor(a.per, b.per)
  if (f === undefined || a.currency !== b.currency) return Result.fail(DimensionMismatchError.create(`${b.currency}/${b.per}`, `${a.currency}/${a.per}`))
  return Result.succeed(BigDecimal.Order(a.amount, BigDecimal.multiply(b.amount, f)))
}

/**
 * Formats a price with at least the currency's minor digits and every further digit it has
 * (exact, never rounded): zh-CN `¥13.50/斤`, `¥0.995/斤`; en `CNY 13.50 / jin (500 g)`. The amount
 * is a decimal in yuan — unlike `Money.amount`, an integer number of fen.
 *
 * @since 0.1.0
 * @category formatting
 */
export const format = (p: UnitPrice, locale: "zh-CN" | "en" = "zh-CN"): string => {
  const l = U.label(p.per)
  const full = D.format(p.amount)
  const sign = full.startsWith("-") ? "-" : ""
  const text = sign === "" ? full : full.slice(1)
  const minor = M.currencies[p.currency].minorDigits
  const dot = text.indexOf(".")
  const decimals = dot < 0 ? 0 : text.length - dot - 1
  const amount = decimals >= minor ? text : `${text}${dot < 0 && minor > 0 ? "." : ""}${"0".repeat(minor - decimals)}`
  return locale === "zh-CN"
    ? `${sign}${M.currencies[p.currency].symbol}${amount}/${l.zh}`
    : `${sign}${p.currency} ${amount} / ${l.en}`
}
