/**
 * WS/T 456-2014 学龄儿童青少年营养不良筛查 (screening for malnutrition among school-age children
 * and adolescents): stunting when the height is at or below the cut-off of the child's sex and
 * half-year age band; wasting by BMI — at or below the moderate-and-severe cut-off is moderate or
 * severe wasting, up to the mild cut-off (inclusive) mild wasting. Tables from
 * data/wst456-stunting.csv and data/wst456-wasting.csv, through the rule pack.
 *
 * The standard's mild range starts 0.1 above the moderate-and-severe cut-off, because BMI is read
 * to one decimal; a BMI between the two (13.25 for a 13.2 cut-off) is counted as mild, so that the
 * classes leave no gap and stay ordered by BMI.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Sex } from "../kernel/People.ts"
import type { InvalidMeasurementError, OutsideReferenceError, UnknownSexError } from "./errors.ts"
import { check } from "./plausibility.ts"
import type { Wst456 } from "./rules.ts"
import { parse as parseSex } from "./sex.ts"
import { bandOf } from "./wst586.ts"

/**
 * Stunting under WS/T 456.
 *
 * @since 0.1.0
 * @category models
 */
export interface Stunting {
  readonly standard: "WS/T 456-2014"
  readonly stunted: boolean
  readonly heightCm: number
  readonly sex: Sex
  readonly bandFromYears: number
  readonly heightAtMost: number
}

/**
 * Wasting under WS/T 456: none, mild, or moderate-and-severe.
 *
 * @since 0.1.0
 * @category models
 */
export type WastingStatus = "none" | "mild" | "moderateSevere"

/**
 * Wasting under WS/T 456 with the cut-offs used.
 *
 * @since 0.1.0
 * @category models
 */
export interface Wasting {
  readonly standard: "WS/T 456-2014"
  readonly status: WastingStatus
  readonly bmi: number
  readonly sex: Sex
  readonly bandFromYears: number
  readonly moderateSevereBmiAtMost: number
  readonly mildBmiAtMost: number
}

type Fail = OutsideReferenceError | InvalidMeasurementError | UnknownSexError

/**
 * Stunting by WS/T 456-2014: height (cm) at or below the band's cut-off.
 *
 * @since 0.1.0
 * @category calculations
 */
export const stunting = (
  input: { readonly sex: unknown; readonly ageYears: number; readonly heightCm: number },
  table: Wst456
): Result.Result<Stunting, Fail> =>
  Result.flatMap(parseSex(input.sex), (sex) =>
    Result.flatMap(check("lengthHeight", input.heightCm, ["heightCm"]), (heightCm) =>
      Result.map(bandOf(table.stunting, sex, input.ageYears, table.bandYears, table.untilYears, "WS/T 456-2014"), (row): Stunting => ({
        standard: "WS/T 456-2014",
        stunted: heightCm <= row.heightAtMost,
        heightCm,
        sex,
        bandFromYears: row.fromYears,
        heightAtMost: row.heightAtMost
      }))))

/**
 * Wasting by WS/T 456-2014 from a BMI (kg/m²).
 *
 * @since 0.1.0
 * @category calculations
 */
export const wasting = (
  input: { readonly sex: unknown; readonly ageYears: number; readonly bmi: number },
  table: Wst456
): Result.Result<Wasting, Fail> =>
  Result.flatMap(parseSex(input.sex), (sex) =>
    Result.flatMap(check("bmi", input.bmi, ["bmi"]), (bmi) =>
      Result.map(bandOf(table.wasting, sex, input.ageYears, table.bandYears, table.untilYears, "WS/T 456-2014"), (row): Wasting => ({
        standard: "WS/T 456-2014",
        status: bmi <= row.moderateSevereBmiAtMost ? "moderateSevere" : bmi <= row.mildBmiAtMost ? "mild" : "none",
        bmi,
        sex,
        bandFromYears: row.fromYears,
        moderateSevereBmiAtMost: row.moderateSevereBmiAtMost,
        mildBmiAtMost: row.mildBmiAtMost
      }))))
