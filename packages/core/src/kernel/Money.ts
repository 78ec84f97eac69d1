/**
 * Money: an integer number of minor units (fen for CNY) with a currency.
 *
 * The amount is a JavaScript number that must stay a safe integer; an operation whose result would
 * leave that range fails with an {@link OverflowError} (2^53 fen is 90 trillion yuan). Rounding is
 * always explicit and named; the default is half away from zero (四舍五入 on the magnitude),
 * as CONTRACTS.md fixes it. Splitting a total uses largest remainders, so the parts add up.
 *
 * @since 0.1.0
 */
import { BigDecimal, Result, Schema } from "effect"
import { dual } from "effect/Function"
import type { Decimal } from "./Decimal.ts"
import * as D from "./Decimal.ts"
import type { Path } from "./Errors.ts"
import { ArithmeticError, CurrencyMismatchError, OverflowError, ValidationError } from "./Errors.ts"
import * as FastDecode from "./FastDecode.ts"

/**
 * Currencies Houqin handles, with the number of decimal places of their minor unit
 * (ISO 4217: CNY 2 — 1 yuan = 100 fen).
 *
 * @since 0.1.0
 * @category constants
 */
export const currencies = {
  CNY: { minorDigits: 2, symbol: "¥" },
  HKD: { minorDigits: 2, symbol: "HK$" },
  MOP: { minorDigits: 2, symbol: "MOP$" },
  TWD: { minorDigits: 2, symbol: "NT$" },
  USD: { minorDigits: 2, symbol: "US$" },
  EUR: { minorDigits: 2, symbol: "€" }
} as const

/**
 * @since 0.1.0
 * @category models
 */
export type Currency = keyof typeof currencies

/**
 * @since 0.1.0
 * @category schemas
 */
export const Currency = Schema.Literals(Object.keys(currencies) as Array<Currency>)

/**
 * An amount of money in minor units (fen).
 *
 * @since 0.1.0
 * @category models
 */
export interface Money {
  readonly amount: number
  readonly currency: Currency
}

/**
 * Money as stored and sent: `{ amount: 1234, currency: "CNY" }` (amount in fen, a safe integer).
 *
 * @since 0.1.0
 * @category schemas
 */
export const MoneySchema = Schema.Struct({
  amount: Schema.Number.check(
    FastDecode.makeFilter((n: number) => Number.isSafeInteger(n), {
      expected: "a whole number of fen within the safe-integer range",
      zh: "以分为单位的整数（在安全整数范围内）"
    })
  ),
  currency: Currency
})

/**
 * Money that is zero or more.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NonNegativeMoney = MoneySchema.check(
  FastDecode.makeFilter((m: Money) => m.amount >= 0, { expected: "an amount ≥ 0", zh: "不小于 0 的金额" })
)

/**
 * Named rounding modes. `halfUp` is half away from zero (四舍五入 on the magnitude: 0.5 → 1,
 * −0.5 → −1), the default everywhere unless a rule names another.
 *
 * @since 0.1.0
 * @category models
 */
export type Rounding = "halfUp" | "halfEven" | "halfDown" | "up" | "down" | "ceiling" | "floor"

/**
 * @since 0.1.0
 * @category schemas
 */
export const Rounding = Schema.Literals(["halfUp", "halfEven", "halfDown", "up", "down", "ceiling", "floor"])

const modes: Record<Rounding, BigDecimal.RoundingMode> = {
  halfUp: "half-from-zero",
  halfEven: "half-even",
  halfDown: "half-to-zero",
  up: "from-zero",
  down: "to-zero",
  ceiling: "ceil",
  floor: "floor"
}

/**
 * The rounding mode of effect's BigDecimal that a named rounding means.
 *
 * @since 0.1.0
 * @category getters
 */
export const roundingMode = (r: Rounding): BigDecimal.RoundingMode => modes[r]

const checked = (amount: number, currency: Currency, operation: string, path?: Path): Result.Result<Money, OverflowError> =>
  Number.isSafeInteger(amount)
    ? Result.succeed({ amount: amount === 0 ? 0 : amount, currency })
    : Result.fail(OverflowError.create(operation, path))

