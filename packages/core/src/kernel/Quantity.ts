/**
 * Quantities: an exact decimal with a unit. The dimension is part of the type, so adding grams to
 * millilitres does not compile; untyped input doing the same fails at run time with a
 * {@link DimensionMismatchError}.
 *
 * Conversions between g, 两, 斤, kg, t and between ml, L are exact both ways. Conversions across
 * dimensions or between count units exist only as data on one item ({@link ItemConversion}: a box
 * of this milk holds 24 bottles; one egg of this kind is about 50 g).
 *
 * @since 0.1.0
 */
import { BigDecimal, Option, Result, Schema } from "effect"
import { dual } from "effect/Function"
import type { Decimal } from "./Decimal.ts"
import * as D from "./Decimal.ts"
import type { Path } from "./Errors.ts"
import { ArithmeticError, DimensionMismatchError, ValidationError } from "./Errors.ts"
import type { Dimension, DimensionOf, Unit, UnitsOf } from "./Unit.ts"
import * as U from "./Unit.ts"

/**
 * A quantity of dimension `D`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Quantity<Dim extends Dimension = Dimension> {
  readonly value: Decimal
  readonly unit: UnitsOf<Dim>
}

/**
 * A quantity as stored and sent: `{ value: "2.5", unit: "jin" }`. The unit may be given by code or
 * alias (`"斤"`); the value as a decimal string or a JSON number, at most 8 decimal places.
 *
 * @since 0.1.0
 * @category schemas
 */
export const QuantitySchema = Schema.Struct({
  value: D.DecimalSchema,
  unit: U.UnitSchema
})

/**
 * A quantity of zero or more.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NonNegativeQuantity = Schema.Struct({
  value: D.NonNegativeDecimal,
  unit: U.UnitSchema
})

/**
 * A quantity greater than zero.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PositiveQuantity = Schema.Struct({
  value: D.PositiveDecimal,
  unit: U.UnitSchema
})

/**
 * A quantity from an exact decimal and a unit.
 *
 * @since 0.1.0
 * @category constructors
 */
export const of = <Un extends Unit>(value: Decimal, unit: Un): Quantity<DimensionOf<Un>> =>
  ({ value: BigDecimal.normalize(value), unit }) as unknown as Quantity<DimensionOf<Un>>

/**
 * A quantity from a decimal string or a number and a unit; a typed error for anything else.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <Un extends Unit>(
  value: string | number | Decimal,
  unit: Un,
  path: Path = []
): Result.Result<Quantity<DimensionOf<Un>>, ValidationError> => {
  if (!U.isUnit(unit)) {
    return Result.fail(ValidationError.at([...path, "unit"], {
      zh: `未知的计量单位：${JSON.stringify(unit)}`,
      en: `unknown unit ${JSON.stringify(unit)}`
    }, "quantity.unknownUnit"))
  }
  const d = typeof value === "string" ? D.parse(value) : typeof value === "number" ? D.fromNumber(value) : Option.some(value)
  if (Option.isNone(d)) {
    return Result.fail(ValidationError.at([...path, "value"], {
      zh: `应为十进制数，实际为 ${JSON.stringify(value)}`,
      en: `expected a decimal number, got ${JSON.stringify(value)}`
    }, "quantity.invalidValue"))
  }
  return Result.succeed(of(d.value, unit))
}

/**
 * The dimension of a quantity.
 *
 * @since 0.1.0
 * @category getters
 */
export const dimension = <Dim extends Dimension>(q: Quantity<Dim>): Dim => U.dimensionOf(q.unit) as Dim

/**
 * A conversion recorded on one item: `1 from = factor to` (1 box = 24 bottles; 1 each = 50 g).
 *
 * @since 0.1.0
 * @category models
 */
export interface ItemConversion {
  readonly from: Unit
  readonly to: Unit
  readonly factor: Decimal
}

/**
 * @since 0.1.0
 * @category schemas
 */
export const ItemConversionSchema = Schema.Struct({
  from: U.UnitSchema,
  to: U.UnitSchema,
  factor: D.PositiveDecimal
})

/**
 * Converts within one dimension, exactly.
 *
 * @since 0.1.0
 * @category conversions
 */
export const convert: {
  <Dim extends Dimension>(to: UnitsOf<Dim>): (self: Quantity<Dim>) => Result.Result<Quantity<Dim>, DimensionMismatchError>
  <Dim extends Dimension>(self: Quantity<Dim>, to: UnitsOf<NoInfer<Dim>>): Result.Result<Quantity<Dim>, DimensionMismatchError>
} = dual(2, <Dim extends Dimension>(self: Quantity<Dim>, to: UnitsOf<Dim>): Result.Result<Quantity<Dim>, DimensionMismatchError> => {
  const f = U.factor(self.unit, to)
  if (f === undefined) return Result.fail(DimensionMismatchError.create(self.unit, to))
  return Result.succeed({ value: BigDecimal.normalize(BigDecimal.multiply(self.value, f)), unit: to })
})

type Ratio = { readonly num: bigint; readonly den: bigint }

