/**
 * Visual acuity and school vision screening.
 *
 * Notations (GB/T 11533 标准对数视力表): the 5-point record L (五分记录, 5.0 = normal), the decimal
 * record V (小数记录, 1.0 = normal) and logMAR, related by L = 5 + lg V = 5 − logMAR. The chart
 * prints rounded decimals (4.4 is printed 0.25, exactly 0.2512); the conversion table is
 * data/visual-acuity-conversion.csv.
 *
 * Screening (rules from data/vision-classification.csv through the rule pack): from 6 years,
 * uncorrected acuity of 5.0 or better is normal, 4.9 mild, 4.6–4.8 moderate and 4.5 or worse
 * severe reduced vision (视力不良); a child's grade is the worse eye's. Screening myopia (筛查性
 * 近视) is UCVA below 5.0 with a spherical equivalent below −0.50 D in non-cycloplegic
 * autorefraction, in either eye; a child wearing orthokeratology lenses counts as myopic. Under
 * 6 years the preschool lines by age apply instead (low vision at or below 4.6 under 3 years …
 * 4.9 from 5 years; an implementation's values, flagged for checking in the data).
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Path } from "../kernel/Errors.ts"
import type { Row } from "../data/visual-acuity-conversion.generated.ts"
import { rows as chartRows } from "../data/visual-acuity-conversion.generated.ts"
import { InvalidMeasurementError } from "./errors.ts"
import type { VisionRules } from "./rules.ts"

/** the 5-point record's value for normal vision: L = 5 + lg V, so V = 1 is L = 5 */
const normalFivePoint = 5

/** chart lines are tenths of the 5-point record */
const linesPerUnit = 10

const tenths = (x: number): number => Math.round(x * linesPerUnit)

// floating-point slack when checking that a value is a whole tenth (4.9 × 10 = 49.00000000000001)
const lineTolerance = 1e-6

const chart = new Map<number, Row>(chartRows.map((r) => [tenths(r.fivePointL), r]))
const firstLine = Math.min(...chartRows.map((r) => tenths(r.fivePointL)))
const lastLine = Math.max(...chartRows.map((r) => tenths(r.fivePointL)))
const topDecimal = Math.max(...chartRows.map((r) => r.decimalVChart))

/**
 * A 5-point value as a chart line (rounded to the tenth it must be), or a typed error when it is not
 * a line of the chart (3.3–5.3 in tenths).
 *
 * @since 0.1.0
 * @category constructors
 */
export const fivePoint = (value: number, path: Path = ["ucva"]): Result.Result<number, InvalidMeasurementError> => {
  if (!Number.isFinite(value)) return Result.fail(InvalidMeasurementError.create("notFinite", path, value))
  const t = tenths(value)
  if (Math.abs(value * linesPerUnit - t) > lineTolerance || t < firstLine || t > lastLine) {
    return Result.fail(InvalidMeasurementError.create("notOnChart", path, value))
  }
  return Result.succeed(t / linesPerUnit)
}

/**
 * The exact decimal acuity of a 5-point value: V = 10^(L − 5).
 *
 * @since 0.1.0
 * @category conversions
 */
export const decimalFromFivePoint = (l: number): number => Math.pow(10, l - normalFivePoint)

/**
 * The 5-point line of a decimal acuity, L = 5 + lg V: a decimal printed on the chart is its line
 * (0.25 → 4.4, 1.2 → 5.1), an exact one too (0.7943 → 4.9); a decimal between two lines — from a
 * decimal chart with lines the logarithmic chart lacks, such as 0.9 or 0.7 — is the line below it,
 * the last line the child read (0.9 → 4.9, not 5.0: a child who did not read 1.0 has reduced
 * vision). Beyond the chart (above 5.3 = 2.0, below 3.3 = 0.02) is a typed error.
 *
 * @since 0.1.0
 * @category conversions
 */
