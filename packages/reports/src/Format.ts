/**
 * How cells read: the display text of a cell in a locale (money `¥1,234.50`, a local time
 * `2026-03-16 11:40` in the school's zone, `95.2%`), the plain text a CSV carries (`1234.50`, exact
 * decimals, no grouping), and column headings with their unit (`留样量(克)` / `sample (g)`).
 *
 * Every function is pure and exact: money is integer fen formatted digit by digit, decimals are
 * effect `BigDecimal`s, percentages are rounded half-up from the ratio's shortest decimal form.
 *
 * @since 0.1.0
 */
import { Decimal, Money, Time, Unit } from "@houqin/core"
import { BigDecimal } from "effect"
import type { Locale, Text } from "./Locale.ts"
import { text } from "./Locale.ts"
import type { Cell, Column, Measure } from "./Report.ts"

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")

const groupDecimalText = (plain: string): string => {
  const negative = plain.startsWith("-")
  const body = negative ? plain.slice(1) : plain
  const dot = body.indexOf(".")
  const int = dot < 0 ? body : body.slice(0, dot)
  const frac = dot < 0 ? "" : body.slice(dot)
  return `${negative ? "-" : ""}${groupThousands(int)}${frac}`
}

/**
 * A decimal with exactly `scale` places, rounded half away from zero (四舍五入); without `scale`,
 * its exact plain text, with at least `minScale` places (padded with zeros, never rounded).
 *
 * @since 0.1.0
 * @category formatting
 */
export const decimalText = (d: Decimal.Decimal, scale?: number, minScale?: number): string => {
  if (scale === undefined) {
    const exact = Decimal.format(d)
    if (minScale === undefined || minScale === 0) return exact
    const dot = exact.indexOf(".")
    const frac = dot < 0 ? "" : exact.slice(dot + 1)
    return frac.length >= minScale ? exact : `${dot < 0 ? exact : exact.slice(0, dot)}.${frac.padEnd(minScale, "0")}`
  }
  const rounded = BigDecimal.round(d, { scale, mode: "half-from-zero" })
  const plain = Decimal.format(rounded)
  if (scale === 0) return plain
  const dot = plain.indexOf(".")
  const frac = dot < 0 ? "" : plain.slice(dot + 1)
  return `${dot < 0 ? plain : plain.slice(0, dot)}.${frac.padEnd(scale, "0")}`
}

/**
 * The short name of a unit in a locale: zh-CN `克`, `斤`, `箱`; en `g`, `jin`, `box`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const unitText = (u: Unit.Unit, locale: Locale): string =>
  locale === "zh-CN" ? Unit.label(u).zh : Unit.isCountUnit(u) ? Unit.label(u).en : u

/**
 * The name of a currency's major unit: CNY → `元` / `CNY`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const currencyText = (c: Money.Currency, locale: Locale): string => (locale === "zh-CN" && c === "CNY" ? "元" : c)

/**
 * Money in major units without symbol or grouping: 123450 fen → `1234.50`, −5 fen → `-0.05`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const moneyPlain = (fen: number, currency: Money.Currency): string => {
  const digits = Money.currencies[currency].minorDigits
  const abs = Math.abs(fen).toString().padStart(digits + 1, "0")
  const int = abs.slice(0, abs.length - digits)
  const frac = abs.slice(abs.length - digits)
  return `${fen < 0 ? "-" : ""}${int}${digits > 0 ? `.${frac}` : ""}`
}

/**
 * A ratio as a percentage with `scale` decimals, rounded half-up from the ratio's shortest decimal
 * form (0.9525 → `95.3%` at scale 1; 1/3 → `33.3%`).
 *
 * @since 0.1.0
 * @category formatting
 */
export const percentText = (ratio: number, scale: number): string => {
  const d = Decimal.fromNumber(ratio)
  if (d._tag === "None") return String(ratio)
  return `${decimalText(BigDecimal.multiply(d.value, BigDecimal.make(100n, 0)), scale)}%`
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n))

/**
 * An instant as the school reads it: `YYYY-MM-DD HH:mm` (or `HH:mm:ss`) in its zone.
 *
 * @since 0.1.0
 * @category formatting
 */
export const instantText = (ms: number, zone: Time.Zone, seconds = false): string => {
  const p = Time.localParts(Time.fromEpochMillis(ms), zone)
  return `${p.date} ${pad2(p.hour)}:${pad2(p.minute)}${seconds ? `:${pad2(p.second)}` : ""}`
}