const ratioOf = (d: Decimal): Ratio => {
  const n = BigDecimal.normalize(d)
  return n.scale >= 0
    ? { num: n.value, den: 10n ** BigInt(n.scale) }
    : { num: n.value * 10n ** BigInt(-n.scale), den: 1n }
}

/**
 * The exact factor from one unit to another through same-dimension conversions and the item's
 * own conversions (in either direction), as a ratio; `undefined` when no path exists.
 */
const pathFactor = (from: Unit, to: Unit, conversions: ReadonlyArray<ItemConversion>): Ratio | undefined => {
  const direct = U.factor(from, to)
  if (direct !== undefined) return ratioOf(direct)
  // breadth-first over dimensions; each edge carries its ratio
  type Edge = { from: Unit; to: Unit; r: Ratio }
  const edges: Array<Edge> = []
  for (const c of conversions) {
    const r = ratioOf(c.factor)
    edges.push({ from: c.from, to: c.to, r })
    edges.push({ from: c.to, to: c.from, r: { num: r.den, den: r.num } })
  }
  const seen = new Set<Dimension>([U.dimensionOf(from)])
  let frontier: Array<{ unit: Unit; r: Ratio }> = [{ unit: from, r: { num: 1n, den: 1n } }]
  while (frontier.length > 0) {
    const next: Array<{ unit: Unit; r: Ratio }> = []
    for (const node of frontier) {
      for (const e of edges) {
        const hop = U.factor(node.unit, e.from)
        if (hop === undefined) continue
        const h = ratioOf(hop)
        const r = { num: node.r.num * h.num * e.r.num, den: node.r.den * h.den * e.r.den }
        const last = U.factor(e.to, to)
        if (last !== undefined) {
          const l = ratioOf(last)
          return { num: r.num * l.num, den: r.den * l.den }
        }
        const dim = U.dimensionOf(e.to)
        if (!seen.has(dim)) {
          seen.add(dim)
          next.push({ unit: e.to, r })
        }
      }
    }
    frontier = next
  }
  return undefined
}

/**
 * Converts to any unit, using the item's own conversions where the dimensions differ. The result
 * is exact; a conversion whose result is not a terminating decimal (1 bottle = 1/24 box) fails
 * with a typed error — such a value is for display only, see {@link approximate}.
 *
 * @since 0.1.0
 * @category conversions
 */
export const convertWith = (
  self: Quantity,
  to: Unit,
  conversions: ReadonlyArray<ItemConversion>,
  path: Path = []
): Result.Result<Quantity, DimensionMismatchError | ArithmeticError> => {
  const r = pathFactor(self.unit, to, conversions)
  if (r === undefined) return Result.fail(DimensionMismatchError.create(self.unit, to, path))
  const scaled = BigDecimal.multiply(self.value, BigDecimal.make(r.num, 0))
  const exact = D.divideExact(scaled, BigDecimal.make(r.den, 0))
  if (Option.isNone(exact)) {
    return Result.fail(ArithmeticError.create("quantity.inexactConversion", {
      zh: `${D.format(self.value)} ${self.unit} 换算为 ${to} 不是有限小数，只能取近似值用于显示`,
      en: `${D.format(self.value)} ${self.unit} in ${to} is not a terminating decimal; use an approximation for display only`
    }, path))
  }
  return Result.succeed(of(exact.value, to))
}

/**
 * A rounded conversion for display (1 bottle ≈ 0.04 box): never use it for stock or money.
 *
 * @since 0.1.0
 * @category conversions
 */
export const approximate = (
  self: Quantity,
  to: Unit,
  conversions: ReadonlyArray<ItemConversion>,
  scale = 3
): Result.Result<Quantity, DimensionMismatchError> => {
  const r = pathFactor(self.unit, to, conversions)
  if (r === undefined) return Result.fail(DimensionMismatchError.create(self.unit, to))
  const scaled = BigDecimal.multiply(self.value, BigDecimal.make(r.num, 0))
  const value = BigDecimal.divide(scaled, BigDecimal.make(r.den, 0))
  return Result.succeed(of(D.round(Option.getOrElse(value, () => scaled), scale, "half-from-zero"), to))
}

const combine = (
  op: "add" | "subtract",
  self: Quantity,
  that: Quantity
): Result.Result<Quantity, DimensionMismatchError> => {
  const f = U.factor(that.unit, self.unit)
  if (f === undefined) return Result.fail(DimensionMismatchError.create(that.unit, self.unit))
  const t = BigDecimal.multiply(that.value, f)
  const value = op === "add" ? BigDecimal.sum(self.value, t) : BigDecimal.subtract(self.value, t)
  return Result.succeed({ value: BigDecimal.normalize(value), unit: self.unit })
}

/**
 * `self + that`, in `self`'s unit.
 *
 * @since 0.1.0
 * @category math
 */
export const add: {
  <Dim extends Dimension>(that: Quantity<Dim>): (self: Quantity<Dim>) => Result.Result<Quantity<Dim>, DimensionMismatchError>
  <Dim extends Dimension>(self: Quantity<Dim>, that: Quantity<NoInfer<Dim>>): Result.Result<Quantity<Dim>, DimensionMismatchError>
} = dual(2, (self: Quantity, that: Quantity) => combine("add", self, that))

