/**
 * Purchase lines: quantities in any unit (斤, kg, 两, a count unit), unit prices per any unit, and
 * their conversion into an ingredient's stock unit through its own conversions — exact, or refused
 * with a typed error. A line's money is posted once, half-up, from the exact product of quantity
 * and price (`UnitPrice.total`), whatever units either is expressed in.
 *
 * @since 0.1.0
 */
import { BigDecimal, Option, Result } from "effect"
import * as D from "../kernel/Decimal.ts"
import type { OverflowError, Path } from "../kernel/Errors.ts"
import type { ValidationError } from "../kernel/Errors.ts"
import { ArithmeticError, CurrencyMismatchError, DimensionMismatchError } from "../kernel/Errors.ts"
import type { Currency, Money, Rounding } from "../kernel/Money.ts"
import * as M from "../kernel/Money.ts"
import type { ItemConversion } from "../kernel/Quantity.ts"
import * as Q from "../kernel/Quantity.ts"
import type { Unit } from "../kernel/Unit.ts"
import * as UP from "../kernel/UnitPrice.ts"
import type { PriceValue, QuantityValue } from "./model.ts"

/**
 * What conversion needs to know of an ingredient.
 *
 * @since 0.1.0
 * @category models
 */
export interface Convertible {
  readonly stockUnit: Unit
  readonly conversions: ReadonlyArray<ItemConversion>
}

/**
 * A quantity in the ingredient's stock unit, converted exactly (1.5 斤 of rice kept in kg is
 * 0.75 kg; 2 boxes of 24-bottle milk kept in bottles are 48 bottles). A unit of another dimension
 * without a conversion on the ingredient is a `DimensionMismatchError`; a conversion that does not
 * terminate (1 bottle = 1/24 box) an `ArithmeticError`; a result that needs more than the 8
 * decimal places stock is stored with (0.00000001 斤 = 0.000000005 kg) a `ValidationError`.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toStockUnit = (
  ingredient: Convertible,
  quantity: QuantityValue,
  path: Path = []
): Result.Result<QuantityValue, DimensionMismatchError | ArithmeticError | ValidationError> =>
  Result.flatMap(Q.convertWith(quantity, ingredient.stockUnit, ingredient.conversions, path), (q) =>
    Result.map(D.checkStorable(q.value, path), () => q as QuantityValue))

/**
 * The same price per another unit, through the item's conversions, exactly (¥1.99/kg is
 * ¥0.995/斤; ¥60/box of 24 bottles is ¥2.5/bottle). Fails when the result does not terminate.
 *
 * @since 0.1.0
 * @category conversions
 */
export const convertPrice = (
  price: PriceValue,
  per: Unit,
  conversions: ReadonlyArray<ItemConversion>,
  path: Path = []
): Result.Result<PriceValue, DimensionMismatchError | ArithmeticError> =>
  // the price per `per` is the price of one `per`, expressed in `price.per`
  Result.map(Q.convertWith(Q.of(D.fromInt(1), per), price.per, conversions, path), (one) => ({
    amount: BigDecimal.normalize(BigDecimal.multiply(price.amount, one.value)),
    currency: price.currency,
    per
  }))

/**
 * A purchase line: a quantity at a unit price.
 *
 * @since 0.1.0
 * @category models
 */
export interface Line {
  readonly quantity: QuantityValue
  readonly unitPrice: PriceValue
}

/**
 * The same line with its quantity and its price both expressed in `unit` (exactly, or a typed
 * error): its value does not change.
 *
 * @since 0.1.0
 * @category conversions
 */
export const convertLine = (
  line: Line,
  unit: Unit,
  conversions: ReadonlyArray<ItemConversion>,
  path: Path = []
): Result.Result<Line, DimensionMismatchError | ArithmeticError> =>
  Result.flatMap(Q.convertWith(line.quantity, unit, conversions, [...path, "quantity"]), (quantity) =>
    Result.map(convertPrice(line.unitPrice, unit, conversions, [...path, "unitPrice"]), (unitPrice) => ({ quantity, unitPrice })))

/**
 * A line's total, posted once to the fen with the named rounding (half-up by default), from the
 * exact product of quantity and price — also when the quantity does not convert exactly into the
 * price's unit (47 bottles at ¥50 a box of 24 is ¥97.92). The price must be in the school's
 * currency.
 *
 * @since 0.1.0
 * @category math
 */