/**
 * Money from a whole number of minor units (fen). A fraction of a fen (or `NaN`) is refused with a
 * {@link ValidationError} `money.notInteger` at `amount` — round it with {@link fromMinorDecimal}
 * first; a whole number outside the safe-integer range (or an infinity) with an
 * {@link OverflowError}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fen = (amount: number, currency: Currency = "CNY"): Result.Result<Money, OverflowError | ValidationError> =>
  Number.isNaN(amount) || (Number.isFinite(amount) && !Number.isInteger(amount))
    ? Result.fail(ValidationError.at(["amount"], {
      zh: `金额必须是以分为单位的整数，${amount} 分不是整数`,
      en: `an amount must be a whole number of fen; ${amount} fen is not`
    }, "money.notInteger"))
    : checked(amount, currency, "fen")

/**
 * Zero in a currency.
 *
 * @since 0.1.0
 * @category constructors
 */
export const zero = (currency: Currency = "CNY"): Money => ({ amount: 0, currency })

/**
 * Money from an exact amount in major units (yuan), rounded to the fen with a named rounding
 * (default half-up): `fromMajor(D("12.345"))` is 1235 fen.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromMajor = (
  amount: Decimal,
  currency: Currency = "CNY",
  rounding: Rounding = "halfUp"
): Result.Result<Money, OverflowError> => {
  const minor = BigDecimal.multiply(amount, BigDecimal.make(10n ** BigInt(currencies[currency].minorDigits), 0))
  return fromMinorDecimal(minor, currency, rounding, "fromMajor")
}

/**
 * Money from an exact (fractional) number of minor units, rounded once to a whole fen.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromMinorDecimal = (
  minor: Decimal,
  currency: Currency = "CNY",
  rounding: Rounding = "halfUp",
  operation = "round"
): Result.Result<Money, OverflowError> => {
  const rounded = BigDecimal.round(minor, { scale: 0, mode: modes[rounding] })
  const n = BigDecimal.normalize(rounded)
  const int = n.scale < 0 ? n.value * 10n ** BigInt(-n.scale) : n.value
  if (int > BigInt(Number.MAX_SAFE_INTEGER) || int < BigInt(Number.MIN_SAFE_INTEGER)) {
    return Result.fail(OverflowError.create(operation))
  }
  return checked(Number(int), currency, operation)
}

/**
 * The amount in major units (yuan), exact.
 *
 * @since 0.1.0
 * @category getters
 */
export const toMajor = (m: Money): Decimal =>
  BigDecimal.normalize(BigDecimal.make(BigInt(m.amount), currencies[m.currency].minorDigits))

/**
 * The amount in minor units as an exact decimal.
 *
 * @since 0.1.0
 * @category getters
 */
export const toMinorDecimal = (m: Money): Decimal => BigDecimal.make(BigInt(m.amount), 0)

const sameCurrency = (a: Money, b: Money, path?: Path): CurrencyMismatchError | undefined =>
  a.currency === b.currency ? undefined : CurrencyMismatchError.create(a.currency, b.currency, path)

/**
 * `self + that`.
 *
 * @since 0.1.0
 * @category math
 */
export const add: {
  (that: Money): (self: Money) => Result.Result<Money, OverflowError | CurrencyMismatchError>
  (self: Money, that: Money): Result.Result<Money, OverflowError | CurrencyMismatchError>
} = dual(2, (self: Money, that: Money): Result.Result<Money, OverflowError | CurrencyMismatchError> => {
  const mismatch = sameCurrency(self, that)
  return mismatch ? Result.fail(mismatch) : checked(self.amount + that.amount, self.currency, "add")
})

/**
 * `self − that`.
 *
 * @since 0.1.0
 * @category math
 */
export const subtract: {
  (that: Money): (self: Money) => Result.Result<Money, OverflowError | CurrencyMismatchError>
  (self: Money, that: Money): Result.Result<Money, OverflowError | CurrencyMismatchError>
} = dual(2, (self: Money, that: Money): Result.Result<Money, OverflowError | CurrencyMismatchError> => {
  const mismatch = sameCurrency(self, that)
  return mismatch ? Result.fail(mismatch) : checked(self.amount - that.amount, self.currency, "subtract")
})