const measureText = (m: Measure, scale: number | undefined, locale: Locale, withUnit: boolean, grouped: boolean, minScale?: number): string => {
  const plain = decimalText(m.value, scale, minScale)
  const body = grouped ? groupDecimalText(plain) : plain
  return withUnit && m.unit !== undefined ? `${body} ${unitText(m.unit, locale)}` : body
}

/**
 * The display text of a cell (HTML, the document form of CSV): money with its symbol and thousands
 * separators (`¥1,234.50`; en `CNY 1,234.50`), integers and decimals grouped (`12,345`), local
 * dates as `YYYY-MM-DD`, instants in the zone, percentages, labels in the locale. An empty cell is
 * the empty string.
 *
 * @since 0.1.0
 * @category formatting
 */
export const display = (column: Column, cell: Cell, locale: Locale, zone: Time.Zone): string => {
  if (cell === null) return ""
  switch (column.kind) {
    case "text":
      return text(cell as Text, locale)
    case "integer":
      return groupDecimalText((cell as number).toString())
    case "money":
      return Money.format({ amount: cell as number, currency: column.currency }, locale)
    case "decimal":
      return measureText(cell as Measure, column.scale, locale, column.unit === undefined, true, column.minScale)
    case "date":
      return cell as string
    case "instant":
      return instantText(cell as number, zone, column.seconds)
    case "percent":
      return percentText(cell as number, column.scale)
  }
}

/**
 * The plain text of a cell for data files (CSV): money in major units without symbol or grouping
 * (`1234.50`), integers and decimals without grouping and exact (the display `scale` is not
 * applied), dates and instants as in {@link display}, percentages as displayed.
 *
 * @since 0.1.0
 * @category formatting
 */
export const plain = (column: Column, cell: Cell, locale: Locale, zone: Time.Zone): string => {
  if (cell === null) return ""
  switch (column.kind) {
    case "integer":
      return (cell as number).toString()
    case "money":
      return moneyPlain(cell as number, column.currency)
    case "decimal":
      return measureText(cell as Measure, undefined, locale, column.unit === undefined, false)
    default:
      return display(column, cell, locale, zone)
  }
}

/**
 * A column heading in a locale, with the unit the cells are in when they do not show it:
 * `留样量(克)` / `sample (g)`; for plain (CSV) money, the currency: `金额(元)` / `amount (CNY)`.
 *
 * @since 0.1.0
 * @category formatting
 */
export const heading = (column: Column, locale: Locale, form: "display" | "plain"): string => {
  const base = text(column.label, locale)
  const unit = column.kind === "decimal" && column.unit !== undefined
    ? unitText(column.unit, locale)
    : column.kind === "money" && form === "plain"
    ? currencyText(column.currency, locale)
    : undefined
  if (unit === undefined) return base
  return locale === "zh-CN" ? `${base}(${unit})` : `${base} (${unit})`
}

/**
 * Whether a column's cells are numbers (right-aligned in print).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isNumeric = (column: Column): boolean =>
  column.kind === "integer" || column.kind === "money" || column.kind === "decimal" || column.kind === "percent"

/**
 * A chart value as an axis or data label: integers grouped, money in major units with the symbol
 * (values are fen), percentages (values are ratios), decimals with up to `decimals` places.
 *
 * @since 0.1.0
 * @category formatting
 */
export const chartValue = (
  value: number,
  kind: "integer" | "decimal" | "money" | "percent",
  currency: Money.Currency,
  locale: Locale,
  decimals: number
): string => {
  switch (kind) {
    case "money": {
      const fen = Math.round(value)
      const major = Money.format({ amount: fen, currency }, locale)
      // axis ticks on whole yuan drop the ".00"
      return fen % 10 ** Money.currencies[currency].minorDigits === 0 ? major.replace(/\.0+$/, "") : major
    }
    case "percent":
      return percentText(value, Math.max(0, decimals - 2))
    case "integer":
      return groupDecimalText(String(Math.round(value)))
    case "decimal": {
      const d = Decimal.fromNumber(Number(value.toFixed(Math.min(10, decimals))))
      return d._tag === "Some" ? groupDecimalText(Decimal.format(d.value)) : String(value)
    }
  }
}

/**
 * A finite number as an exact decimal through its shortest round-trip form (`0.1` → `0.1`).
 *
 * @since 0.1.0
 * @category conversions
 */
export const decimalValue = (n: number): Decimal.Decimal => {
  const d = Decimal.fromNumber(n)
  return d._tag === "Some" ? d.value : BigDecimal.make(0n, 0)
}
