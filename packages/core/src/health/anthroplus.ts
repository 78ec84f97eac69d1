/**
 * z-scores of the WHO Growth Reference 2007 (5–19 years), reproducing WHO's R package
 * `anthroplus` 1.1.0 (`anthroplus_zscores`): height-for-age, weight-for-age (to 10 years) and
 * BMI-for-age.
 *
 * The rules, as `anthroplus` applies them:
 * - age in fractional months; L, M and S are interpolated linearly between the whole-month rows
 *   (`low = trunc(age)`, `high = trunc(age + 1)`, weight `age − low`);
 * - height- and BMI-for-age for 60 ≤ age < 229 months, weight-for-age for 60 ≤ age < 121 months.
 *   anthroplus 1.1.0 made both upper limits exclusive: ages 228.x and 120.x are scored, by
 *   interpolating towards the tables' last rows (229 and 121), which repeat 228 and 120. WHO's
 *   older SAS/SPSS macros stop at 228 and 120 months; Houqin follows the current R package;
 * - height-for-age uses the plain LMS formula, weight- and BMI-for-age the restricted application
 *   beyond ±3 SD; BMI = weight / (height in m)²;
 * - z-scores rounded to 2 decimals as R rounds; flags (on the rounded z): |height| > 6,
 *   weight < −6 or > 5, |BMI| > 5; with oedema, weight- and BMI-for-age are not scored.
 *
 * Where Houqin is stricter than `anthroplus`: a measurement that is not a positive number or can
 * only be in the wrong unit is a typed error; an age outside 60–229 months is an
 * {@link OutsideReferenceError} instead of missing scores.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { Path } from "../kernel/Errors.ts"
import { ValidationError } from "../kernel/Errors.ts"
import type { Sex } from "../kernel/People.ts"
import type { HealthError } from "./errors.ts"
import { InvalidMeasurementError, OutsideReferenceError, UnknownSexError } from "./errors.ts"
import { roundR, zPlain, zRestricted } from "./lms.ts"
import type { MeasurementKind } from "./plausibility.ts"
import { gramsFromKg, heightMillimetresAboveCm, metresBelowCm, problemOf } from "./plausibility.ts"
import type { Reference } from "./reference.ts"
import { who2007Tables as tables } from "./who2007Tables.ts"
import type { FlagLimits, GrowthRules } from "./rules.ts"
import { whoGrowth } from "./rules.ts"
import { whoCode } from "./sex.ts"
import type { Column, Indicator, NotScored, ZScore } from "./zscore.ts"
import { columnLength, score, Status } from "./zscore.ts"

const referenceName = "WHO Growth Reference 2007 (5–19 years)"

/**
 * The first month the WHO 2007 tables cover.
 *
 * @since 0.1.0
 * @category constants
 */
export const fromMonths = (): number => tables.hfawho2007().first

/**
 * The exclusive upper age limit of height- and BMI-for-age (229 months): the tables' last row.
 *
 * @since 0.1.0
 * @category constants
 */
export const heightBmiUntilMonths = (): number => tables.hfawho2007().last

/**
 * The exclusive upper age limit of weight-for-age (121 months): the table's last row.
 *
 * @since 0.1.0
 * @category constants
 */
export const weightUntilMonths = (): number => tables.wfawho2007().last

/**
 * A child of 5–19 years to score. `ageMonths` is the exact age in months (from dates: days /
 * 30.4375, see `Age.months`).
 *
 * @since 0.1.0
 * @category models
 */
