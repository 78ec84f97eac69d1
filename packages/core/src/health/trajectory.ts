/**
 * Growth trajectories: a child's measurements over terms, screened one by one, with the change in
 * z-scores between consecutive measurements and the thresholds crossed — and the screening list
 * of children whose latest measurement crossed a threshold for the worse since the one before
 * (normal → overweight, not stunted → stunted, a vision grade down …). Each question is compared
 * with the latest earlier measurement that answered it: a growth check after a vision-only one is
 * compared with the last growth check.
 *
 * z-scores are compared across the switch from the 0–5 standards to the 5–19 reference at 60
 * months (WHO built the 2007 reference to join the standards at 5 years); a crossing records the
 * standards on both sides.
 *
 * @since 0.1.0
 */
import { Result } from "effect"
import type { ValidationError } from "../kernel/Errors.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { HealthError, InvalidMeasurementError } from "./errors.ts"
import type { MeasuredValues } from "./model.ts"
import type { HealthRules } from "./rules.ts"
import * as Screening from "./screening.ts"
import * as Vision from "./vision.ts"
import type { NotScored, ZScore } from "./zscore.ts"
import { isScored } from "./zscore.ts"

/**
 * A measurement to place on a trajectory.
 *
 * @since 0.1.0
 * @category models
 */
export type Measured = MeasuredValues & { readonly id: string; readonly measuredOn: LocalDate }

/**
 * The z-scores of a point, whichever WHO reference the age falls in (rounded; undefined when not
 * scored or flagged as implausible).
 *
 * @since 0.1.0
 * @category models
 */
export interface PointZ {
  readonly height: number | undefined
  readonly weight: number | undefined
  readonly bmi: number | undefined
}

/**
 * One screened measurement.
 *
 * @since 0.1.0
 * @category models
 */
export interface Point {
  readonly measurementId: string
  readonly measuredOn: LocalDate
  readonly heightCm: number | undefined
  readonly weightKg: number | undefined
  readonly screening: Screening.Screening
  readonly vision: Vision.Screening | undefined
  readonly z: PointZ
}

/**
 * A screening question whose answer can change.
 *
 * @since 0.1.0
 * @category models
 */
export type Question = "overweight" | "stunting" | "wasting" | "vision"

/**
 * A threshold crossed between two measurements: `since` is the date of the earlier one — the
 * latest before that answered the question.
 *
 * @since 0.1.0
 * @category models
 */
export interface Crossing {
  readonly question: Question
  readonly since: LocalDate
  readonly from: string
  readonly to: string
  readonly fromStandard: string | null
  readonly toStandard: string | null
  readonly direction: "worse" | "better"
}

/**
 * The change between two consecutive measurements.
 *
 * @since 0.1.0
 * @category models
 */
export interface Change {
  readonly from: Point
  readonly to: Point
  readonly days: number
  readonly zChange: PointZ
  readonly heightGainCm: number | undefined
  readonly weightGainKg: number | undefined
  readonly crossings: ReadonlyArray<Crossing>
}

const severity: Readonly<Record<string, number>> = {
  // overweight
  normal: 0,
  overweight: 1,
  obesity: 2,
  // stunting and wasting (every standard's terms)
  none: 0,
  stunted: 1,
  severelyStunted: 2,
  mild: 1,
  thinness: 1,
  wasting: 1,
  moderateSevere: 2,
  severeThinness: 2,
  severeWasting: 2
}

const visionSeverity: Readonly<Record<Vision.Grade, number>> = { normal: 0, mild: 1, moderate: 2, severe: 3 }

const pick = (score: ZScore | NotScored): number | undefined => (isScored(score) && !score.flagged ? score.z : undefined)

const zOf = (s: Screening.Screening): PointZ => {
  if (s.who === undefined) return { height: undefined, weight: undefined, bmi: undefined }
  if (s.who.reference === "0to5") {
    const sc = s.who.assessment.scores
    return { height: pick(sc.lengthHeightForAge), weight: pick(sc.weightForAge), bmi: pick(sc.bmiForAge) }
  }
  const sc = s.who.assessment.scores
  return { height: pick(sc.heightForAge), weight: pick(sc.weightForAge), bmi: pick(sc.bmiForAge) }
}

const diff = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined ? undefined : b - a)

type GrowthQuestion = "overweight" | "stunting" | "wasting"

/** the latest of the earlier points that answered the question */
const lastAnswering = (earlier: ReadonlyArray<Point>, answers: (p: Point) => boolean): Point | undefined => {
  for (let i = earlier.length - 1; i >= 0; i--) if (answers(earlier[i]!)) return earlier[i]
  return undefined
}

const growthCrossing = (question: GrowthQuestion, earlier: ReadonlyArray<Point>, to: Point): Crossing | undefined => {
  const b = to.screening[question]
  if (!Screening.isAssessed(b)) return undefined
  const from = lastAnswering(earlier, (p) => Screening.isAssessed(p.screening[question]))
  if (from === undefined) return undefined
  const a = from.screening[question]
  if (!Screening.isAssessed(a)) return undefined
  const ra = severity[a.status] ?? 0
  const rb = severity[b.status] ?? 0
  if (ra === rb) return undefined
  return { question, since: from.measuredOn, from: a.status, to: b.status, fromStandard: a.standard, toStandard: b.standard, direction: rb > ra ? "worse" : "better" }
}

const schoolVision = (p: Point): Vision.Screening | undefined => (p.vision !== undefined && !p.vision.preschool ? p.vision : undefined)