/**
 * `−self`.
 *
 * @since 0.1.0
 * @category math
 */
export const negate = (self: Money): Money => ({ amount: self.amount === 0 ? 0 : -self.amount, currency: self.currency })

/**
 * The sum of amounts in one currency (zero for an empty list).
 *
 * @since 0.1.0
 * @category math
 */
export const sum = (
  items: Iterable<Money>,
  currency: Currency = "CNY"
): Result.Result<Money, OverflowError | CurrencyMismatchError> => {
  let total = 0
  let i = 0
  for (const m of items) {
    if (m.currency !== currency) return Result.fail(CurrencyMismatchError.create(currency, m.currency, [i]))
    total += m.amount
    if (!Number.isSafeInteger(total)) return Result.fail(OverflowError.create("sum", [i]))
    i++
  }
  return Result.succeed({ amount: total === 0 ? 0 : total, currency })
}

/**
 * `self × factor`, rounded once to the fen with a named rounding (default half-up).
 *
 * @since 0.1.0
 * @category math
 */
export const multiply: {
  (factor: Decimal, rounding?: Rounding): (self: Money) => Result.Result<Money, OverflowError>
  (self: Money, factor: Decimal, rounding?: Rounding): Result.Result<Money, OverflowError>
} = dual(
  (args) => typeof args[0] === "object" && args[0] !== null && "currency" in args[0],
  (self: Money, factor: Decimal, rounding: Rounding = "halfUp"): Result.Result<Money, OverflowError> =>
    fromMinorDecimal(BigDecimal.multiply(toMinorDecimal(self), factor), self.currency, rounding, "multiply")
)

/**
 * Splits `total` into parts proportional to `weights` by largest remainders: each part is its
 * exact share rounded down (toward zero), and the fen left over go one each to the parts with the
 * largest remainders (ties to the earlier part). The parts always add up to the total, and no part
 * is a fen or more away from its exact share.
 *
 * Weights are non-negative (numbers, decimals or bigints) with a positive sum.
 *
 * @since 0.1.0
 * @category math
 */
export const allocate: {
  (weights: ReadonlyArray<number | bigint | Decimal>): (total: Money) => Result.Result<Array<Money>, ArithmeticError | ValidationError>
  (total: Money, weights: ReadonlyArray<number | bigint | Decimal>): Result.Result<Array<Money>, ArithmeticError | ValidationError>
} = dual(2, (total: Money, weights: ReadonlyArray<number | bigint | Decimal>): Result.Result<Array<Money>, ArithmeticError | ValidationError> => {
  if (weights.length === 0) {
    return Result.fail(ValidationError.at(["weights"], { zh: "分摊比例不能为空", en: "weights must not be empty" }, "money.allocation"))
  }
  const decimals: Array<Decimal> = []
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!
    const d = typeof w === "number" ? D.fromNumber(w) : typeof w === "bigint" ? { _tag: "Some" as const, value: D.fromInt(w) } : { _tag: "Some" as const, value: w }
    if (d._tag === "None" || d.value.value < 0n) {
      return Result.fail(ValidationError.at(["weights", i], { zh: "分摊比例必须是不小于 0 的数", en: "each weight must be a number ≥ 0" }, "money.allocation"))
    }
    decimals.push(BigDecimal.normalize(d.value))
  }
  const scale = Math.max(0, ...decimals.map((d) => d.scale))
  const ints = decimals.map((d) => d.value * 10n ** BigInt(scale - d.scale))
  const weightSum = ints.reduce((a, b) => a + b, 0n)
  if (weightSum === 0n) {
    return Result.fail(ArithmeticError.create("money.allocation", { zh: "分摊比例之和为 0，无法分摊", en: "the weights sum to zero; nothing to allocate by" }, ["weights"]))
  }
  const sign = total.amount < 0 ? -1n : 1n
  const magnitude = BigInt(Math.abs(total.amount))
  const parts = ints.map((w) => (magnitude * w) / weightSum)
  const remainders = ints.map((w, i) => ({ i, r: (magnitude * w) % weightSum }))
  let left = magnitude - parts.reduce((a, b) => a + b, 0n)
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1))
  for (const { i } of remainders) {
    if (left === 0n) break
    parts[i] = parts[i]! + 1n
    left--
  }
  return Result.succeed(parts.map((p) => ({ amount: Number(p * sign) === 0 ? 0 : Number(p * sign), currency: total.currency })))
})

