/**
 * z-scores of the WHO Child Growth Standards (0–5 years), reproducing WHO's R package `anthro`
 * (`anthro_zscores`): length/height-for-age, weight-for-age, weight-for-length/height,
 * BMI-for-age, head circumference-, arm circumference-, triceps skinfold- and subscapular
 * skinfold-for-age.
 *
 * The rules, as `anthro` applies them:
 * - age in days is rounded half up to a whole day and looked up as an exact row (age in months
 *   is converted to days with 30.4375 days a month first); only children younger than 60 months
 *   (by the unrounded age) are scored;
 * - below 731 days the length table is used, from 731 days the height table; a height measured
 *   below 731 days gets 0.7 cm added, a length measured from 731 days 0.7 cm subtracted; a
 *   standing height before 9 months is implausible and is not converted (it is reported as
 *   `positionImplausible`);
 * - weight-for-length (45–110 cm) below 731 days, weight-for-height (65–120 cm) from 731 days,
 *   interpolated linearly between the 0.1 cm rows; without an age, the measured position decides,
 *   and without that, the length (below 87 cm: length);
 * - BMI is weight / (length or height in metres)², from the converted length/height;
 * - arm circumference and skinfolds from 91 days;
 * - weight-based indicators use WHO's restricted application beyond ±3 SD, length/height and head
 *   circumference the plain LMS formula; z-scores are rounded to 2 decimals as R rounds;
 * - flags (on the rounded z): |length/height| > 6, weight < −6 or > 5, the others |z| > 5;
 * - with oedema, weight-for-age, weight-for-length/height and BMI-for-age are not scored.
 *
 * Where Houqin is stricter than `anthro`: a measurement that is not a positive number, or that can
 * only be in the wrong unit, is a typed error instead of a missing value; an age of 60 months or
 * more is an {@link OutsideReferenceError} (use the 5–19 reference) instead of missing values.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Path } from "../kernel/Errors.ts"
import { ValidationError } from "../kernel/Errors.ts"
import type { Sex } from "../kernel/People.ts"
import type { HealthError } from "./errors.ts"
import { InvalidMeasurementError, OutsideReferenceError, UnknownSexError } from "./errors.ts"
import { zPlain, zRestricted } from "./lms.ts"
import type { MeasurementKind } from "./plausibility.ts"
import { problemOf } from "./plausibility.ts"
import type { Reference } from "./reference.ts"
import { who2006Tables as tables } from "./who2006Tables.ts"
import type { FlagLimits, GrowthRules } from "./rules.ts"
import { whoGrowth } from "./rules.ts"
import { whoCode } from "./sex.ts"
import type { Position } from "./vocabulary.ts"
import type { Column, Indicator, NotScored, ZScore } from "./zscore.ts"
import { columnLength, score, Status } from "./zscore.ts"
import { roundR } from "./lms.ts"

/**
 * Days in a month in WHO's conversions (365.25 / 12).
 *
 * @since 0.1.0
 * @category constants
 */
export const daysPerMonth = 30.4375

/**
 * Children are scored against the WHO Child Growth Standards while younger than 60 months.
 *
 * @since 0.1.0
 * @category constants
 */
export const ageLimitMonths = 60

/**
 * The difference between recumbent length and standing height, in cm (WHO: length ≈ height + 0.7).
 *
 * @since 0.1.0
 * @category constants
 */
export const lengthHeightDifferenceCm = 0.7

/**
 * A standing height measured before this age in months is implausible (`anthro`'s `c9mo_flag`).
 *
 * @since 0.1.0
 * @category constants
 */
export const standingFromMonths = 9

/**
 * Without an age or a measured position, a length/height below this is scored as a length.
 *
 * @since 0.1.0
 * @category constants
 */
export const lengthBelowCm = 87

const referenceName = "WHO Child Growth Standards (0–5 years)"

/**
 * The age from which the length table gives way to the height table (731 days), from the data.
 *
 * @since 0.1.0
 * @category constants
 */
export const heightFromDay = (): number => tables.lenanthro().table.heightFrom ?? 731

/**
 * A child to score. Give the age in days (`ageDays`, preferably exact: from dates, see
 * `Age.days`) or in months (`ageMonths`), not both; the measurements that were taken; how the
 * length/height was measured (`measured`, recommended); and `oedema` when the child has bilateral
 * pitting oedema.
 *
 * @since 0.1.0
 * @category models
 */
export interface Child {
  readonly sex: unknown
  readonly ageDays?: number
  readonly ageMonths?: number
  readonly weightKg?: number
  readonly lengthHeightCm?: number
  readonly measured?: Position
  readonly headCircumferenceCm?: number
  readonly armCircumferenceCm?: number
  readonly tricepsSkinfoldMm?: number
  readonly subscapularSkinfoldMm?: number
  readonly oedema?: boolean
}