export const fivePointFromDecimal = (v: number, path: Path = ["decimal"]): Result.Result<number, InvalidMeasurementError> => {
  if (!Number.isFinite(v)) return Result.fail(InvalidMeasurementError.create("notFinite", path, v))
  if (v <= 0) return Result.fail(InvalidMeasurementError.create("notPositive", path, v))
  const printed = chartRows.find((r) => r.decimalVChart === v)
  if (printed !== undefined) return Result.succeed(printed.fivePointL)
  // above the top line's printed decimal, the chart cannot have measured it
  if (v > topDecimal) return Result.fail(InvalidMeasurementError.create("notOnChart", path, v))
  // in lines; a hundredth of a line absorbs an exact decimal given to four places (0.0251 → 3.39967)
  const t = Math.floor((normalFivePoint + Math.log10(v)) * linesPerUnit + 0.01)
  if (t < firstLine || t > lastLine) return Result.fail(InvalidMeasurementError.create("notOnChart", path, v))
  return Result.succeed(t / linesPerUnit)
}

/**
 * logMAR of a 5-point value: 5 − L.
 *
 * @since 0.1.0
 * @category conversions
 */
export const logMarFromFivePoint = (l: number): number => tenths(normalFivePoint - l) / linesPerUnit

/**
 * The 5-point value of a logMAR: 5 − logMAR.
 *
 * @since 0.1.0
 * @category conversions
 */
export const fivePointFromLogMar = (logMar: number): number => tenths(normalFivePoint - logMar) / linesPerUnit

/**
 * The chart line of a 5-point value: the printed decimal, the exact decimal, logMAR and Snellen
 * fractions.
 *
 * @since 0.1.0
 * @category conversions
 */
export const chartLine = (l: number, path: Path = ["ucva"]): Result.Result<Row, InvalidMeasurementError> =>
  Result.flatMap(fivePoint(l, path), (v) => {
    const row = chart.get(tenths(v))
    return row === undefined ? Result.fail(InvalidMeasurementError.create("notOnChart", path, l)) : Result.succeed(row)
  })

/**
 * The 5-point value of a decimal as printed on the chart (0.25 → 4.4, 0.12 → 4.1).
 *
 * @since 0.1.0
 * @category conversions
 */
export const fivePointFromChartDecimal = (v: number, path: Path = ["decimal"]): Result.Result<number, InvalidMeasurementError> => {
  const row = chartRows.find((r) => r.decimalVChart === v)
  return row === undefined ? Result.fail(InvalidMeasurementError.create("notOnChart", path, v)) : Result.succeed(row.fivePointL)
}

/**
 * A school-age grade of uncorrected acuity.
 *
 * @since 0.1.0
 * @category models
 */
export type Grade = "normal" | "mild" | "moderate" | "severe"

/**
 * The grade of a 5-point uncorrected acuity (school age).
 *
 * @since 0.1.0
 * @category calculations
 */
export const grade = (l: number, rules: VisionRules): Grade =>
  l >= rules.normalAtLeast ? "normal" : l >= rules.mildFrom ? "mild" : l >= rules.moderateFrom ? "moderate" : "severe"

const gradeRank: Readonly<Record<Grade, number>> = { normal: 0, mild: 1, moderate: 2, severe: 3 }

/**
 * The worse of two grades.
 *
 * @since 0.1.0
 * @category combinators
 */
export const worse = (a: Grade, b: Grade): Grade => (gradeRank[a] >= gradeRank[b] ? a : b)

/**
 * Whether a preschool child's acuity is low for the age (the line of the age band or worse).
 *
 * @since 0.1.0
 * @category calculations
 */
export const preschoolLow = (l: number, ageYears: number, rules: VisionRules): boolean => {
  const band = rules.preschool.find((b) => ageYears >= b.fromYears && (b.toYears === null || ageYears < b.toYears))
  return band !== undefined && l <= band.lowAtMost
}

/**
 * The spherical equivalent (D): sphere + cylinder / 2.
 *
 * @since 0.1.0
 * @category calculations
 */
export const sphericalEquivalent = (sphere: number, cylinder: number, rules: VisionRules): number => sphere + cylinder / rules.cylinderDivisor

/**
 * A myopia grade by spherical equivalent.
 *
 * @since 0.1.0
 * @category models
 */