export const lineTotal = (
  line: Line,
  options: {
    readonly currency: Currency
    readonly conversions?: ReadonlyArray<ItemConversion>
    readonly rounding?: Rounding
    readonly path?: Path
  }
): Result.Result<Money, CurrencyMismatchError | DimensionMismatchError | ArithmeticError | OverflowError> => {
  const path = options.path ?? []
  if (line.unitPrice.currency !== options.currency) {
    return Result.fail(CurrencyMismatchError.create(options.currency, line.unitPrice.currency, [...path, "unitPrice", "currency"]))
  }
  const rounding = options.rounding ?? "halfUp"
  const conversions = options.conversions ?? []
  const posted = UP.total(line.unitPrice, line.quantity, { conversions, rounding, path: [...path, "quantity"] })
  if (Result.isSuccess(posted) || posted.failure._tag !== "ArithmeticError") return posted
  // the quantity does not convert exactly into the price's unit (47 bottles at ¥50 a box of 24):
  // post the exact rational product q × price ÷ (bottles per box) once instead
  return Result.flatMap(rationalMinor(line, conversions, 0, rounding, path), (minor) =>
    M.fromMinorDecimal(minor, line.unitPrice.currency, rounding, "lineTotal"))
}

const rationalMinor = (
  line: Line,
  conversions: ReadonlyArray<ItemConversion>,
  scale: number,
  rounding: Rounding,
  path: Path
): Result.Result<D.Decimal, DimensionMismatchError | ArithmeticError> =>
  // one price unit in the quantity's unit (1 box = 24 bottles) is exact where the other way is not
  Result.map(Q.convertWith(Q.of(D.fromInt(1), line.unitPrice.per), line.quantity.unit, conversions, [...path, "quantity"]), (one) =>
    M.divideRounded(
      BigDecimal.multiply(
        BigDecimal.multiply(line.quantity.value, line.unitPrice.amount),
        D.fromInt(10 ** M.currencies[line.unitPrice.currency].minorDigits)
      ),
      one.value,
      scale,
      rounding
    ))

/**
 * The value of a line in fen before posting: exact when the quantity converts exactly into the
 * price's unit, otherwise to `scale` places (default 8), half-up. For comparisons and shares.
 *
 * @since 0.1.0
 * @category math
 */
export const valueMinor = (
  line: Line,
  conversions: ReadonlyArray<ItemConversion> = [],
  scale = D.MAX_SCALE,
  path: Path = []
): Result.Result<D.Decimal, DimensionMismatchError | ArithmeticError> => {
  const exact = UP.exactMinor(line.unitPrice, line.quantity, conversions, path)
  if (Result.isSuccess(exact) || exact.failure._tag !== "ArithmeticError") return exact
  return rationalMinor(line, conversions, scale, "halfUp", path)
}

/**
 * Checks that every conversion of an ingredient is usable: none converts a unit into itself, and
 * the stock unit can be reached from each unit they name.
 *
 * @since 0.1.0
 * @category validation
 */
export const checkConversions = (
  ingredient: Convertible,
  path: Path = []
): Result.Result<void, DimensionMismatchError | ArithmeticError> => {
  for (let i = 0; i < ingredient.conversions.length; i++) {
    const c = ingredient.conversions[i]!
    if (c.from === c.to) {
      return Result.fail(ArithmeticError.create("canteen.conversionToItself", {
        zh: `换算关系不能把单位换算为它自己：${c.from}`,
        en: `a conversion cannot convert a unit into itself: ${c.from}`
      }, [...path, "conversions", i]))
    }
    for (const u of [c.from, c.to]) {
      const probe = Q.approximate(Q.of(D.fromInt(1), u), ingredient.stockUnit, ingredient.conversions)
      if (Result.isFailure(probe)) return Result.fail(DimensionMismatchError.create(u, ingredient.stockUnit, [...path, "conversions", i]))
    }
  }
  return Result.succeed(undefined)
}

/**
 * The price per one stock unit implied by a value and a quantity, in major units, rounded to
 * 8 places (for display and reference lists only; stock is valued from amounts).
 *
 * @since 0.1.0
 * @category math
 */
export const unitCost = (value: number, quantity: D.Decimal, unit: Unit, currency: Currency): Option.Option<PriceValue> =>
  quantity.value === 0n
    ? Option.none()
    : Result.getSuccess(UP.fromTotal({ amount: value, currency }, Q.of(quantity, unit)))