/**
 * Options: the z-score rules (default: WHO's).
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly rules?: GrowthRules
}

/**
 * All indicators of one child.
 *
 * @since 0.1.0
 * @category models
 */
export interface Assessment {
  readonly sex: Sex
  /** age in whole days, rounded half up, as looked up in the tables */
  readonly ageDays: number | undefined
  /** age in months, unrounded */
  readonly ageMonths: number | undefined
  /** the length/height after the ±0.7 cm conversion (`clenhei`) */
  readonly lengthHeightCm: number | undefined
  /** the position after cleaning (`cmeasure`): undefined when not given or implausible */
  readonly measured: Position | undefined
  /** a standing height before 9 months: not converted (`c9mo_flag`) */
  readonly positionImplausible: boolean
  /** weight / (converted length/height in m)² */
  readonly bmi: number | undefined
  readonly scores: {
    readonly lengthHeightForAge: ZScore | NotScored
    readonly weightForAge: ZScore | NotScored
    readonly weightForLengthHeight: ZScore | NotScored
    readonly bmiForAge: ZScore | NotScored
    readonly headCircumferenceForAge: ZScore | NotScored
    readonly armCircumferenceForAge: ZScore | NotScored
    readonly tricepsSkinfoldForAge: ZScore | NotScored
    readonly subscapularSkinfoldForAge: ZScore | NotScored
  }
}

// ── allocation-free kernels (shared by the single-child functions and the batch) ────────────────

/** anthro's `round_up`: x ≥ 0, halves up */
const roundHalfUp = (x: number): number => {
  const f = Math.floor(x)
  return x - f >= 0.5 ? f + 1 : f
}

/** the unrounded z of an exact-row lookup by whole day, NaN without a row */
const zAtDay = (ref: Reference, sexCode: number, day: number, y: number, restricted: boolean): number => {
  const r = day - ref.first
  if (!(r >= 0 && r < ref.rows)) return Number.NaN
  const lms = ref.lms
  const o = ((sexCode - 1) * ref.rows + r) * 3
  return restricted ? zRestricted(y, lms[o]!, lms[o + 1]!, lms[o + 2]!) : zPlain(y, lms[o]!, lms[o + 1]!, lms[o + 2]!)
}

/** weight-for-length/height: interpolated between the 0.1 cm rows, as anthro does */
const zAtLength = (ref: Reference, sexCode: number, lenhei: number, weight: number): number => {
  const low10 = Math.trunc(lenhei * 10)
  const diff = (lenhei - low10 / 10) / 0.1
  const offset = ref.first * ref.scale
  const r = low10 - offset
  if (!(r >= 0 && r < ref.rows)) return Number.NaN
  const lms = ref.lms
  const base = (sexCode - 1) * ref.rows
  const o = (base + r) * 3
  let l = lms[o]!
  let m = lms[o + 1]!
  let s = lms[o + 2]!
  if (diff > 0) {
    const ru = Math.trunc(lenhei * 10 + 1) - offset
    if (!(ru >= 0 && ru < ref.rows)) return Number.NaN
    const u = (base + ru) * 3
    m = m + diff * (lms[u + 1]! - m)
    l = l + diff * (lms[u]! - l)
    s = s + diff * (lms[u + 2]! - s)
  }
  return zRestricted(weight, l, m, s)
}

/**
 * The L, M and S of weight-for-length/height at a length or height, interpolated between the
 * 0.1 cm rows as anthro does; undefined outside the table.
 *
 * @since 0.1.0
 * @category getters
 */
export const lmsAtLength = (ref: Reference, sexCode: 1 | 2, lenhei: number): { readonly l: number; readonly m: number; readonly s: number } | undefined => {
  const low10 = Math.trunc(lenhei * 10)
  const diff = (lenhei - low10 / 10) / 0.1
  const offset = ref.first * ref.scale
  const r = low10 - offset
  if (!(r >= 0 && r < ref.rows)) return undefined
  const lms = ref.lms
  const base = (sexCode - 1) * ref.rows
  const o = (base + r) * 3
  if (!(diff > 0)) return { l: lms[o]!, m: lms[o + 1]!, s: lms[o + 2]! }
  const ru = Math.trunc(lenhei * 10 + 1) - offset
  if (!(ru >= 0 && ru < ref.rows)) return undefined
  const u = (base + ru) * 3
  return { l: lms[o]! + diff * (lms[u]! - lms[o]!), m: lms[o + 1]! + diff * (lms[u + 1]! - lms[o + 1]!), s: lms[o + 2]! + diff * (lms[u + 2]! - lms[o + 2]!) }
}

/** which weight-for-length/height table: true for length */
const useLengthTable = (ageDays: number, measured: number, lenhei: number, heightFrom: number): boolean =>
  !Number.isNaN(ageDays) ? ageDays < heightFrom : measured === 1 ? true : measured === 2 ? false : lenhei < lengthBelowCm

