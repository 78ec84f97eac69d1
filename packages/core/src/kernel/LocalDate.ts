/**
 * Local dates: a calendar date in the school's time zone, `"2026-03-15"`, with no time and no
 * zone. "A day", "within 3 days", "the same month" are counted in local dates (CONTRACTS.md).
 *
 * A `LocalDate` is a branded ISO string, so it sorts, compares and stores as text or a DATE
 * column without conversion. Arithmetic uses the proleptic Gregorian calendar through day
 * numbers (days since 1970-01-01).
 *
 * @since 0.1.0
 */
import type { Brand} from "effect";
import { Result, Schema } from "effect"
import type { Path } from "./Errors.ts"
import { ValidationError } from "./Errors.ts"
import * as FastDecode from "./FastDecode.ts"

/**
 * @since 0.1.0
 * @category models
 */
export type LocalDate = string & Brand.Brand<"LocalDate">

const pattern = /^(\d{4})-(\d{2})-(\d{2})$/

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31

/**
 * @since 0.1.0
 * @category predicates
 */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/**
 * Whether a string is a real calendar date in `YYYY-MM-DD` form.
 *
 * @since 0.1.0
 * @category guards
 */
export const isLocalDate = (u: unknown): u is LocalDate => {
  if (typeof u !== "string") return false
  const m = pattern.exec(u)
  if (m === null) return false
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/**
 * A local date, decoded from `YYYY-MM-DD` (a real calendar date).
 *
 * @since 0.1.0
 * @category schemas
 */
export const LocalDateSchema = Schema.String.check(
  FastDecode.makeFilter((s: string) => isLocalDate(s), {
    expected: "a calendar date YYYY-MM-DD",
    zh: "YYYY-MM-DD 格式的有效日期"
  })
).pipe(Schema.brand("LocalDate"))

/**
 * A local date from text, or a typed error.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (text: string, path: Path = []): Result.Result<LocalDate, ValidationError> =>
  isLocalDate(text)
    ? Result.succeed(text)
    : Result.fail(ValidationError.at(path, {
      zh: `不是有效日期（应为 YYYY-MM-DD）：${JSON.stringify(text)}`,
      en: `not a calendar date YYYY-MM-DD: ${JSON.stringify(text)}`
    }, "date.invalid"))

/**
 * The day number of a date: days since 1970-01-01 (negative before).
 *
 * @since 0.1.0
 * @category getters
 */
export const toEpochDay = (date: LocalDate): number => {
  const y0 = Number(date.slice(0, 4))
  const m = Number(date.slice(5, 7))
  const d = Number(date.slice(8, 10))
  // days_from_civil (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms")
  const y = m <= 2 ? y0 - 1 : y0
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/**
 * The date of a day number (days since 1970-01-01).
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromEpochDay = (days: number): LocalDate => {
  const z = days + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  return fromParts(y, m, d)
}

/**
 * The date of a year, month (1–12) and day; parts out of range roll over as in a calendar
 * (month 13 is January of the next year). Years 1–9999.
 *
 * @since 0.1.0
 * @category constructors
 */
export const fromParts = (year: number, month: number, day: number): LocalDate => {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    const y = year + Math.floor((month - 1) / 12)
    const mo = ((((month - 1) % 12) + 12) % 12) + 1
    return fromEpochDay(toEpochDay(fromParts(y, mo, 1)) + day - 1)
  }
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` as LocalDate
}

/**
 * Year, month (1–12) and day of a date.
 *
 * @since 0.1.0
 * @category getters
 */
export const parts = (date: LocalDate): { readonly year: number; readonly month: number; readonly day: number } => ({
  year: Number(date.slice(0, 4)),
  month: Number(date.slice(5, 7)),
  day: Number(date.slice(8, 10))
})

/**
 * The date `days` later (earlier when negative).
 *
 * @since 0.1.0
 * @category math
 */
export const addDays = (date: LocalDate, days: number): LocalDate => fromEpochDay(toEpochDay(date) + days)

/**
 * The date `months` later, clamped to the end of the month (Jan 31 + 1 month = Feb 28/29).
 *
 * @since 0.1.0
 * @category math
 */
export const addMonths = (date: LocalDate, months: number): LocalDate => {
  const p = parts(date)
  const index = p.year * 12 + (p.month - 1) + months
  const year = Math.floor(index / 12)
  const month = index - year * 12 + 1
  return fromParts(year, month, Math.min(p.day, daysInMonth(year, month)))
}

/**
 * The number of calendar days from `from` to `to` (positive when `to` is later).
 *
 * @since 0.1.0
 * @category math
 */
export const daysBetween = (from: LocalDate, to: LocalDate): number => toEpochDay(to) - toEpochDay(from)

/**
 * The ISO day of the week: 1 = Monday … 7 = Sunday.
 *
 * @since 0.1.0
 * @category getters
 */
export const dayOfWeek = (date: LocalDate): number => {
  const d = toEpochDay(date) // 1970-01-01 was a Thursday (4)
  return ((((d + 3) % 7) + 7) % 7) + 1
}

/**
 * The Monday of the date's ISO week.
 *
 * @since 0.1.0
 * @category getters
 */
export const startOfWeek = (date: LocalDate): LocalDate => addDays(date, 1 - dayOfWeek(date))

/**
 * The first day of the date's month.
 *
 * @since 0.1.0
 * @category getters
 */
export const startOfMonth = (date: LocalDate): LocalDate => `${date.slice(0, 7)}-01` as LocalDate

/**
 * The last day of the date's month.
 *
 * @since 0.1.0
 * @category getters
 */
export const endOfMonth = (date: LocalDate): LocalDate => {
  const p = parts(date)
  return fromParts(p.year, p.month, daysInMonth(p.year, p.month))
}

/**
 * The number of days in the date's month.
 *
 * @since 0.1.0
 * @category getters
 */
export const lengthOfMonth = (date: LocalDate): number => {
  const p = parts(date)
  return daysInMonth(p.year, p.month)
}

/**
 * The month of a date as `YYYY-MM`.
 *
 * @since 0.1.0
 * @category getters
 */
export const monthOf = (date: LocalDate): string => date.slice(0, 7)

/**
 * Compares two dates: −1, 0 or 1.
 *
 * @since 0.1.0
 * @category comparisons
 */
export const compare = (a: LocalDate, b: LocalDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Every date from `from` to `to`, both included.
 *
 * @since 0.1.0
 * @category constructors
 */
export const range = (from: LocalDate, to: LocalDate): Array<LocalDate> => {
  const out: Array<LocalDate> = []
  const start = toEpochDay(from)
  const end = toEpochDay(to)
  for (let d = start; d <= end; d++) out.push(fromEpochDay(d))
  return out
}

/**
 * Age in completed years on a date (a birthday on 29 February counts on 1 March in common years).
 *
 * @since 0.1.0
 * @category getters
 */
export const ageInYears = (birth: LocalDate, on: LocalDate): number => {
  const b = parts(birth)
  const o = parts(on)
  let age = o.year - b.year
  if (o.month < b.month || (o.month === b.month && o.day < b.day)) age--
  return age
}