/**
 * Screens a point.
 *
 * @since 0.1.0
 * @category calculations
 */
export const point = (
  child: { readonly sex: unknown; readonly birthDate: LocalDate },
  m: Measured,
  rules: HealthRules
): Result.Result<Point, HealthError | ValidationError> => {
  const s = Screening.screen({
    sex: child.sex,
    birthDate: child.birthDate,
    measuredOn: m.measuredOn,
    ...(m.heightCm === undefined ? {} : { heightCm: m.heightCm }),
    ...(m.weightKg === undefined ? {} : { weightKg: m.weightKg }),
    ...(m.measured === undefined ? {} : { measured: m.measured }),
    ...(m.oedema === undefined ? {} : { oedema: m.oedema })
  }, rules)
  if (Result.isFailure(s)) return Result.fail(s.failure)
  let vision: Vision.Screening | undefined
  if (m.vision !== undefined && rules.vision !== undefined) {
    const v: Result.Result<Vision.Screening, InvalidMeasurementError> = Vision.screen({
      ageYears: s.success.ageYears,
      right: m.vision.right,
      left: m.vision.left,
      orthokeratology: m.vision.correction === "orthokeratology"
    }, rules.vision)
    if (Result.isFailure(v)) return Result.fail(v.failure)
    vision = v.success
  }
  return Result.succeed({
    measurementId: m.id,
    measuredOn: m.measuredOn,
    heightCm: m.heightCm,
    weightKg: m.weightKg,
    screening: s.success,
    vision,
    z: zOf(s.success)
  })
}

/**
 * The change between two points, with the crossings. `earlier` are the points before `to` in date
 * order (default: `from` alone): each question is compared with the latest of them that answered
 * it, so a growth check after a vision-only one is compared with the growth check before.
 *
 * @since 0.1.0
 * @category calculations
 */
export const change = (from: Point, to: Point, earlier: ReadonlyArray<Point> = [from]): Change => {
  const crossings: Array<Crossing> = []
  for (const question of ["overweight", "stunting", "wasting"] as const) {
    const c = growthCrossing(question, earlier, to)
    if (c !== undefined) crossings.push(c)
  }
  const now = schoolVision(to)
  const before = lastAnswering(earlier, (p) => schoolVision(p) !== undefined)
  const then = before === undefined ? undefined : schoolVision(before)
  if (now !== undefined && then !== undefined) {
    const ra = visionSeverity[then.grade]
    const rb = visionSeverity[now.grade]
    if (ra !== rb) {
      crossings.push({ question: "vision", since: before!.measuredOn, from: then.grade, to: now.grade, fromStandard: null, toStandard: null, direction: rb > ra ? "worse" : "better" })
    }
  }
  return {
    from,
    to,
    days: LD.daysBetween(from.measuredOn, to.measuredOn),
    zChange: { height: diff(from.z.height, to.z.height), weight: diff(from.z.weight, to.z.weight), bmi: diff(from.z.bmi, to.z.bmi) },
    heightGainCm: diff(from.heightCm, to.heightCm),
    weightGainKg: diff(from.weightKg, to.weightKg),
    crossings
  }
}

/**
 * A child's trajectory: the measurements in date order, screened, and the changes between them.
 *
 * @since 0.1.0
 * @category calculations
 */
export const trajectory = (
  child: { readonly sex: unknown; readonly birthDate: LocalDate },
  measurements: ReadonlyArray<Measured>,
  rules: HealthRules
): Result.Result<{ readonly points: ReadonlyArray<Point>; readonly changes: ReadonlyArray<Change> }, HealthError | ValidationError> => {
  const sorted = [...measurements].sort((a, b) => (a.measuredOn < b.measuredOn ? -1 : a.measuredOn > b.measuredOn ? 1 : a.id < b.id ? -1 : 1))
  const points: Array<Point> = []
  for (const m of sorted) {
    const p = point(child, m, rules)
    if (Result.isFailure(p)) return Result.fail(p.failure)
    points.push(p.success)
  }
  const changes: Array<Change> = []
  for (let i = 1; i < points.length; i++) changes.push(change(points[i - 1]!, points[i]!, points.slice(0, i)))
  return Result.succeed({ points, changes })
}

/**
 * One entry of the screening list.
 *
 * @since 0.1.0
 * @category models
 */
export interface ListEntry {
  readonly studentId: string
  readonly change: Change
  readonly worse: ReadonlyArray<Crossing>
}

/**
 * The children whose latest measurement crossed a threshold for the worse since the one before,
 * ordered by student id. Children with fewer than two measurements are not listed.
 *
 * @since 0.1.0
 * @category calculations
 */
export const screeningList = (
  children: ReadonlyArray<{ readonly studentId: string; readonly sex: unknown; readonly birthDate: LocalDate; readonly measurements: ReadonlyArray<Measured> }>,
  rules: HealthRules
): Result.Result<ReadonlyArray<ListEntry>, HealthError | ValidationError> => {
  const out: Array<ListEntry> = []
  for (const child of [...children].sort((a, b) => (a.studentId < b.studentId ? -1 : a.studentId > b.studentId ? 1 : 0))) {
    const t = trajectory(child, child.measurements, rules)
    if (Result.isFailure(t)) return Result.fail(t.failure)
    const last = t.success.changes[t.success.changes.length - 1]
    if (last === undefined) continue
    const worse = last.crossings.filter((c) => c.direction === "worse")
    if (worse.length > 0) out.push({ studentId: child.studentId, change: last, worse })
  }
  return Result.succeed(out)
}