const lengthRangeOk = (ref: Reference, lenhei: number): boolean => lenhei >= ref.first && lenhei <= ref.last

// ── single child ─────────────────────────────────────────────────────────────────────────────────

type Fail = ValidationError | HealthError

interface Age {
  readonly days: number
  readonly months: number
}

const ageOf = (child: { readonly ageDays?: number | undefined; readonly ageMonths?: number | undefined }, path: Path): Result.Result<Age | undefined, Fail> => {
  if (child.ageDays !== undefined && child.ageMonths !== undefined) {
    return Result.fail(ValidationError.at([...path, "ageMonths"], {
      zh: "年龄请只给一种：天数（ageDays）或月数（ageMonths）",
      en: "give the age once: in days (ageDays) or in months (ageMonths)"
    }, "health.age.twice"))
  }
  const inMonths = child.ageMonths !== undefined
  const value = child.ageMonths ?? child.ageDays
  if (value === undefined) return Result.succeed(undefined)
  const field = inMonths ? "ageMonths" : "ageDays"
  if (!Number.isFinite(value)) return Result.fail(InvalidMeasurementError.create("notFinite", [...path, field], value))
  const days = inMonths ? value * daysPerMonth : value
  const months = inMonths ? value : value / daysPerMonth
  if (value < 0 || !(months < ageLimitMonths)) {
    return Result.fail(OutsideReferenceError.create({
      reference: referenceName,
      dimension: "age",
      unit: inMonths ? "months" : "days",
      value,
      min: 0,
      max: inMonths ? ageLimitMonths : ageLimitMonths * daysPerMonth,
      maxExclusive: true,
      path: [...path, field]
    }))
  }
  return Result.succeed({ days: roundHalfUp(days), months })
}

const measurement = (kind: MeasurementKind, value: number | undefined, path: Path): Result.Result<number | undefined, InvalidMeasurementError> => {
  if (value === undefined) return Result.succeed(undefined)
  const problem = problemOf(kind, value)
  return problem === undefined ? Result.succeed(value) : Result.fail(InvalidMeasurementError.create(problem, path, value))
}

const sexCodeOf = (sex: unknown, path: Path): Result.Result<1 | 2, UnknownSexError> => {
  const code = whoCode(sex)
  return code === 0 ? Result.fail(UnknownSexError.create(sex, [...path, "sex"])) : Result.succeed(code)
}

const limitsOf = (rules: GrowthRules, indicator: Indicator) => rules.flags[indicator]

/**
 * Scores every indicator of a child for which the measurements were given, as `anthro_zscores`
 * does. Fails with a typed error for an unknown sex, an age outside 0–60 months, or a measurement
 * that is not a positive number or is in the wrong unit.
 *
 * @since 0.1.0
 * @category calculations
 */
