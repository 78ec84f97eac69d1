/**
 * Calendar months, the period of depreciation: `"2024-03"` as text, and a month index
 * (year × 12 + month − 1) for arithmetic.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"

/**
 * A calendar month as `YYYY-MM`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const YearMonth = Schema.String.check(
  Schema.makeFilter((s: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s) && s >= "0001-01", {
    expected: "a month YYYY-MM",
    zh: "YYYY-MM 格式的月份"
  })
)

/**
 * @since 0.1.0
 * @category models
 */
export type YearMonth = typeof YearMonth.Type

/**
 * The index of a month (year × 12 + month − 1) from a `YYYY-MM` text or a local date.
 *
 * @since 0.1.0
 * @category conversions
 */
export const indexOf = (monthOrDate: string): number =>
  Number(monthOrDate.slice(0, 4)) * 12 + Number(monthOrDate.slice(5, 7)) - 1

/**
 * The `YYYY-MM` text of a month index.
 *
 * @since 0.1.0
 * @category conversions
 */
export const textOf = (index: number): YearMonth => {
  const year = Math.floor(index / 12)
  const month = index - year * 12 + 1
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}`
}

/**
 * The first day of a month index.
 *
 * @since 0.1.0
 * @category conversions
 */
export const firstDay = (index: number): LocalDate => `${textOf(index)}-01` as LocalDate

/**
 * The last day of a month index.
 *
 * @since 0.1.0
 * @category conversions
 */
export const lastDay = (index: number): LocalDate => LD.endOfMonth(firstDay(index))

/**
 * The index of the last month that has ended on a date: the date's month when the date is its
 * last day, otherwise the month before.
 *
 * @since 0.1.0
 * @category conversions
 */
export const lastEndedBy = (date: LocalDate): number => {
  const index = indexOf(date)
  return date === LD.endOfMonth(date) ? index : index - 1
}

/**
 * The quarter of a month index as `YYYY-Qn`.
 *
 * @since 0.1.0
 * @category conversions
 */
export const quarterOf = (index: number): string => {
  const year = Math.floor(index / 12)
  return `${String(year).padStart(4, "0")}-Q${Math.floor((index - year * 12) / 3) + 1}`
}

/**
 * The year of a month index as `YYYY`.
 *
 * @since 0.1.0
 * @category conversions
 */
export const yearOf = (index: number): string => String(Math.floor(index / 12)).padStart(4, "0")
