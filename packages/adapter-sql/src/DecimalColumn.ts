/**
 * Decimal fields on their way into a column: the port holds a decimal as its text (`"12.5"`,
 * `"-0.25"`, `"1e-3"`); columns hold it exactly with 8 places (`numeric(38,8)` on PostgreSQL,
 * `DECIMAL(38,8)` on MariaDB, a 64-bit integer of 10⁻⁸ units on SQLite). This module reads the text
 * once, without floating point, into its digits, so that each dialect can bind it its own way and
 * refuse what its column cannot hold — never round it.
 *
 * @since 0.1.0
 */

/**
 * The places every decimal column keeps (CONTRACTS.md: DECIMAL with scale 8).
 *
 * @since 0.1.0
 * @category constants
 */
export const SCALE = 8

/**
 * A decimal read exactly: its sign, its integer digits without leading zeros (`"0"` for none) and
 * its fraction padded to {@link SCALE} digits.
 *
 * @since 0.1.0
 * @category models
 */
export interface DecimalParts {
  readonly negative: boolean
  readonly int: string
  readonly frac: string
}

const plain = /^(-)?(\d+)(?:\.(\d+))?$/
const general = /^([+-])?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/
const ZEROS = "0".repeat(SCALE)

const stripLeading = (digits: string): string => {
  let i = 0
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++
  return i === 0 ? digits : digits.slice(i)
}

const finish = (negative: boolean, int: string, frac: string): DecimalParts | string => {
  let f = frac
  if (f.length > SCALE) {
    // places beyond the 8th must all be zero, or the value cannot be kept exactly
    for (let i = SCALE; i < f.length; i++) {
      if (f.charCodeAt(i) !== 48) return `needs more than ${SCALE} decimal places`
    }
    f = f.slice(0, SCALE)
  } else if (f.length < SCALE) {
    f = f + ZEROS.slice(f.length)
  }
  const i = stripLeading(int)
  return { negative: negative && (i !== "0" || f !== ZEROS), int: i, frac: f }
}

/**
 * Reads a decimal's text (the grammar of the kernel's `Decimal.parse`: an optional sign, digits, an
 * optional fraction and exponent). Returns why it cannot be kept when it is no decimal or needs
 * more than {@link SCALE} places.
 *
 * @since 0.1.0
 * @category parsing
 */
export const parse = (text: string): DecimalParts | string => {
  const m = plain.exec(text)
  if (m !== null) return finish(m[1] !== undefined, m[2]!, m[3] ?? "")
  const g = general.exec(text.trim())
  if (g === null) return "is not a decimal number"
  const exponent = g[4] === undefined ? 0 : Number(g[4])
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) return "has an exponent out of range"
  const digits = `${g[2]!}${g[3] ?? ""}`
  // the decimal point sits after `point` digits
  const point = g[2]!.length + exponent
  if (point <= 0) return finish(g[1] === "-", "0", "0".repeat(-point) + digits)
  if (point >= digits.length) return finish(g[1] === "-", digits + "0".repeat(point - digits.length), "")
  return finish(g[1] === "-", digits.slice(0, point), digits.slice(point))
}

/**
 * The plain text of a decimal with its 8 places (`"-12.50000000"`), as PostgreSQL and MariaDB
 * read it into a DECIMAL column.
 *
 * @since 0.1.0
 * @category formatting
 */
export const text = (d: DecimalParts): string => `${d.negative ? "-" : ""}${d.int}.${d.frac}`

/**
 * The decimal as an integer count of 10⁻⁸ (`12.5` → `1250000000n`).
 *
 * @since 0.1.0
 * @category formatting
 */
export const scaled = (d: DecimalParts): bigint => {
  const n = BigInt(d.int + d.frac)
  return d.negative ? -n : n
}

/**
 * Rounds a decimal's text up to the next value with 8 places (`"1.000000001"` → `1.00000001`),
 * for the bounds of a half-open range: on values with 8 places, `x ≥ b` and `x < b` hold exactly
 * when they hold for the rounded-up bound. `undefined` when the text is no decimal.
 *
 * @since 0.1.0
 * @category parsing
 */
export const ceiling = (value: string): DecimalParts | undefined => {
  const exact = parse(value)
  if (typeof exact !== "string") return exact
  const g = general.exec(value.trim())
  if (g === null) return undefined
  // more than 8 places: cut them off, then step one unit up for a positive value (a cut-off
  // negative value is already the ceiling)
  const negative = g[1] === "-"
  const exponent = g[4] === undefined ? 0 : Number(g[4])
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) return undefined
  const digits = `${g[2]!}${g[3] ?? ""}`
  const point = g[2]!.length + exponent
  const int = point <= 0 ? "0" : digits.slice(0, point)
  const frac = (point <= 0 ? "0".repeat(-point) + digits : digits.slice(point)).slice(0, SCALE).padEnd(SCALE, "0")
  const cut = BigInt(int + frac)
  const up = negative ? -cut : cut + 1n
  const abs = (up < 0n ? -up : up).toString().padStart(SCALE + 1, "0")
  return { negative: up < 0n, int: stripLeading(abs.slice(0, abs.length - SCALE)), frac: abs.slice(abs.length - SCALE) }
}