export const zScores = (child: Child, options: Options = {}): Result.Result<Assessment, Fail> => {
  const rules = options.rules ?? whoGrowth
  const sexR = sexCodeOf(child.sex, [])
  if (Result.isFailure(sexR)) return Result.fail(sexR.failure)
  const sexCode = sexR.success
  const ageR = ageOf(child, [])
  if (Result.isFailure(ageR)) return Result.fail(ageR.failure)
  const age = ageR.success
  const checks = [
    measurement("weight", child.weightKg, ["weightKg"]),
    measurement("lengthHeight", child.lengthHeightCm, ["lengthHeightCm"]),
    measurement("circumference", child.headCircumferenceCm, ["headCircumferenceCm"]),
    measurement("circumference", child.armCircumferenceCm, ["armCircumferenceCm"]),
    measurement("skinfold", child.tricepsSkinfoldMm, ["tricepsSkinfoldMm"]),
    measurement("skinfold", child.subscapularSkinfoldMm, ["subscapularSkinfoldMm"])
  ]
  for (const c of checks) if (Result.isFailure(c)) return Result.fail(c.failure)
  const oedema = child.oedema === true
  const heightFrom = heightFromDay()
  const positionImplausible = child.measured === "height" && age !== undefined && age.months < standingFromMonths
  const measured = positionImplausible ? undefined : child.measured
  let lenhei = child.lengthHeightCm
  if (lenhei !== undefined && age !== undefined && measured !== undefined) {
    if (age.days < heightFrom && measured === "height") lenhei = lenhei + lengthHeightDifferenceCm
    else if (age.days >= heightFrom && measured === "length") lenhei = lenhei - lengthHeightDifferenceCm
  }
  const bmi = child.weightKg !== undefined && lenhei !== undefined ? child.weightKg / ((lenhei / 100) * (lenhei / 100)) : undefined
  const { precision } = rules
  const byAge = (
    indicator: Indicator,
    ref: Reference,
    value: number | undefined,
    restricted: boolean,
    weightBased: boolean
  ): ZScore | NotScored => {
    if (value === undefined) return { indicator, reason: "notMeasured" }
    if (weightBased && oedema) return { indicator, reason: "oedema" }
    if (age === undefined) return { indicator, reason: "noAge" }
    if (age.days < ref.first) return { indicator, reason: "ageOutsideReference" }
    const zu = zAtDay(ref, sexCode, age.days, value, restricted)
    return score(indicator, zu, value, ref.table.name, precision, limitsOf(rules, indicator))
  }
  const weightForLengthHeight = (): ZScore | NotScored => {
    const indicator = "weightForLengthHeight"
    if (child.weightKg === undefined || lenhei === undefined) return { indicator, reason: "notMeasured" }
    if (oedema) return { indicator, reason: "oedema" }
    const lengthTable = useLengthTable(age?.days ?? Number.NaN, measured === "length" ? 1 : measured === "height" ? 2 : 0, lenhei, heightFrom)
    const ref = lengthTable ? tables.wflanthro() : tables.wfhanthro()
    if (!lengthRangeOk(ref, lenhei)) return { indicator, reason: "lengthOutsideReference" }
    return score(indicator, zAtLength(ref, sexCode, lenhei, child.weightKg), lenhei, ref.table.name, precision, limitsOf(rules, indicator))
  }
  return Result.succeed({
    sex: sexCode === 1 ? "M" : "F",
    ageDays: age?.days,
    ageMonths: age?.months,
    lengthHeightCm: lenhei,
    measured,
    positionImplausible,
    bmi,
    scores: {
      lengthHeightForAge: byAge("lengthHeightForAge", tables.lenanthro(), lenhei, false, false),
      weightForAge: byAge("weightForAge", tables.weianthro(), child.weightKg, true, true),
      weightForLengthHeight: weightForLengthHeight(),
      bmiForAge: byAge("bmiForAge", tables.bmianthro(), bmi, true, true),
      headCircumferenceForAge: byAge("headCircumferenceForAge", tables.hcanthro(), child.headCircumferenceCm, false, false),
      armCircumferenceForAge: byAge("armCircumferenceForAge", tables.acanthro(), child.armCircumferenceCm, true, false),
      tricepsSkinfoldForAge: byAge("tricepsSkinfoldForAge", tables.tsanthro(), child.tricepsSkinfoldMm, true, false),
      subscapularSkinfoldForAge: byAge("subscapularSkinfoldForAge", tables.ssanthro(), child.subscapularSkinfoldMm, true, false)
    }
  })
}

/**
 * The age and sex of one indicator's input.
 *
 * @since 0.1.0
 * @category models
 */
export interface AgeAndSex {
  readonly sex: unknown
  readonly ageDays?: number
  readonly ageMonths?: number
}

const single = <F extends string>(
  indicator: Indicator,
  ref: () => Reference,
  kind: MeasurementKind,
  field: F,
  restricted: boolean
) =>
(input: AgeAndSex & { readonly [K in F]: number }, options: Options = {}): Result.Result<ZScore, Fail> => {
  const rules = options.rules ?? whoGrowth
  const sexR = sexCodeOf(input.sex, [])
  if (Result.isFailure(sexR)) return Result.fail(sexR.failure)
  const ageR = ageOf(input, [])
  if (Result.isFailure(ageR)) return Result.fail(ageR.failure)
  const age = ageR.success
  if (age === undefined) {
    return Result.fail(ValidationError.at(["ageDays"], { zh: "缺少年龄（ageDays 或 ageMonths）", en: "the age is missing (ageDays or ageMonths)" }, "health.age.missing"))
  }
  const raw: unknown = input[field]
  if (typeof raw !== "number") {
    return Result.fail(ValidationError.at([field], { zh: `缺少 ${field}`, en: `${field} is missing` }, "health.measurement.missing"))
  }
  const value = measurement(kind, raw, [field])
  if (Result.isFailure(value)) return Result.fail(value.failure)
  const r = ref()
  if (age.days < r.first) {
    return Result.fail(OutsideReferenceError.create({
      reference: `${referenceName}, ${r.table.indicator}`,
      dimension: "age",
      unit: "days",
      value: age.days,
      min: r.first,
      max: r.last,
      maxExclusive: false,
      path: [input.ageMonths === undefined ? "ageDays" : "ageMonths"]
    }))
  }
  return Result.succeed(score(indicator, zAtDay(r, sexR.success, age.days, raw, restricted), raw, r.table.name, rules.precision, limitsOf(rules, indicator)))
}

/**
 * Length/height-for-age. `lengthHeightCm` must already be a length below 731 days and a height
 * from 731 days (use {@link zScores} to convert by the measured position).
 *
 * @since 0.1.0
 * @category calculations
 */