export interface Child {
  readonly sex: unknown
  readonly ageMonths: number
  readonly heightCm?: number
  readonly weightKg?: number
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
 * The three indicators of one child.
 *
 * @since 0.1.0
 * @category models
 */
export interface Assessment {
  readonly sex: Sex
  readonly ageMonths: number
  readonly bmi: number | undefined
  readonly scores: {
    readonly heightForAge: ZScore | NotScored
    readonly weightForAge: ZScore | NotScored
    readonly bmiForAge: ZScore | NotScored
  }
}

/**
 * The unrounded z at a fractional age in months, with L, M and S interpolated between the whole
 * months as anthroplus does (NaN without rows). Allocation-free.
 *
 * @since 0.1.0
 * @category calculations
 */
export const zAtMonths = (ref: Reference, sexCode: number, ageMonths: number, y: number, restricted: boolean): number => {
  const low = Math.trunc(ageMonths)
  const r = low - ref.first
  if (!(r >= 0 && r < ref.rows)) return Number.NaN
  const lms = ref.lms
  const base = (sexCode - 1) * ref.rows
  const o = (base + r) * 3
  let l = lms[o]!
  let m = lms[o + 1]!
  let s = lms[o + 2]!
  const diff = ageMonths - low
  if (diff > 0) {
    const ru = Math.trunc(ageMonths + 1) - ref.first
    if (!(ru >= 0 && ru < ref.rows)) return Number.NaN
    const u = (base + ru) * 3
    m = m + diff * (lms[u + 1]! - m)
    l = l + diff * (lms[u]! - l)
    s = s + diff * (lms[u + 2]! - s)
  }
  return restricted ? zRestricted(y, l, m, s) : zPlain(y, l, m, s)
}

/**
 * The L, M and S at a fractional age in months, interpolated as anthroplus does (for charts,
 * cut-off values and tests); undefined outside the table.
 *
 * @since 0.1.0
 * @category getters
 */
export const lmsAt = (ref: Reference, sexCode: 1 | 2, ageMonths: number): { readonly l: number; readonly m: number; readonly s: number } | undefined => {
  const low = Math.trunc(ageMonths)
  const r = low - ref.first
  if (!(r >= 0 && r < ref.rows)) return undefined
  const lms = ref.lms
  const base = (sexCode - 1) * ref.rows
  const o = (base + r) * 3
  const diff = ageMonths - low
  if (!(diff > 0)) return { l: lms[o]!, m: lms[o + 1]!, s: lms[o + 2]! }
  const ru = Math.trunc(ageMonths + 1) - ref.first
  if (!(ru >= 0 && ru < ref.rows)) return undefined
  const u = (base + ru) * 3
  return { l: lms[o]! + diff * (lms[u]! - lms[o]!), m: lms[o + 1]! + diff * (lms[u + 1]! - lms[o + 1]!), s: lms[o + 2]! + diff * (lms[u + 2]! - lms[o + 2]!) }
}

/** the z at rows `o` (low) and `u` (high) of `lms`, interpolated with weight `diff` */
const zBetween = (lms: Float64Array, o: number, u: number, diff: number, y: number, restricted: boolean): number => {
  let l = lms[o]!
  let m = lms[o + 1]!
  let s = lms[o + 2]!
  if (diff > 0) {
    m = m + diff * (lms[u + 1]! - m)
    l = l + diff * (lms[u]! - l)
    s = s + diff * (lms[u + 2]! - s)
  }
  return restricted ? zRestricted(y, l, m, s) : zPlain(y, l, m, s)
}

type Fail = ValidationError | HealthError

const measurement = (kind: MeasurementKind, value: number | undefined, path: Path): Result.Result<number | undefined, InvalidMeasurementError> => {
  if (value === undefined) return Result.succeed(undefined)
  const problem = problemOf(kind, value)
  return problem === undefined ? Result.succeed(value) : Result.fail(InvalidMeasurementError.create(problem, path, value))
}

const checkAge = (ageMonths: number, until: number, what: string): Result.Result<number, Fail> => {
  if (typeof ageMonths !== "number") {
    return Result.fail(ValidationError.at(["ageMonths"], { zh: "缺少年龄（ageMonths）", en: "the age is missing (ageMonths)" }, "health.age.missing"))
  }
  if (!Number.isFinite(ageMonths)) return Result.fail(InvalidMeasurementError.create("notFinite", ["ageMonths"], ageMonths))
  const from = fromMonths()
  if (ageMonths >= from && ageMonths < until) return Result.succeed(ageMonths)
  return Result.fail(OutsideReferenceError.create({
    reference: what,
    dimension: "age",
    unit: "months",
    value: ageMonths,
    min: from,
    max: until,
    maxExclusive: true,
    path: ["ageMonths"]
  }))
}

const sexCodeOf = (sex: unknown): Result.Result<1 | 2, UnknownSexError> => {
  const code = whoCode(sex)
  return code === 0 ? Result.fail(UnknownSexError.create(sex, ["sex"])) : Result.succeed(code)
}

/**
 * Scores height-, weight- and BMI-for-age of a child of 5–19 years, as `anthroplus_zscores`
 * does. Weight-for-age is not scored from 121 months (`ageOutsideReference`).
 *
 * @since 0.1.0
 * @category calculations
 */
export const zScores = (child: Child, options: Options = {}): Result.Result<Assessment, Fail> => {
  const rules = options.rules ?? whoGrowth
  const sexR = sexCodeOf(child.sex)
  if (Result.isFailure(sexR)) return Result.fail(sexR.failure)
  const sexCode = sexR.success
  const ageR = checkAge(child.ageMonths, heightBmiUntilMonths(), referenceName)
  if (Result.isFailure(ageR)) return Result.fail(ageR.failure)
  const age = ageR.success
  const h = measurement("lengthHeight", child.heightCm, ["heightCm"])
  if (Result.isFailure(h)) return Result.fail(h.failure)
  const w = measurement("weight", child.weightKg, ["weightKg"])
  if (Result.isFailure(w)) return Result.fail(w.failure)
  const height = h.success
  const weight = w.success
  const oedema = child.oedema === true
  const bmi = height !== undefined && weight !== undefined ? weight / ((height / 100) * (height / 100)) : undefined
  const { precision, flags } = rules
  const hfa = tables.hfawho2007()
  const wfa = tables.wfawho2007()
  const bfa = tables.bfawho2007()
  const heightForAge: ZScore | NotScored = height === undefined
    ? { indicator: "heightForAge5to19", reason: "notMeasured" }
    : score("heightForAge5to19", zAtMonths(hfa, sexCode, age, height, false), height, hfa.table.name, precision, flags.heightForAge5to19)
  const weightForAge: ZScore | NotScored = weight === undefined
    ? { indicator: "weightForAge5to19", reason: "notMeasured" }
    : oedema
    ? { indicator: "weightForAge5to19", reason: "oedema" }
    : !(age < wfa.last)
    ? { indicator: "weightForAge5to19", reason: "ageOutsideReference" }
    : score("weightForAge5to19", zAtMonths(wfa, sexCode, age, weight, true), weight, wfa.table.name, precision, flags.weightForAge5to19)
  const bmiForAge: ZScore | NotScored = bmi === undefined
    ? { indicator: "bmiForAge5to19", reason: "notMeasured" }
    : oedema
    ? { indicator: "bmiForAge5to19", reason: "oedema" }
    : score("bmiForAge5to19", zAtMonths(bfa, sexCode, age, bmi, true), bmi, bfa.table.name, precision, flags.bmiForAge5to19)
  return Result.succeed({ sex: sexCode === 1 ? "M" : "F", ageMonths: age, bmi, scores: { heightForAge, weightForAge, bmiForAge } })
}

const one = <F extends string>(
  indicator: Indicator,
  ref: () => Reference,
  until: () => number,
  restricted: boolean,
  kind: MeasurementKind,
  field: F,
  limits: (rules: GrowthRules) => GrowthRules["flags"]["heightForAge5to19"]
) =>
(input: { readonly sex: unknown; readonly ageMonths: number } & { readonly [K in F]: number }, options: Options = {}): Result.Result<ZScore, Fail> => {
  const rules = options.rules ?? whoGrowth
  const sexR = sexCodeOf(input.sex)
  if (Result.isFailure(sexR)) return Result.fail(sexR.failure)
  const r = ref()
  const ageR = checkAge(input.ageMonths, until(), `${referenceName}, ${r.table.indicator}`)
  if (Result.isFailure(ageR)) return Result.fail(ageR.failure)
  const raw: unknown = input[field]
  if (typeof raw !== "number") {
    return Result.fail(ValidationError.at([field], { zh: `缺少 ${field}`, en: `${field} is missing` }, "health.measurement.missing"))
  }
  const value = measurement(kind, raw, [field])
  if (Result.isFailure(value)) return Result.fail(value.failure)
  return Result.succeed(score(indicator, zAtMonths(r, sexR.success, ageR.success, raw, restricted), raw, r.table.name, rules.precision, limits(rules)))
}

/**
 * Height-for-age, 60 ≤ age < 229 months.
 *
 * @since 0.1.0
 * @category calculations
 */
export const heightForAge: (input: { readonly sex: unknown; readonly ageMonths: number; readonly heightCm: number }, options?: Options) => Result.Result<ZScore, Fail> =
  one("heightForAge5to19", tables.hfawho2007, heightBmiUntilMonths, false, "lengthHeight", "heightCm", (r) => r.flags.heightForAge5to19)

/**
 * Weight-for-age, 60 ≤ age < 121 months.
 *
 * @since 0.1.0
 * @category calculations
 */
export const weightForAge: (input: { readonly sex: unknown; readonly ageMonths: number; readonly weightKg: number }, options?: Options) => Result.Result<ZScore, Fail> =
  one("weightForAge5to19", tables.wfawho2007, weightUntilMonths, true, "weight", "weightKg", (r) => r.flags.weightForAge5to19)

/**
 * BMI-for-age, 60 ≤ age < 229 months, from a BMI (kg/m²).
 *
 * @since 0.1.0
 * @category calculations
 */
export const bmiForAge: (input: { readonly sex: unknown; readonly ageMonths: number; readonly bmi: number }, options?: Options) => Result.Result<ZScore, Fail> =
  one("bmiForAge5to19", tables.bfawho2007, heightBmiUntilMonths, true, "bmi", "bmi", (r) => r.flags.bmiForAge5to19)

// ── batch ────────────────────────────────────────────────────────────────────────────────────────

/**
 * Columns of children for {@link batch}: `sex` as WHO codes (1 male, 2 female), `ageMonths`
 * exact, `heightCm` and `weightKg` (NaN where not measured), `oedema` 1 for oedema.
 *
 * @since 0.1.0
 * @category models
 */
export interface Columns {
  readonly sex: ArrayLike<number>
  readonly ageMonths: ArrayLike<number>
  readonly heightCm?: ArrayLike<number>
  readonly weightKg?: ArrayLike<number>
  readonly oedema?: ArrayLike<number>
}

/**
 * Columns from an array of records (children as objects, sex in any accepted code, measurements
 * possibly absent), for {@link batch}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const columnsOf = (records: ReadonlyArray<Child>): Columns => {
  const n = records.length
  const sex = new Uint8Array(n)
  const ageMonths = new Float64Array(n)
  const heightCm = new Float64Array(n)
  const weightKg = new Float64Array(n)
  const oedema = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const r = records[i]!
    sex[i] = whoCode(r.sex)
    ageMonths[i] = r.ageMonths
    heightCm[i] = r.heightCm ?? Number.NaN
    weightKg[i] = r.weightKg ?? Number.NaN
    oedema[i] = r.oedema === true ? 1 : 0
  }
  return { sex, ageMonths, heightCm, weightKg, oedema }
}

/**
 * Output buffers for {@link batch}, to reuse across calls (a district scoring school after
 * school): each `Float64Array`/`Uint8Array` at least as long as the input.
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchResult {
  readonly rows: number
  readonly heightForAge?: Column
  readonly weightForAge?: Column
  readonly bmiForAge?: Column
}

/**
 * Options of {@link batch}: the rules, unrounded output, and buffers to write into.
 *
 * @since 0.1.0
 * @category models
 */
export interface BatchOptions extends Options {
  readonly unrounded?: boolean
  readonly into?: { readonly heightForAge?: Column; readonly weightForAge?: Column; readonly bmiForAge?: Column }
}

const columnFor = (n: number, given: Column | undefined): Column =>
  given !== undefined && given.z.length >= n && given.status.length >= n ? given : { z: new Float64Array(n), status: new Uint8Array(n) }

/** what the batch's row loop needs */
interface Work {
  readonly n: number
  readonly sex: ArrayLike<number>
  readonly ageMonths: ArrayLike<number>
  readonly heightCm: ArrayLike<number> | undefined
  readonly weightKg: ArrayLike<number> | undefined
  readonly oedema: ArrayLike<number> | undefined
  readonly hz: Float64Array | undefined
  readonly hs: Uint8Array | undefined
  readonly wz: Float64Array | undefined
  readonly ws: Uint8Array | undefined
  readonly bz: Float64Array | undefined
  readonly bs: Uint8Array | undefined
  readonly hRef: Reference
  readonly wRef: Reference
  readonly bRef: Reference
  readonly precision: number
  readonly unrounded: boolean
  readonly fh: FlagLimits
  readonly fw: FlagLimits
  readonly fb: FlagLimits
}

/**
 * The batch's row loop, in a function of its own: V8 optimises it once and keeps the optimised
 * code across calls (inside the batch function, the code after the loop would throw it away).
 */
const fill = (work: Work): void => {
  const { n, sex, ageMonths, heightCm, weightKg, oedema, hz, hs, wz, ws, bz, bs, hRef, wRef, bRef, precision, unrounded, fh, fw, fb } = work
  const from = hRef.first
  const until = hRef.last
  const weightUntil = wRef.last
  const hRows = hRef.rows
  const wRows = wRef.rows
  const bRows = bRef.rows
  const hLms = hRef.lms
  const wLms = wRef.lms
  const bLms = bRef.lms
  for (let i = 0; i < n; i++) {
    const sx = sex[i]
    const sexCode = sx === 1 ? 1 : sx === 2 ? 2 : 0
    const age = ageMonths[i]!
    const h = heightCm === undefined ? Number.NaN : heightCm[i]!
    const w = weightKg === undefined ? Number.NaN : weightKg[i]!
    // the status that applies to every indicator of the row, or scored (0)
    const rowStatus = sexCode === 0
      ? Status.unknownSex
      : Number.isNaN(age)
      ? Status.missing
      : !(age >= from && age < until)
      ? Status.ageOutsideReference
      : Status.scored
    // the rows of the age, shared by the three tables (all start at 60 months): low, high, weight
    const low = Math.trunc(age)
    const r = low - from
    const ru = Math.trunc(age + 1) - from
    const diff = age - low
    // not a valid measurement (true for NaN too: every use checks for a missing value as well)
    const hBad = !(h > 0 && h >= metresBelowCm && h <= heightMillimetresAboveCm)
    const wBad = !(w > 0 && w < gramsFromKg)
    const isOedema = oedema !== undefined && oedema[i] === 1
    if (hz !== undefined && hs !== undefined) {
      const st = rowStatus !== Status.scored ? rowStatus : Number.isNaN(h) ? Status.missing : hBad ? Status.invalidMeasurement : Status.scored
      if (st === Status.scored) {
        const base = (sexCode - 1) * hRows
        const zu = zBetween(hLms, (base + r) * 3, (base + ru) * 3, diff, h, false)
        const z = roundR(zu, precision)
        hz[i] = unrounded ? zu : z
        hs[i] = z < fh.below || z > fh.above ? Status.flagged : Status.scored
      } else {
        hz[i] = Number.NaN
        hs[i] = st
      }
    }
    if (wz !== undefined && ws !== undefined) {
      const st = rowStatus !== Status.scored
        ? rowStatus
        : Number.isNaN(w)
        ? Status.missing
        : wBad
        ? Status.invalidMeasurement
        : isOedema
        ? Status.oedema
        : !(age < weightUntil)
        ? Status.ageOutsideReference
        : Status.scored
      if (st === Status.scored) {
        const base = (sexCode - 1) * wRows
        const zu = zBetween(wLms, (base + r) * 3, (base + ru) * 3, diff, w, true)
        const z = roundR(zu, precision)
        wz[i] = unrounded ? zu : z
        ws[i] = z < fw.below || z > fw.above ? Status.flagged : Status.scored
      } else {
        wz[i] = Number.NaN
        ws[i] = st
      }
    }
    if (bz !== undefined && bs !== undefined) {
      const st = rowStatus !== Status.scored
        ? rowStatus
        : (wBad && !Number.isNaN(w)) || (hBad && !Number.isNaN(h))
        ? Status.invalidMeasurement
        : Number.isNaN(w) || Number.isNaN(h)
        ? Status.missing
        : isOedema
        ? Status.oedema
        : Status.scored
      if (st === Status.scored) {
        const m = h / 100
        const base = (sexCode - 1) * bRows
        const zu = zBetween(bLms, (base + r) * 3, (base + ru) * 3, diff, w / (m * m), true)
        const z = roundR(zu, precision)
        bz[i] = unrounded ? zu : z
        bs[i] = z < fb.below || z > fb.above ? Status.flagged : Status.scored
      } else {
        bz[i] = Number.NaN
        bs[i] = st
      }
    }
  }
}

/**
 * Scores height-, weight- and BMI-for-age over columns, with the rules of {@link zScores};
 * nothing is allocated per row (pass `into` to allocate nothing at all). Rows that cannot be
 * scored get NaN and a status saying why.
 *
 * @since 0.1.0
 * @category calculations
 */
export const batch = (columns: Columns, options: BatchOptions = {}): Result.Result<BatchResult, ValidationError> => {
  const lengthR = columnLength(columns as unknown as Readonly<Record<string, ArrayLike<number> | undefined>>)
  if (Result.isFailure(lengthR)) return Result.fail(lengthR.failure)
  const n = lengthR.success
  const rules = options.rules ?? whoGrowth
  const unrounded = options.unrounded === true
  const { precision } = rules
  const fh = rules.flags.heightForAge5to19
  const fw = rules.flags.weightForAge5to19
  const fb = rules.flags.bmiForAge5to19
  const { sex, ageMonths, heightCm, weightKg, oedema } = columns
  const hfa = heightCm === undefined ? undefined : columnFor(n, options.into?.heightForAge)
  const wfa = weightKg === undefined ? undefined : columnFor(n, options.into?.weightForAge)
  const bfa = heightCm === undefined || weightKg === undefined ? undefined : columnFor(n, options.into?.bmiForAge)
  const hRef = tables.hfawho2007()
  const wRef = tables.wfawho2007()
  const bRef = tables.bfawho2007()
  if (wRef.first !== hRef.first || bRef.first !== hRef.first) {
    return Result.fail(ValidationError.at([], { zh: "WHO 2007 各表起始月龄不一致", en: "the WHO 2007 tables do not start at the same month" }, "health.reference.inconsistent"))
  }
  const hz = hfa?.z
  const hs = hfa?.status
  const wz = wfa?.z
  const ws = wfa?.status
  const bz = bfa?.z
  const bs = bfa?.status
  fill({ n, sex, ageMonths, heightCm, weightKg, oedema, hz, hs, wz, ws, bz, bs, hRef, wRef, bRef, precision, unrounded, fh, fw, fb })
  return Result.succeed({
    rows: n,
    ...(hfa === undefined ? {} : { heightForAge: hfa }),
    ...(wfa === undefined ? {} : { weightForAge: wfa }),
    ...(bfa === undefined ? {} : { bmiForAge: bfa })
  })
}
