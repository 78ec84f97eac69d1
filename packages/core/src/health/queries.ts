/**
 * The health module's queries (effects that read and write nothing): `sessionSummary`
 * (prevalences with intervals, and the publication form), `measurements`, `checksOn`, `outbreaks`
 * and `outbreakFindings`, `trajectory`, `screeningList`, `medicationFindings`, and the school's
 * health rules.
 *
 * @since 0.1.0
 */
import { Effect, Option, Result } from "effect"
import type { RulePackError } from "../kernel/Errors.ts"
import type { ValidationError } from "../kernel/Errors.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import * as LD from "../kernel/LocalDate.ts"
import * as Time from "../kernel/Time.ts"
import { Rules, sectionOf } from "../packs/RulePack.ts"
import {
  DailyCheckRepository,
  MeasurementRepository,
  MedicationLogRepository,
  ScreeningSessionRepository
} from "../ports/health.ts"
import { OrganisationRepository, StudentRepository } from "../ports/people.ts"
import { namesFrom, schoolOf, zoneOf } from "../ports/School.ts"
import type { HealthError } from "./errors.ts"
import * as Medication from "./medication.ts"
import type { Measurement } from "./model.ts"
import * as Outbreak from "./outbreak.ts"
import type { HealthRules } from "./rules.ts"
import { part } from "./rules.ts"
import * as Screening from "./screening.ts"
import * as Summary from "./summary.ts"
import * as Trajectory from "./trajectory.ts"
import type * as Vision from "./vision.ts"

/**
 * The health section of the school's rule pack.
 *
 * @since 0.1.0
 * @category services
 */
export const healthRules = (schoolId: string, on?: LocalDate): Effect.Effect<HealthRules, RulePackError, Rules> =>
  Effect.gen(function*() {
    const pack = yield* Rules.use((r) => r.forSchool(schoolId, on))
    return yield* Effect.fromResult(sectionOf(pack, "health"))
  })


/**
 * The outcomes a summary counts, per child: each screening category and, where the standard that
 * answered grades it, each grade — mild and moderate-to-severe wasting (轻度 / 中重度消瘦, WS/T 456),
 * severe wasting or thinness and severe stunting (below −3 SD, WHO), mild, moderate and severe
 * reduced vision (the worse eye's school-age grade). A grade that the child's standard does not
 * have is not assessed (`undefined`), so its prevalence is among the children it applies to;
 * preschool children's reduced vision ("low for the age") is not graded. Where the pack answered
 * with WS/T, a child of 5–19 also has WHO 2007's classification beside it (`whoThinness`,
 * `whoSevereThinness`, `whoOverweight`, `whoObesity`, `whoStunting`); under the `who` pack those
 * are the main outcomes already and are not repeated.
 *
 * @since 0.1.0
 * @category models
 */
export const outcomesOf = (s: Screening.Screening, vision: Vision.Screening | undefined): Record<string, boolean | undefined> => {
  const ow = Screening.isAssessed(s.overweight) ? s.overweight.status : undefined
  const st = Screening.isAssessed(s.stunting) ? s.stunting : undefined
  const wa = Screening.isAssessed(s.wasting) ? s.wasting : undefined
  const who = (standard: Screening.Standard) => standard === "WHO 2006" || standard === "WHO 2007"
  const wst = wa !== undefined && wa.standard === "WS/T 456-2014" ? wa.status : undefined
  const whoWasting = wa !== undefined && who(wa.standard) ? wa.status : undefined
  const whoStunting = st !== undefined && who(st.standard) ? st.status : undefined
  const vg = vision === undefined || vision.preschool ? undefined : vision.grade
  const is = <A>(value: A | undefined, test: (a: A) => boolean): boolean | undefined => (value === undefined ? undefined : test(value))
  const beside = s.who2007 !== undefined && (s.overweight.standard !== "WHO 2007" || s.stunting.standard !== "WHO 2007") ? s.who2007 : undefined
  const w7 = beside !== undefined && Screening.isAssessed(beside.weightStatus) ? beside.weightStatus.status : undefined
  const st7 = beside !== undefined && Screening.isAssessed(beside.stunting) ? beside.stunting.status : undefined
  return {
    ...(beside === undefined ? {} : {
      whoThinness: is(w7, (o) => o === "thinness" || o === "severeThinness"),
      whoSevereThinness: is(w7, (o) => o === "severeThinness"),
      whoOverweight: is(w7, (o) => o === "overweight"),
      whoObesity: is(w7, (o) => o === "obesity"),
      whoStunting: is(st7, (o) => o !== "none")
    }),
    overweight: is(ow, (o) => o === "overweight"),
    obesity: is(ow, (o) => o === "obesity"),
    overweightOrObesity: is(ow, (o) => o !== "normal"),
    stunting: is(st, (o) => o.status !== "none"),
    severeStunting: is(whoStunting, (o) => o === "severelyStunted"),
    wasting: is(wa, (o) => o.status !== "none"),
    mildWasting: is(wst, (o) => o === "mild"),
    moderateSevereWasting: is(wst, (o) => o === "moderateSevere"),
    severeWasting: is(whoWasting, (o) => o === "severeWasting" || o === "severeThinness"),
    reducedVision: vision?.reducedVision,
    reducedVisionMild: is(vg, (g) => g === "mild"),
    reducedVisionModerate: is(vg, (g) => g === "moderate"),
    reducedVisionSevere: is(vg, (g) => g === "severe"),
    screeningMyopia: vision?.screeningMyopia
  }
}