export const lengthHeightForAge: (input: AgeAndSex & { readonly lengthHeightCm: number }, options?: Options) => Result.Result<ZScore, Fail> =
  single("lengthHeightForAge", tables.lenanthro, "lengthHeight", "lengthHeightCm", false)

/**
 * Weight-for-age.
 *
 * @since 0.1.0
 * @category calculations
 */
export const weightForAge: (input: AgeAndSex & { readonly weightKg: number }, options?: Options) => Result.Result<ZScore, Fail> =
  single("weightForAge", tables.weianthro, "weight", "weightKg", true)

/**
 * BMI-for-age.
 *
 * @since 0.1.0
 * @category calculations
 */
export const bmiForAge: (input: AgeAndSex & { readonly bmi: number }, options?: Options) => Result.Result<ZScore, Fail> =
  single("bmiForAge", tables.bmianthro, "bmi", "bmi", true)

/**
 * Head circumference-for-age.
 *
 * @since 0.1.0
 * @category calculations
 */
export const headCircumferenceForAge: (input: AgeAndSex & { readonly headCircumferenceCm: number }, options?: Options) => Result.Result<ZScore, Fail> =
  single("headCircumferenceForAge", tables.hcanthro, "circumference", "headCircumferenceCm", false)

/**
 * Arm (mid-upper arm) circumference-for-age, from 91 days.
 *
 * @since 0.1.0
 * @category calculations
 */
export const armCircumferenceForAge: (input: AgeAndSex & { readonly armCircumferenceCm: number }, options?: Options) => Result.Result<ZScore, Fail> =
  single("armCircumferenceForAge", tables.acanthro, "circumference", "armCircumferenceCm", true)

/**
 * Triceps skinfold-for-age, from 91 days.
 *
 * @since 0.1.0
 * @category calculations
 */
export const tricepsSkinfoldForAge: (input: AgeAndSex & { readonly tricepsSkinfoldMm: number }, options?: Options) => Result.Result<ZScore, Fail> =
  single("tricepsSkinfoldForAge", tables.tsanthro, "skinfold", "tricepsSkinfoldMm", true)

/**
 * Subscapular skinfold-for-age, from 91 days.
 *
 * @since 0.1.0
 * @category calculations
 */
export const subscapularSkinfoldForAge: (input: AgeAndSex & { readonly subscapularSkinfoldMm: number }, options?: Options) => Result.Result<ZScore, Fail> =
  single("subscapularSkinfoldForAge", tables.ssanthro, "skinfold", "subscapularSkinfoldMm", true)

/**
 * Weight-for-length (`table: "length"`, 45–110 cm) or weight-for-height (`"height"`, 65–120 cm).
 * `lengthHeightCm` is used as given: convert it first if it was measured in the other position.
 *
 * @since 0.1.0
 * @category calculations
 */
export const weightForLengthHeight = (
  input: { readonly sex: unknown; readonly weightKg: number; readonly lengthHeightCm: number; readonly table: Position },
  options: Options = {}
): Result.Result<ZScore, Fail> => {
  const rules = options.rules ?? whoGrowth
  const sexR = sexCodeOf(input.sex, [])
  if (Result.isFailure(sexR)) return Result.fail(sexR.failure)
  const w = measurement("weight", input.weightKg, ["weightKg"])
  if (Result.isFailure(w)) return Result.fail(w.failure)
  const h = measurement("lengthHeight", input.lengthHeightCm, ["lengthHeightCm"])
  if (Result.isFailure(h)) return Result.fail(h.failure)
  const ref = input.table === "length" ? tables.wflanthro() : tables.wfhanthro()
  if (!lengthRangeOk(ref, input.lengthHeightCm)) {
    return Result.fail(OutsideReferenceError.create({
      reference: `${referenceName}, ${ref.table.indicator}`,
      dimension: input.table,
      unit: "cm",
      value: input.lengthHeightCm,
      min: ref.first,
      max: ref.last,
      maxExclusive: false,
      path: ["lengthHeightCm"]
    }))
  }
  return Result.succeed(score(
    "weightForLengthHeight",
    zAtLength(ref, sexR.success, input.lengthHeightCm, input.weightKg),
    input.lengthHeightCm,
    ref.table.name,
    rules.precision,
    rules.flags.weightForLengthHeight
  ))
}

// ── batch over columns ──────────────────────────────────────────────────────────────────────────

/**
 * Columns of children for {@link batch}: one row per child. `sex` holds WHO codes (1 male,
 * 2 female; anything else is an unknown sex); ages in days or in months (not both); measurements
 * as numbers, NaN where not taken; `measured` 1 for length, 2 for height, 0 unknown; `oedema` 1
 * for oedema. Typed arrays or plain arrays.
 *
 * @since 0.1.0
 * @category models
 */
