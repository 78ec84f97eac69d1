/**
 * What the z-score functions return: a score (rounded as WHO rounds, the unrounded value beside
 * it, and WHO's implausibility flag on the rounded value), a reason when an indicator is not
 * scored, and the status codes of the batch API.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Path } from "../kernel/Errors.ts"
import { ValidationError } from "../kernel/Errors.ts"
import type { FlagLimits } from "./rules.ts"
import { roundR } from "./lms.ts"

/**
 * The indicators of the WHO Child Growth Standards (0–5 years) and of the WHO Growth Reference
 * 2007 (5–19 years, suffixed `5to19`).
 *
 * @since 0.1.0
 * @category models
 */
export type Indicator =
  | "lengthHeightForAge"
  | "weightForAge"
  | "weightForLengthHeight"
  | "bmiForAge"
  | "headCircumferenceForAge"
  | "armCircumferenceForAge"
  | "tricepsSkinfoldForAge"
  | "subscapularSkinfoldForAge"
  | "heightForAge5to19"
  | "weightForAge5to19"
  | "bmiForAge5to19"

/**
 * A z-score: `z` rounded to the rules' precision (2 decimals, as WHO reports), `zUnrounded`
 * before rounding, `flagged` when the rounded z passes WHO's implausibility limits, the value that
 * was scored (the converted length/height, the computed BMI) and the WHO table used.
 *
 * @since 0.1.0
 * @category models
 */
export interface ZScore {
  readonly indicator: Indicator
  readonly z: number
  readonly zUnrounded: number
  readonly flagged: boolean
  readonly measurement: number
  readonly table: string
}

/**
 * Why an indicator was not scored for a child whose other indicators were:
 *
 * - `notMeasured`: the measurement was not given;
 * - `noAge`: the indicator needs an age and none was given;
 * - `oedema`: weight-based indicators are not scored for a child with bilateral pitting oedema
 *   (WHO counts such children as below −3 SD in prevalences);
 * - `ageOutsideReference`: the indicator's table does not cover the age (arm circumference and
 *   skinfolds start at 91 days; WHO 2007 weight-for-age ends at 10 years);
 * - `lengthOutsideReference`: the length or height is outside the weight-for-length (45–110 cm)
 *   or weight-for-height (65–120 cm) table.
 *
 * @since 0.1.0
 * @category models
 */
export type NotScoredReason = "notMeasured" | "noAge" | "oedema" | "ageOutsideReference" | "lengthOutsideReference"

/**
 * An indicator that was not scored, with the reason.
 *
 * @since 0.1.0
 * @category models
 */
export interface NotScored {
  readonly indicator: Indicator
  readonly reason: NotScoredReason
}

/**
 * @since 0.1.0
 * @category guards
 */
export const isScored = (r: ZScore | NotScored): r is ZScore => "z" in r

/**
 * The status of one row of a batch column: scored (0), scored and flagged as implausible (1), or
 * the reason it was not scored. The z of a row that was not scored is NaN.
 *
 * @since 0.1.0
 * @category constants
 */
export const Status = {
  scored: 0,
  flagged: 1,
  missing: 2,
  unknownSex: 3,
  ageOutsideReference: 4,
  lengthOutsideReference: 5,
  invalidMeasurement: 6,
  oedema: 7
} as const

/**
 * @since 0.1.0
 * @category models
 */
export type Status = (typeof Status)[keyof typeof Status]

/**
 * One indicator's batch output: z-scores (rounded, or unrounded when asked) and statuses.
 *
 * @since 0.1.0
 * @category models
 */
export interface Column {
  readonly z: Float64Array
  readonly status: Uint8Array
}

/**
 * Whether a rounded z is flagged under the limits.
 *
 * @since 0.1.0
 * @category predicates
 */
export const isFlagged = (z: number, limits: FlagLimits): boolean => z < limits.below || z > limits.above

/**
 * A score from an unrounded z.
 *
 * @since 0.1.0
 * @category constructors
 */
export const score = (
  indicator: Indicator,
  zUnrounded: number,
  measurement: number,
  table: string,
  precision: number,
  limits: FlagLimits
): ZScore => {
  const z = roundR(zUnrounded, precision)
  return { indicator, z, zUnrounded, flagged: isFlagged(z, limits), measurement, table }
}

/**
 * Checks that the columns of a batch have one length; returns it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const columnLength = (columns: Readonly<Record<string, ArrayLike<number> | undefined>>, path: Path = []): Result.Result<number, ValidationError> => {
  let n: number | undefined
  for (const [name, column] of Object.entries(columns)) {
    if (column === undefined) continue
    if (n === undefined) n = column.length
    else if (column.length !== n) {
      return Result.fail(ValidationError.at([...path, name], {
        zh: `列 ${name} 的长度为 ${column.length}，与其他列（${n}）不一致`,
        en: `column ${name} has ${column.length} rows, the others ${n}`
      }, "health.batch.lengthMismatch"))
    }
  }
  return Result.succeed(n ?? 0)
}
