/**
 * Exact decimals (effect's `BigDecimal`) as Houqin reads, writes and stores them.
 *
 * Quantities and unit prices are exact decimals, never floats. Their JSON and storage form is a
 * plain decimal string (`"0.995"`, never `"9.95e-1"`); stored values have at most
 * {@link MAX_SCALE} decimal places (DECIMAL(…, 8) columns), and input with more is refused with a
 * typed error rather than rounded.
 *
 * @since 0.1.0
 */
import { BigDecimal, Effect, Option, Result, Schema, SchemaIssue, SchemaTransformation } from "effect"
import type { Path } from "./Errors.ts"
import * as FastDecode from "./FastDecode.ts"
import { ValidationError } from "./Errors.ts"

/**
 * @since 0.1.0
 * @category models
 */
export type Decimal = BigDecimal.BigDecimal

/**
 * The most decimal places a stored quantity or unit price may have (CONTRACTS.md: DECIMAL with
 * scale 8).
 *
 * @since 0.1.0
 * @category constants
 */
export const MAX_SCALE = 8

const pattern = /^([+-])?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/

/**
 * Parses a decimal string exactly (`"12.50"`, `"-0.5"`, `"1e-3"`). `None` when it is not a
 * decimal number.
 *
 * @since 0.1.0
 * @category constructors
 */
export const parse = (text: string): Option.Option<Decimal> => {
  const m = pattern.exec(text.trim())
  if (m === null) return Option.none()
  const [, sign, int, frac = "", exp] = m
  const e = exp === undefined ? 0 : Number(exp)
  if (!Number.isSafeInteger(e) || Math.abs(e) > 1000) return Option.none()
  let digits = BigInt(`${int}${frac}`)
  if (sign === "-") digits = -digits
  let scale = frac.length - e
  if (scale < 0) {
    digits = digits * 10n ** BigInt(-scale)
    scale = 0
  }
  return Option.some(BigDecimal.normalize(BigDecimal.make(digits, scale)))
}

/**
 * A decimal from a JavaScript number, through its shortest round-trip representation
 * (`0.1` → `0.1`, not the binary expansion). `None` for `NaN` and infinities.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromNumber = (n: number): Option.Option<Decimal> =>
  Number.isFinite(n) ? parse(String(n)) : Option.none()

/**
 * An integer as a decimal.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromInt = (n: number | bigint): Decimal => BigDecimal.make(BigInt(n), 0)

/**
 * The plain decimal text of a value, normalised: no exponent, no trailing zeros
 * (`"0.995"`, `"-12"`, `"0.00000001"`).
 *
 * @since 0.1.0
 * @category formatting
 */
export const format = (d: Decimal): string => {
  const n = BigDecimal.normalize(d)
  const negative = n.value < 0n
  const abs = (negative ? -n.value : n.value).toString()
  let out: string
  if (n.scale <= 0) {
    out = abs + "0".repeat(-n.scale)
  } else if (abs.length > n.scale) {
    out = `${abs.slice(0, abs.length - n.scale)}.${abs.slice(abs.length - n.scale)}`
  } else {
    out = `0.${"0".repeat(n.scale - abs.length)}${abs}`
  }
  return negative ? `-${out}` : out
}

/**
 * The number of decimal places a value needs (0 for integers).
 *
 * @since 0.1.0
 * @category getters
 */
export const scaleOf = (d: Decimal): number => Math.max(0, BigDecimal.normalize(d).scale)

/**
 * Whether two decimals are numerically equal (`1.50` equals `1.5`).
 *
 * @since 0.1.0
 * @category predicates
 */
export const equals = (a: Decimal, b: Decimal): boolean => BigDecimal.equals(a, b)

/**
 * Refuses a value that needs more than {@link MAX_SCALE} decimal places.
 *
 * @since 0.1.0
 * @category validation
 */
export const checkStorable = (d: Decimal, path: Path = []): Result.Result<Decimal, ValidationError> =>
  scaleOf(d) > MAX_SCALE
    ? Result.fail(ValidationError.at(path, {
      zh: `小数位数超过 ${MAX_SCALE} 位，不能精确保存：${format(d)}`,
      en: `more than ${MAX_SCALE} decimal places cannot be stored exactly: ${format(d)}`
    }, "decimal.precision"))
    : Result.succeed(d)

/**
 * The exact value of `numerator / denominator` when it is a terminating decimal (the reduced
 * denominator has no prime factors but 2 and 5); `None` otherwise.
 *
 * @since 0.1.0
 * @category math
 */