export interface Columns {
  readonly sex: ArrayLike<number>
  readonly ageDays?: ArrayLike<number>
  readonly ageMonths?: ArrayLike<number>
  readonly weightKg?: ArrayLike<number>
  readonly lengthHeightCm?: ArrayLike<number>
  readonly measured?: ArrayLike<number>
  readonly oedema?: ArrayLike<number>
  readonly headCircumferenceCm?: ArrayLike<number>
  readonly armCircumferenceCm?: ArrayLike<number>
  readonly tricepsSkinfoldMm?: ArrayLike<number>
  readonly subscapularSkinfoldMm?: ArrayLike<number>
}

/**
 * Columns from an array of records (children as objects, sex in any accepted code, measurements
 * possibly absent; ages in days), for {@link batch}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const columnsOf = (records: ReadonlyArray<Child>): Result.Result<Columns, ValidationError> => {
  const n = records.length
  const column = () => new Float64Array(n)
  const sex = new Uint8Array(n)
  const age = column()
  // one unit for the whole batch: the unit of the first record that has an age
  const inMonths = records.find((r) => r.ageDays !== undefined || r.ageMonths !== undefined)?.ageMonths !== undefined
  const weightKg = column()
  const lengthHeightCm = column()
  const headCircumferenceCm = column()
  const armCircumferenceCm = column()
  const tricepsSkinfoldMm = column()
  const subscapularSkinfoldMm = column()
  const measured = new Uint8Array(n)
  const oedema = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const r = records[i]!
    if (r.ageDays !== undefined && r.ageMonths !== undefined) {
      return Result.fail(ValidationError.at([i, "ageMonths"], {
        zh: "年龄请只给一种：天数（ageDays）或月数（ageMonths）",
        en: "give the age once: in days (ageDays) or in months (ageMonths)"
      }, "health.age.twice"))
    }
    if ((inMonths && r.ageDays !== undefined) || (!inMonths && r.ageMonths !== undefined)) {
      return Result.fail(ValidationError.at([i, inMonths ? "ageDays" : "ageMonths"], {
        zh: "同一批数据的年龄请用同一单位（天或月）",
        en: "give every age of a batch in the same unit (days or months)"
      }, "health.age.mixedUnits"))
    }
    sex[i] = whoCode(r.sex)
    age[i] = (inMonths ? r.ageMonths : r.ageDays) ?? Number.NaN
    weightKg[i] = r.weightKg ?? Number.NaN
    lengthHeightCm[i] = r.lengthHeightCm ?? Number.NaN
    headCircumferenceCm[i] = r.headCircumferenceCm ?? Number.NaN
    armCircumferenceCm[i] = r.armCircumferenceCm ?? Number.NaN
    tricepsSkinfoldMm[i] = r.tricepsSkinfoldMm ?? Number.NaN
    subscapularSkinfoldMm[i] = r.subscapularSkinfoldMm ?? Number.NaN
    measured[i] = r.measured === "length" ? 1 : r.measured === "height" ? 2 : 0
    oedema[i] = r.oedema === true ? 1 : 0
  }
  return Result.succeed({
    sex,
    ...(inMonths ? { ageMonths: age } : { ageDays: age }),
    weightKg,
    lengthHeightCm,
    headCircumferenceCm,
    armCircumferenceCm,
    tricepsSkinfoldMm,
    subscapularSkinfoldMm,
    measured,
    oedema
  })
}

/**
 * The batch's output: a column per indicator whose inputs were given.
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchResult {
  readonly rows: number
  readonly lengthHeightForAge?: Column
  readonly weightForAge?: Column
  readonly weightForLengthHeight?: Column
  readonly bmiForAge?: Column
  readonly headCircumferenceForAge?: Column
  readonly armCircumferenceForAge?: Column
  readonly tricepsSkinfoldForAge?: Column
  readonly subscapularSkinfoldForAge?: Column
}

/**
 * Options of {@link batch}: the rules, and whether to return unrounded z-scores (for statistics
 * that should not inherit the rounding; statuses still use the rounded z, as WHO flags).
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchOptions extends Options {
  readonly unrounded?: boolean
}

const column = (n: number): Column => ({ z: new Float64Array(n), status: new Uint8Array(n) })

/** one optional column of the batch with its table */
interface Extra {
  readonly values: ArrayLike<number>
  readonly ref: Reference
  readonly restricted: boolean
  readonly kind: MeasurementKind
  readonly limits: FlagLimits
  readonly out: Column
}

/** what the batch's row loop needs */
interface Work {
  readonly n: number
  readonly rules: GrowthRules
  readonly unrounded: boolean
  readonly sex: ArrayLike<number>
  readonly ageColumn: ArrayLike<number> | undefined
  readonly inMonths: boolean
  readonly weightKg: ArrayLike<number> | undefined
  readonly lengthHeightCm: ArrayLike<number> | undefined
  readonly measured: ArrayLike<number> | undefined
  readonly oedema: ArrayLike<number> | undefined
  readonly heightFrom: number
  readonly lhfa: Column | undefined
  readonly wfa: Column | undefined
  readonly wflh: Column | undefined
  readonly bfa: Column | undefined
  readonly extra: ReadonlyArray<Extra | undefined>
}

