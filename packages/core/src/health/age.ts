/**
 * Ages from dates, the way each reference wants them:
 *
 * - WHO 0–5 years: exact age in days (`days`);
 * - WHO 5–19 years: exact age in months, days / 30.4375 (`months`, WHO's conversion);
 * - WS/T 586 and WS/T 456: the half-year age band (6.0, 6.5, 7.0 …) counted on the calendar — a
 *   child enters the x.5 band on the day six calendar months after the x-th birthday (`years`
 *   gives the age in years so that `floor(years × 2) / 2` is that band).
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Path } from "../kernel/Errors.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import { OutsideReferenceError } from "./errors.ts"
import { daysPerMonth } from "./anthro.ts"

const beforeBirth = (birth: LocalDate, on: LocalDate, path: Path) =>
  OutsideReferenceError.create({
    reference: `the birth date ${birth}`,
    dimension: "age",
    unit: "days",
    value: LD.daysBetween(birth, on),
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    maxExclusive: false,
    path
  })

/**
 * Age in whole days on a date.
 *
 * @since 0.1.0
 * @category calculations
 */
export const days = (birth: LocalDate, on: LocalDate, path: Path = ["measuredOn"]): Result.Result<number, OutsideReferenceError> => {
  const d = LD.daysBetween(birth, on)
  return d < 0 ? Result.fail(beforeBirth(birth, on, path)) : Result.succeed(d)
}

/**
 * Age in months (days / 30.4375) on a date, unrounded, as WHO's 5–19 reference wants it.
 *
 * @since 0.1.0
 * @category calculations
 */
export const months = (birth: LocalDate, on: LocalDate, path: Path = ["measuredOn"]): Result.Result<number, OutsideReferenceError> =>
  Result.map(days(birth, on, path), (d) => d / daysPerMonth)

/**
 * Age in years on a date, counted on the calendar: the completed years, plus a fraction that
 * reaches one half exactly on the date six calendar months after the last birthday (the start of
 * the x.5 band of the Chinese screening standards) and one on the next birthday.
 *
 * @since 0.1.0
 * @category calculations
 */
export const years = (birth: LocalDate, on: LocalDate, path: Path = ["measuredOn"]): Result.Result<number, OutsideReferenceError> => {
  if (LD.daysBetween(birth, on) < 0) return Result.fail(beforeBirth(birth, on, path))
  let y = LD.ageInYears(birth, on)
  // a 29 February birthday falls on 28 February in common years (the date `addMonths` gives)
  if (LD.addMonths(birth, 12 * (y + 1)) <= on) y++
  const last = LD.addMonths(birth, 12 * y)
  const half = LD.addMonths(birth, 12 * y + 6)
  const next = LD.addMonths(birth, 12 * (y + 1))
  const fraction = on < half
    ? 0.5 * LD.daysBetween(last, on) / LD.daysBetween(last, half)
    : 0.5 + 0.5 * LD.daysBetween(half, on) / LD.daysBetween(half, next)
  return Result.succeed(y + fraction)
}

// ages computed in floating point (78 / 12) may land a hair below a band's start
const floatTolerance = 1e-9

/**
 * The start of the age band of `ageYears` for bands of `bandYears` (0.5: 6.0, 6.5, 7.0 …).
 *
 * @since 0.1.0
 * @category calculations
 */
export const band = (ageYears: number, bandYears: number): number => Math.floor(ageYears / bandYears + floatTolerance) * bandYears