export type MyopiaGrade = "none" | "preMyopia" | "low" | "moderate" | "high"

/**
 * The myopia grade of a spherical equivalent (《近视防治指南》; for a cycloplegic refraction):
 * −0.50 < SE ≤ +0.75 pre-myopia, −3.00 < SE ≤ −0.50 low, −6.00 < SE ≤ −3.00 moderate, SE ≤ −6.00
 * high.
 *
 * @since 0.1.0
 * @category calculations
 */
export const myopiaGrade = (se: number, rules: VisionRules): MyopiaGrade => {
  const m = rules.myopia
  return se <= m.highAtMost ? "high" : se <= m.lowAbove ? "moderate" : se <= m.diagnosisAtMost ? "low" : se <= m.preMyopiaAtMost ? "preMyopia" : "none"
}

/**
 * One eye at a screening: uncorrected acuity (5-point) and, when an autorefraction was done,
 * sphere and cylinder (D).
 *
 * @since 0.1.0
 * @category models
 */
export interface Eye {
  readonly ucva: number
  readonly sphere?: number
  readonly cylinder?: number
}

/**
 * One eye's screening.
 *
 * @since 0.1.0
 * @category models
 */
export interface EyeResult {
  readonly ucva: number
  readonly grade: Grade
  readonly sphericalEquivalent: number | undefined
  /** true or false when refraction was measured; undefined when the UCVA alone cannot tell */
  readonly screeningMyopia: boolean | undefined
}

/**
 * A child's vision screening.
 *
 * @since 0.1.0
 * @category models
 */
export interface Screening {
  readonly right: EyeResult
  readonly left: EyeResult
  /** the worse eye's grade (school age) */
  readonly grade: Grade
  /** reduced vision: the grade is not normal (school age), or low for the age (preschool) */
  readonly reducedVision: boolean
  readonly preschool: boolean
  /** screening myopia in either eye; undefined when it cannot be told without refraction */
  readonly screeningMyopia: boolean | undefined
}

const eyeOf = (eye: Eye, side: "right" | "left", rules: VisionRules): Result.Result<EyeResult, InvalidMeasurementError> =>
  // an eye left out by untyped input has no acuity: the typed error at its path, not a TypeError
  Result.map(fivePoint((eye as Eye | undefined)?.ucva ?? Number.NaN, [side, "ucva"]), (ucva): EyeResult => {
    const se = eye.sphere === undefined ? undefined : sphericalEquivalent(eye.sphere, eye.cylinder ?? 0, rules)
    const s = rules.screeningMyopia
    const screeningMyopia = ucva >= s.ucvaBelow ? false : se === undefined ? undefined : se < s.sphericalEquivalentBelow
    return { ucva, grade: grade(ucva, rules), sphericalEquivalent: se, screeningMyopia }
  })

/**
 * Screens a child's eyes (both eyes' uncorrected acuity, refraction when measured). A child who
 * wears orthokeratology lenses counts as myopic.
 *
 * @since 0.1.0
 * @category calculations
 */
export const screen = (
  input: { readonly ageYears: number; readonly right: Eye; readonly left: Eye; readonly orthokeratology?: boolean },
  rules: VisionRules
): Result.Result<Screening, InvalidMeasurementError> =>
  Result.flatMap(eyeOf(input.right, "right", rules), (right) =>
    Result.map(eyeOf(input.left, "left", rules), (left): Screening => {
      const preschool = input.ageYears < rules.schoolAgeFromYears
      const g = worse(right.grade, left.grade)
      const reducedVision = preschool
        ? preschoolLow(right.ucva, input.ageYears, rules) || preschoolLow(left.ucva, input.ageYears, rules)
        : g !== "normal"
      const ortho = input.orthokeratology === true && rules.screeningMyopia.orthokeratologyCountsAsMyopic
      const screeningMyopia = preschool
        ? undefined
        : ortho || right.screeningMyopia === true || left.screeningMyopia === true
        ? true
        : right.screeningMyopia === undefined || left.screeningMyopia === undefined
        ? undefined
        : false
      return { right, left, grade: g, reducedVision, preschool, screeningMyopia }
    }))