/**
 * The summary rows of a session's measurements (one per measurement), screened under the rules.
 *
 * @since 0.1.0
 * @category queries
 */
export const summaryRows = (
  measurements: ReadonlyArray<Measurement>,
  rules: HealthRules,
  gradeOf: (classId: string) => string | undefined
): Result.Result<ReadonlyArray<Summary.Row>, HealthError | ValidationError> => {
  const rows: Array<Summary.Row> = []
  for (const m of measurements) {
    const p = Trajectory.point({ sex: m.sex, birthDate: m.birthDate }, m, rules)
    if (Result.isFailure(p)) return Result.fail(p.failure)
    const { screening, vision, z } = p.success
    rows.push({
      studentId: m.studentId,
      classId: m.classId,
      gradeId: gradeOf(m.classId),
      schoolId: m.schoolId,
      sex: m.sex,
      ageYears: Math.floor(screening.ageYears),
      outcomes: outcomesOf(screening, vision),
      zScores: { heightForAge: z.height, weightForAge: z.weight, bmiForAge: z.bmi }
    })
  }
  return Result.succeed(rows)
}

/**
 * A session's summary by class, grade, sex and age, and its publication form with small cells
 * suppressed (when the pack has publication rules).
 *
 * @since 0.1.0
 * @category queries
 */
export const sessionSummary = (schoolId: string, sessionId: string, options: { readonly by?: ReadonlyArray<Summary.Dimension>; readonly cluster?: "class" | "school" } = {}) =>
  Effect.gen(function*() {
    // a session is held to the pack in force on its last day
    const session = yield* ScreeningSessionRepository.use((r) => r.get(schoolId, sessionId))
    const rules = yield* healthRules(schoolId, session.endsOn)
    const measurements = yield* MeasurementRepository.use((r) => r.list(schoolId, { where: { sessionId } }))
    const org = yield* OrganisationRepository.use((r) => r.find(schoolId, schoolId))
    const grades = new Map(Option.isSome(org) ? org.value.classes.map((c) => [c.id as string, c.gradeId as string]) : [])
    const rows = yield* Effect.fromResult(summaryRows(measurements, rules, (c) => grades.get(c)))
    const level = rules.publication?.confidenceLevel ?? 0.95
    const summary = Summary.summarise(rows, { ...options, level })
    return { summary, published: rules.publication === undefined ? undefined : Summary.publish(summary, rules.publication) }
  })

/**
 * Measurements of a school, optionally of one session, student or class, by date.
 *
 * @since 0.1.0
 * @category queries
 */
export const measurements = (schoolId: string, where: { readonly sessionId?: string; readonly studentId?: string; readonly classId?: string } = {}) =>
  MeasurementRepository.use((r) => r.list(schoolId, { where: { ...where }, orderBy: "measuredOn" }))

/**
 * The daily checks of a local date (`YYYY-MM-DD`), optionally of one class, by check time.
 *
 * @since 0.1.0
 * @category queries
 */
export const checksOn = (schoolId: string, date: string, classId?: string) =>
  Effect.flatMap(Effect.fromResult(LD.make(date, ["date"])), (d) =>
    DailyCheckRepository.use((r) => r.list(schoolId, { where: { date: d, ...(classId === undefined ? {} : { classId }) }, orderBy: "checkedAt" })))

/** how far back the checks of a query may go, in days before its first date: about three years */
const outbreakHistoryDays = 1100

/**
 * The outbreak clusters the daily checks trigger between two local dates (both included): a
 * cluster belongs to the day of the case that triggered it, in the school's zone. The cases before
 * the first date count as they would in a query from the start — 2 + 1 cases on the two days before
 * and 2 on the day make that day's S2 cluster; a child reported for a disease last week is not
 * reported again; a cluster triggered before the first date, still growing, is not returned again —
 * so the checks are read from a window's length before the first date, and further back while a
 * cluster reaches the start of what was read (at most about three years).
 *
 * @since 0.1.0
 * @category queries
 */