/**
 * The batch's row loop, in a function of its own: V8 optimises it once and keeps the optimised
 * code across calls.
 */
const fill = (work: Work): void => {
  const { n, rules, unrounded, sex, ageColumn, inMonths, weightKg, lengthHeightCm, measured, oedema, heightFrom, lhfa, wfa, wflh, bfa, extra } = work
  const len = tables.lenanthro()
  const wei = tables.weianthro()
  const bmiRef = tables.bmianthro()
  const wfl = tables.wflanthro()
  const wfh = tables.wfhanthro()
  const { precision } = rules
  const fl = rules.flags

  const put = (out: Column, i: number, zu: number, limits: { readonly below: number; readonly above: number }) => {
    if (Number.isNaN(zu)) {
      out.z[i] = Number.NaN
      out.status[i] = Status.missing
      return
    }
    const z = roundR(zu, precision)
    out.z[i] = unrounded ? zu : z
    out.status[i] = z < limits.below || z > limits.above ? Status.flagged : Status.scored
  }
  const not = (out: Column | undefined, i: number, status: Status) => {
    if (out === undefined) return
    out.z[i] = Number.NaN
    out.status[i] = status
  }

  for (let i = 0; i < n; i++) {
    const sx = sex[i]
    const sexCode = sx === 1 ? 1 : sx === 2 ? 2 : 0
    const ageValue = ageColumn === undefined ? Number.NaN : ageColumn[i]!
    const months = inMonths ? ageValue : ageValue / daysPerMonth
    const hasAge = !Number.isNaN(ageValue)
    const ageOk = hasAge && ageValue >= 0 && months < ageLimitMonths
    const day = ageOk ? roundHalfUp(inMonths ? ageValue * daysPerMonth : ageValue) : Number.NaN
    const ageStatus = !hasAge ? Status.missing : !ageOk ? Status.ageOutsideReference : Status.scored
    const isOedema = oedema !== undefined && oedema[i] === 1
    if (sexCode === 0) {
      not(lhfa, i, Status.unknownSex)
      not(wfa, i, Status.unknownSex)
      not(wflh, i, Status.unknownSex)
      not(bfa, i, Status.unknownSex)
      for (const e of extra) not(e?.out, i, Status.unknownSex)
      continue
    }
    if (hasAge && !ageOk) {
      // age outside 0–60 months: nothing is scored, weight-for-length/height included (anthro)
      not(lhfa, i, Status.ageOutsideReference)
      not(wfa, i, Status.ageOutsideReference)
      not(wflh, i, Status.ageOutsideReference)
      not(bfa, i, Status.ageOutsideReference)
      for (const e of extra) not(e?.out, i, Status.ageOutsideReference)
      continue
    }
    // length/height, converted by position
    let lenhei = lengthHeightCm === undefined ? Number.NaN : lengthHeightCm[i]!
    const lenheiProblem = lengthHeightCm !== undefined && !Number.isNaN(lenhei) && problemOf("lengthHeight", lenhei) !== undefined
    let position = measured === undefined ? 0 : measured[i]!
    if (position === 2 && ageOk && months < standingFromMonths) position = 0
    if (ageOk && !Number.isNaN(lenhei)) {
      if (day < heightFrom && position === 2) lenhei = lenhei + lengthHeightDifferenceCm
      else if (day >= heightFrom && position === 1) lenhei = lenhei - lengthHeightDifferenceCm
    }
    const weight = weightKg === undefined ? Number.NaN : weightKg[i]!
    const weightProblem = weightKg !== undefined && !Number.isNaN(weight) && problemOf("weight", weight) !== undefined
    if (lhfa !== undefined) {
      if (lenheiProblem) not(lhfa, i, Status.invalidMeasurement)
      else if (Number.isNaN(lenhei)) not(lhfa, i, Status.missing)
      else if (!ageOk) not(lhfa, i, ageStatus)
      else put(lhfa, i, zAtDay(len, sexCode, day, lenhei, false), fl.lengthHeightForAge)
    }
    if (wfa !== undefined) {
      if (weightProblem) not(wfa, i, Status.invalidMeasurement)
      else if (Number.isNaN(weight)) not(wfa, i, Status.missing)
      else if (isOedema) not(wfa, i, Status.oedema)
      else if (!ageOk) not(wfa, i, ageStatus)
      else put(wfa, i, zAtDay(wei, sexCode, day, weight, true), fl.weightForAge)
    }
    if (wflh !== undefined && bfa !== undefined) {
      if (weightProblem || lenheiProblem) {
        not(wflh, i, Status.invalidMeasurement)
        not(bfa, i, Status.invalidMeasurement)
      } else if (Number.isNaN(weight) || Number.isNaN(lenhei)) {
        not(wflh, i, Status.missing)
        not(bfa, i, Status.missing)
      } else if (isOedema) {
        not(wflh, i, Status.oedema)
        not(bfa, i, Status.oedema)
      } else {
        const ref = useLengthTable(day, position, lenhei, heightFrom) ? wfl : wfh
        if (lengthRangeOk(ref, lenhei)) put(wflh, i, zAtLength(ref, sexCode, lenhei, weight), fl.weightForLengthHeight)
        else not(wflh, i, Status.lengthOutsideReference)
        const h = lenhei / 100
        if (ageOk) put(bfa, i, zAtDay(bmiRef, sexCode, day, weight / (h * h), true), fl.bmiForAge)
        else not(bfa, i, ageStatus)
      }
    }
    for (const e of extra) {
      if (e === undefined) continue
      const v = e.values[i]!
      if (Number.isNaN(v)) not(e.out, i, Status.missing)
      else if (problemOf(e.kind, v) !== undefined) not(e.out, i, Status.invalidMeasurement)
      else if (!ageOk) not(e.out, i, ageStatus)
      else if (day < e.ref.first) not(e.out, i, Status.ageOutsideReference)
      else put(e.out, i, zAtDay(e.ref, sexCode, day, v, e.restricted), e.limits)
    }
  }
}