/**
 * Compares two amounts in one currency: −1, 0 or 1.
 *
 * @since 0.1.0
 * @category comparisons
 */
export const compare = (a: Money, b: Money): Result.Result<-1 | 0 | 1, CurrencyMismatchError> => {
  const mismatch = sameCurrency(a, b)
  if (mismatch) return Result.fail(mismatch)
  return Result.succeed(a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0)
}

/**
 * @since 0.1.0
 * @category predicates
 */
export const equals = (a: Money, b: Money): boolean => a.currency === b.currency && a.amount === b.amount

/**
 * @since 0.1.0
 * @category predicates
 */
export const isZero = (m: Money): boolean => m.amount === 0

/**
 * @since 0.1.0
 * @category predicates
 */
export const isNegative = (m: Money): boolean => m.amount < 0

/**
 * @since 0.1.0
 * @category predicates
 */
export const isPositive = (m: Money): boolean => m.amount > 0

/**
 * The ratio `a / b` as an exact decimal when it terminates, otherwise rounded to `scale` places
 * (default 8) with a named rounding. Fails when `b` is zero.
 *
 * @since 0.1.0
 * @category math
 */
export const ratio = (
  a: Money,
  b: Money,
  scale = 8,
  rounding: Rounding = "halfUp"
): Result.Result<Decimal, CurrencyMismatchError | ArithmeticError> => {
  const mismatch = sameCurrency(a, b)
  if (mismatch) return Result.fail(mismatch)
  if (b.amount === 0) {
    return Result.fail(ArithmeticError.create("money.divisionByZero", { zh: "除数金额为 0", en: "division by a zero amount" }))
  }
  return Result.succeed(divideRounded(D.fromInt(a.amount), D.fromInt(b.amount), scale, rounding))
}

/**
 * `a / b` rounded to `scale` places with a named rounding (exact when the quotient terminates
 * within `scale` places). `b` must not be zero.
 *
 * @since 0.1.0
 * @category math
 */
export const divideRounded = (a: Decimal, b: Decimal, scale: number, rounding: Rounding): Decimal => {
  // (a.value / 10^a.scale) / (b.value / 10^b.scale), computed with 2 guard digits beyond `scale`
  // and a sticky remainder bit so that every rounding mode is exact.
  const na = BigDecimal.normalize(a)
  const nb = BigDecimal.normalize(b)
  const shift = scale + 2 + nb.scale - na.scale
  let num = na.value
  let den = nb.value
  if (shift >= 0) num = num * 10n ** BigInt(shift)
  else den = den * 10n ** BigInt(-shift)
  if (den < 0n) {
    num = -num
    den = -den
  }
  const q = num / den
  const r = num % den
  // sticky digit: append a 1 at the next place when there is a remainder
  const sticky = r === 0n ? q * 10n : q * 10n + (num < 0n ? -1n : 1n)
  return D.round(BigDecimal.make(sticky, scale + 3), scale, modes[rounding])
}

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")

/**
 * Formats an amount: zh-CN `¥1,234.50`, en `CNY 1,234.50`; negatives with a leading minus.
 *
 * @since 0.1.0
 * @category formatting
 */
export const format = (m: Money, locale: "zh-CN" | "en" = "zh-CN"): string => {
  const digits = currencies[m.currency].minorDigits
  const abs = Math.abs(m.amount).toString().padStart(digits + 1, "0")
  const int = abs.slice(0, abs.length - digits)
  const frac = abs.slice(abs.length - digits)
  const body = `${groupThousands(int)}${digits > 0 ? `.${frac}` : ""}`
  const sign = m.amount < 0 ? "-" : ""
  return locale === "zh-CN" ? `${sign}${currencies[m.currency].symbol}${body}` : `${sign}${m.currency} ${body}`
}