export const outbreaks = (schoolId: string, fromDate: string, toDate: string) =>
  Effect.gen(function*() {
    const from = yield* Effect.fromResult(LD.make(fromDate, ["from"]))
    const to = yield* Effect.fromResult(LD.make(toDate, ["to"]))
    const rules = yield* Effect.fromResult(part(yield* healthRules(schoolId, to), "outbreak"))
    const school = yield* schoolOf(schoolId)
    const options = { zone: school.zone, className: namesFrom(school.organisation).class }
    // the days a case stays relevant to a later one: a rule's window, or a one-case rule's episode
    const reach = Math.max(1, ...Object.values(rules.rules).map((r) => r.minCases <= 1 ? (r.newEpisodeAfterDays ?? 14) + 1 : r.windowDays))
    let lookback = 2 * reach
    for (;;) {
      const start = LD.addDays(from, -lookback)
      const checks = yield* DailyCheckRepository.use((r) =>
        r.list(schoolId, { where: { ill: true }, range: { field: "date", from: start, to: LD.addDays(to, 1) }, orderBy: "date" }))
      const clusters = Outbreak.detect(checks, rules, options)
        .filter((c) => Time.localDate(c.triggeredAt, school.zone) >= from)
      // a cluster (or a child's episode) that begins within reach of the start may continue one from
      // before it, which would have been triggered earlier: read further back
      const edge = LD.addDays(start, reach)
      if (lookback >= outbreakHistoryDays || !clusters.some((c) => c.firstDate < edge)) return clusters
      lookback = Math.min(outbreakHistoryDays, lookback * 4)
    }
  })

/**
 * The outbreak clusters between two local dates as findings (`Outbreak.toFindings`): one per
 * cluster, critical when the rule sets a reporting deadline.
 *
 * @since 0.1.0
 * @category queries
 */
export const outbreakFindings = (schoolId: string, fromDate: string, toDate: string) =>
  Effect.map(outbreaks(schoolId, fromDate, toDate), Outbreak.toFindings)

/**
 * A student's growth trajectory over all their measurements.
 *
 * @since 0.1.0
 * @category queries
 */
export const trajectory = (schoolId: string, studentId: string) =>
  Effect.gen(function*() {
    const rules = yield* healthRules(schoolId)
    const student = yield* StudentRepository.use((r) => r.get(schoolId, studentId))
    const measurements = yield* MeasurementRepository.use((r) => r.list(schoolId, { where: { studentId }, orderBy: "measuredOn" }))
    return yield* Effect.fromResult(Trajectory.trajectory(student, measurements, rules))
  })

/**
 * The screening list of a session: the children whose measurement in the session crossed a
 * threshold for the worse since their measurement before.
 *
 * @since 0.1.0
 * @category queries
 */
export const screeningList = (schoolId: string, sessionId: string) =>
  Effect.gen(function*() {
    const session = yield* ScreeningSessionRepository.use((r) => r.get(schoolId, sessionId))
    const rules = yield* healthRules(schoolId, session.endsOn)
    const inSession = yield* MeasurementRepository.use((r) => r.list(schoolId, { where: { sessionId } }))
    const children = []
    for (const studentId of [...new Set(inSession.map((m) => m.studentId))]) {
      const all = yield* MeasurementRepository.use((r) => r.list(schoolId, { where: { studentId }, range: { field: "measuredOn", to: LD.addDays(session.endsOn, 1) } }))
      const latest = inSession.filter((m) => m.studentId === studentId)
      const own = latest[0]!
      children.push({ studentId, sex: own.sex, birthDate: own.birthDate, measurements: all })
    }
    return yield* Effect.fromResult(Trajectory.screeningList(children, rules))
  })

/**
 * The findings of the school's medication logs that overlap the dates, as of now.
 *
 * @since 0.1.0
 * @category queries
 */
export const medicationFindings = (schoolId: string, fromDate: string, toDate: string) =>
  Effect.gen(function*() {
    const from = yield* Effect.fromResult(LD.make(fromDate, ["from"]))
    const to = yield* Effect.fromResult(LD.make(toDate, ["to"]))
    const rules = yield* Effect.fromResult(part(yield* healthRules(schoolId, to), "medication"))
    const zone = yield* zoneOf(schoolId)
    const asOf = yield* Time.now
    const logs = yield* MedicationLogRepository.use((r) => r.list(schoolId, { range: { field: "from", to: LD.addDays(to, 1) } }))
    const findings: Array<Finding> = []
    for (const log of logs) if (log.to >= from) findings.push(...Medication.check(log, { asOf, zone, rules }))
    return F.sort(findings)
  })