/**
 * Scores whole schools and districts at once, over columns, with the same rules as
 * {@link zScores}. Nothing is allocated per row. Rows that cannot be scored get NaN and a status
 * saying why (`Status`); the batch itself fails only when the columns have different lengths or
 * both age columns are given.
 *
 * @since 0.1.0
 * @category calculations
 */
export const batch = (columns: Columns, options: BatchOptions = {}): Result.Result<BatchResult, ValidationError> => {
  const lengthR = columnLength(columns as unknown as Readonly<Record<string, ArrayLike<number> | undefined>>)
  if (Result.isFailure(lengthR)) return Result.fail(lengthR.failure)
  if (columns.ageDays !== undefined && columns.ageMonths !== undefined) {
    return Result.fail(ValidationError.at(["ageMonths"], {
      zh: "年龄列请只给一种：天数（ageDays）或月数（ageMonths）",
      en: "give one age column: days (ageDays) or months (ageMonths)"
    }, "health.age.twice"))
  }
  const n = lengthR.success
  const rules = options.rules ?? whoGrowth
  const unrounded = options.unrounded === true
  const { sex, weightKg, lengthHeightCm, measured, oedema } = columns
  const ageColumn = columns.ageDays ?? columns.ageMonths
  const inMonths = columns.ageMonths !== undefined
  const heightFrom = heightFromDay()
  const lhfa = lengthHeightCm === undefined ? undefined : column(n)
  const wfa = weightKg === undefined ? undefined : column(n)
  const wflh = weightKg === undefined || lengthHeightCm === undefined ? undefined : column(n)
  const bfa = wflh === undefined ? undefined : column(n)
  const extra = [
    { values: columns.headCircumferenceCm, ref: tables.hcanthro, restricted: false, kind: "circumference" as const, limits: rules.flags.headCircumferenceForAge },
    { values: columns.armCircumferenceCm, ref: tables.acanthro, restricted: true, kind: "circumference" as const, limits: rules.flags.armCircumferenceForAge },
    { values: columns.tricepsSkinfoldMm, ref: tables.tsanthro, restricted: true, kind: "skinfold" as const, limits: rules.flags.tricepsSkinfoldForAge },
    { values: columns.subscapularSkinfoldMm, ref: tables.ssanthro, restricted: true, kind: "skinfold" as const, limits: rules.flags.subscapularSkinfoldForAge }
  ].map((e) => (e.values === undefined ? undefined : { ...e, values: e.values, ref: e.ref(), out: column(n) }))
  fill({ n, rules, unrounded, sex, ageColumn, inMonths, weightKg, lengthHeightCm, measured, oedema, heightFrom, lhfa, wfa, wflh, bfa, extra })
  return Result.succeed({
    rows: n,
    ...(lhfa === undefined ? {} : { lengthHeightForAge: lhfa }),
    ...(wfa === undefined ? {} : { weightForAge: wfa }),
    ...(wflh === undefined ? {} : { weightForLengthHeight: wflh }),
    ...(bfa === undefined ? {} : { bmiForAge: bfa }),
    ...(extra[0] === undefined ? {} : { headCircumferenceForAge: extra[0].out }),
    ...(extra[1] === undefined ? {} : { armCircumferenceForAge: extra[1].out }),
    ...(extra[2] === undefined ? {} : { tricepsSkinfoldForAge: extra[2].out }),
    ...(extra[3] === undefined ? {} : { subscapularSkinfoldForAge: extra[3].out })
  })
}
