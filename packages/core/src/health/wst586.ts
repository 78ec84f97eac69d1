/**
 * WS/T 586-2018 学龄儿童青少年超重与肥胖筛查 (screening for overweight and obesity among
 * school-age children and adolescents): BMI against the cut-offs of the child's sex and half-year
 * age band. "≥" the overweight value is overweight, "≥" the obesity value is obesity — boundaries
 * included, as the standard writes them. The table is a rule-pack value generated from
 * data/wst586-bmi-cutoffs.csv.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Sex } from "../kernel/People.ts"
import { band } from "./age.ts"
import type { InvalidMeasurementError, UnknownSexError } from "./errors.ts"
import { OutsideReferenceError } from "./errors.ts"
import { check } from "./plausibility.ts"
import type { Wst586 } from "./rules.ts"
import { parse as parseSex } from "./sex.ts"

/**
 * The weight status under WS/T 586: not overweight, overweight, or obesity.
 *
 * @since 0.1.0
 * @category models
 */
export type WeightStatus = "normal" | "overweight" | "obesity"

/**
 * The classification with the band and cut-offs used.
 *
 * @since 0.1.0
 * @category models
 */
export interface Classification {
  readonly standard: "WS/T 586-2018"
  readonly status: WeightStatus
  readonly bmi: number
  readonly sex: Sex
  readonly bandFromYears: number
  readonly overweightBmi: number
  readonly obesityBmi: number
}

/**
 * The band row of a sex and age, or an error naming the covered ages.
 *
 * @since 0.1.0
 * @category getters
 */
export const bandOf = <R extends { readonly sex: Sex; readonly fromYears: number }>(
  rows: ReadonlyArray<R>,
  sex: Sex,
  ageYears: number,
  bandYears: number,
  untilYears: number,
  reference: string
): Result.Result<R, OutsideReferenceError> => {
  const own = rows.filter((r) => r.sex === sex)
  const first = own.reduce((min, r) => Math.min(min, r.fromYears), Number.POSITIVE_INFINITY)
  const outside = () =>
    OutsideReferenceError.create({ reference, dimension: "age", unit: "years", value: ageYears, min: first, max: untilYears, maxExclusive: true, path: ["ageYears"] })
  if (!(ageYears >= first && ageYears < untilYears)) return Result.fail(outside())
  const start = band(ageYears, bandYears)
  let best: R | undefined
  for (const r of own) if (r.fromYears <= start && (best === undefined || r.fromYears > best.fromYears)) best = r
  return best === undefined ? Result.fail(outside()) : Result.succeed(best)
}

/**
 * Classifies a BMI (kg/m²) by WS/T 586-2018.
 *
 * @since 0.1.0
 * @category calculations
 */
export const classify = (
  input: { readonly sex: unknown; readonly ageYears: number; readonly bmi: number },
  table: Wst586
): Result.Result<Classification, OutsideReferenceError | InvalidMeasurementError | UnknownSexError> =>
  Result.flatMap(parseSex(input.sex), (sex) =>
    Result.flatMap(check("bmi", input.bmi, ["bmi"]), (bmi) =>
      Result.map(bandOf(table.bands, sex, input.ageYears, table.bandYears, table.untilYears, "WS/T 586-2018"), (row): Classification => ({
        standard: "WS/T 586-2018",
        status: bmi >= row.obesityBmi ? "obesity" : bmi >= row.overweightBmi ? "overweight" : "normal",
        bmi,
        sex,
        bandFromYears: row.fromYears,
        overweightBmi: row.overweightBmi,
        obesityBmi: row.obesityBmi
      }))))