/**
 * `self − that`, in `self`'s unit.
 *
 * @since 0.1.0
 * @category math
 */
export const subtract: {
  <Dim extends Dimension>(that: Quantity<Dim>): (self: Quantity<Dim>) => Result.Result<Quantity<Dim>, DimensionMismatchError>
  <Dim extends Dimension>(self: Quantity<Dim>, that: Quantity<NoInfer<Dim>>): Result.Result<Quantity<Dim>, DimensionMismatchError>
} = dual(2, (self: Quantity, that: Quantity) => combine("subtract", self, that))

/**
 * `self × factor` for a dimensionless factor (servings, a yield), exact.
 *
 * @since 0.1.0
 * @category math
 */
export const scale: {
  (factor: Decimal): <Dim extends Dimension>(self: Quantity<Dim>) => Quantity<Dim>
  <Dim extends Dimension>(self: Quantity<Dim>, factor: Decimal): Quantity<Dim>
} = dual(2, <Dim extends Dimension>(self: Quantity<Dim>, factor: Decimal): Quantity<Dim> => ({
  value: BigDecimal.normalize(BigDecimal.multiply(self.value, factor)),
  unit: self.unit
}))

/**
 * `−self`.
 *
 * @since 0.1.0
 * @category math
 */
export const negate = <Dim extends Dimension>(self: Quantity<Dim>): Quantity<Dim> => ({
  value: BigDecimal.negate(self.value),
  unit: self.unit
})

/**
 * The sum of quantities of one dimension, in `unit` (zero for an empty list).
 *
 * @since 0.1.0
 * @category math
 */
export const sum = <Dim extends Dimension>(
  items: Iterable<Quantity<Dim>>,
  unit: UnitsOf<Dim>
): Result.Result<Quantity<Dim>, DimensionMismatchError> => {
  let total = BigDecimal.make(0n, 0)
  let i = 0
  for (const q of items) {
    const f = U.factor(q.unit, unit)
    if (f === undefined) return Result.fail(DimensionMismatchError.create(q.unit, unit, [i]))
    total = BigDecimal.sum(total, BigDecimal.multiply(q.value, f))
    i++
  }
  return Result.succeed({ value: BigDecimal.normalize(total), unit })
}

/**
 * Compares two quantities of one dimension: −1, 0 or 1.
 *
 * @since 0.1.0
 * @category comparisons
 */
export const compare = <Dim extends Dimension>(
  a: Quantity<Dim>,
  b: Quantity<NoInfer<Dim>>
): Result.Result<-1 | 0 | 1, DimensionMismatchError> => {
  const f = U.factor(b.unit, a.unit)
  if (f === undefined) return Result.fail(DimensionMismatchError.create(b.unit, a.unit))
  return Result.succeed(BigDecimal.Order(a.value, BigDecimal.multiply(b.value, f)))
}

/**
 * Whether two quantities are the same amount (1 kg equals 2 斤).
 *
 * @since 0.1.0
 * @category predicates
 */
export const equals = (a: Quantity, b: Quantity): boolean => {
  const f = U.factor(b.unit, a.unit)
  return f !== undefined && BigDecimal.equals(a.value, BigDecimal.multiply(b.value, f))
}

/**
 * @since 0.1.0
 * @category predicates
 */
export const isZero = (q: Quantity): boolean => q.value.value === 0n

/**
 * @since 0.1.0
 * @category predicates
 */
export const isNegative = (q: Quantity): boolean => q.value.value < 0n

/**
 * The dimensionless ratio `a / b` of two quantities of one dimension, exact when it terminates,
 * otherwise rounded half-up to `places` decimal places.
 *
 * @since 0.1.0
 * @category math
 */
export const ratio = (a: Quantity, b: Quantity, places = 8): Result.Result<Decimal, DimensionMismatchError | ArithmeticError> => {
  const f = U.factor(b.unit, a.unit)
  if (f === undefined) return Result.fail(DimensionMismatchError.create(b.unit, a.unit))
  const denominator = BigDecimal.multiply(b.value, f)
  if (denominator.value === 0n) {
    return Result.fail(ArithmeticError.create("quantity.divisionByZero", { zh: "除数数量为 0", en: "division by a zero quantity" }))
  }
  const exact = D.divideExact(a.value, denominator)
  // a terminating quotient rounds exactly; a non-terminating one is never exactly at a half
  if (Option.isSome(exact)) return Result.succeed(D.round(exact.value, places, "half-from-zero"))
  const q = BigDecimal.divide(a.value, denominator)
  return Result.succeed(D.round(Option.getOrElse(q, () => a.value), places, "half-from-zero"))
}

/**
 * Formats a quantity: zh-CN `2.5斤`, en `2.5 jin (500 g)`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const format = (q: Quantity, locale: "zh-CN" | "en" = "zh-CN"): string => {
  const l = U.label(q.unit)
  return locale === "zh-CN" ? `${D.format(q.value)}${l.zh}` : `${D.format(q.value)} ${l.en}`
}