export const divideExact = (numerator: Decimal, denominator: Decimal): Option.Option<Decimal> => {
  if (denominator.value === 0n) return Option.none()
  // a/10^sa ÷ b/10^sb = (a·10^sb) / (b·10^sa)
  let num = numerator.value * 10n ** BigInt(Math.max(0, denominator.scale))
  let den = denominator.value * 10n ** BigInt(Math.max(0, numerator.scale))
  if (numerator.scale < 0) num = num * 10n ** BigInt(-numerator.scale)
  if (denominator.scale < 0) den = den * 10n ** BigInt(-denominator.scale)
  if (den < 0n) {
    num = -num
    den = -den
  }
  const g = gcd(num < 0n ? -num : num, den)
  num /= g
  den /= g
  let twos = 0
  let fives = 0
  let rest = den
  while (rest % 2n === 0n) {
    rest /= 2n
    twos++
  }
  while (rest % 5n === 0n) {
    rest /= 5n
    fives++
  }
  if (rest !== 1n) return Option.none()
  const scale = Math.max(twos, fives)
  const factor = 10n ** BigInt(scale) / den
  return Option.some(BigDecimal.normalize(BigDecimal.make(num * factor, scale)))
}

const gcd = (a: bigint, b: bigint): bigint => {
  while (b !== 0n) {
    const t = a % b
    a = b
    b = t
  }
  return a === 0n ? 1n : a
}

/**
 * Rounds to `scale` decimal places with a named rounding mode (see `Money.Rounding`).
 *
 * @since 0.1.0
 * @category math
 */
export const round = (d: Decimal, scale: number, mode: BigDecimal.RoundingMode): Decimal =>
  BigDecimal.normalize(BigDecimal.round(d, { scale, mode }))

const invalid = (input: unknown, en: string, zh: string) =>
  new SchemaIssue.InvalidValue({ message: en, zh }, input)

const fromInput = (input: string | number, maxScale: number) => {
  const parsed = typeof input === "number" ? fromNumber(input) : parse(input)
  if (Option.isNone(parsed)) {
    return Effect.fail(invalid(input, `expected a decimal number, got ${JSON.stringify(input)}`, `应为十进制数，实际为 ${JSON.stringify(input)}`))
  }
  if (scaleOf(parsed.value) > maxScale) {
    return Effect.fail(invalid(
      input,
      `at most ${maxScale} decimal places, got ${format(parsed.value)}`,
      `小数位数最多 ${maxScale} 位，实际为 ${format(parsed.value)}`
    ))
  }
  return Effect.succeed(parsed.value)
}

// `fromInput` without the messages, for the fast decoding path: fails exactly when it fails
const fastInput = (input: string | number): Decimal | FastDecode.Invalid => {
  const parsed = typeof input === "number" ? fromNumber(input) : parse(input)
  return Option.isNone(parsed) || scaleOf(parsed.value) > MAX_SCALE ? FastDecode.invalid : parsed.value
}

/**
 * An exact decimal, decoded from a decimal string or a JSON number (through its shortest
 * representation) with at most {@link MAX_SCALE} places, and encoded as a plain decimal string.
 *
 * @since 0.1.0
 * @category schemas
 */
export const DecimalSchema: Schema.decodeTo<Schema.BigDecimal, Schema.Union<readonly [Schema.String, Schema.Finite]>> = FastDecode.withFastTransformation(Schema.Union([Schema.String, Schema.Finite]).pipe(
  Schema.decodeTo(
    Schema.BigDecimal,
    SchemaTransformation.transformEffect<Decimal, string | number>({
      decode: (input) => fromInput(input, MAX_SCALE),
      encode: (d, options) =>
        scaleOf(d) > MAX_SCALE
          ? Effect.fail(new SchemaIssue.InvalidValue({
            message: `more than ${MAX_SCALE} decimal places cannot be stored exactly: ${format(d)}`,
            zh: `小数位数超过 ${MAX_SCALE} 位，不能精确保存：${format(d)}`
          }, d, options))
          : Effect.succeed(format(d))
    })
  )
), fastInput, (d) => (BigDecimal.isBigDecimal(d) && scaleOf(d) <= MAX_SCALE ? format(d) : FastDecode.invalid))

/**
 * A decimal that is zero or more.
 *
 * @since 0.1.0
 * @category schemas
 */
export const NonNegativeDecimal = DecimalSchema.check(
  FastDecode.makeFilter((d: Decimal) => d.value >= 0n, { expected: "a number ≥ 0", zh: "不小于 0 的数" })
)

/**
 * A decimal greater than zero.
 *
 * @since 0.1.0
 * @category schemas
 */
export const PositiveDecimal = DecimalSchema.check(
  FastDecode.makeFilter((d: Decimal) => d.value > 0n, { expected: "a number > 0", zh: "大于 0 的数" })
)
