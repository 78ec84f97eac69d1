/**
 * The health module's commands (each validates its input, writes through one unit of work and
 * appends one audit entry):
 *
 * - `openScreeningSession`, `closeScreeningSession`;
 * - `recordMeasurements` (a bulk write: a class's heights, weights and vision; every value is
 *   checked — a height in metres or a weight in grams is refused with the row's path — and nothing
 *   is written unless every row is valid), `correctMeasurement`;
 * - `recordChecks` (a class's morning or noon check, each judged under the rule pack: fever and
 *   required actions are stored with the record);
 * - `createMedicationLog`, `recordDose`, `cancelMedicationLog`.
 *
 * The queries are in `queries.ts` (`Health.Queries`).
 *
 * @since 0.1.0
 */
import { Effect, Option, Result, Schema } from "effect"
import { NotFoundError, ValidationError } from "../kernel/Errors.ts"
import { LocalDateSchema } from "../kernel/LocalDate.ts"
import type { Student } from "../kernel/People.ts"
import { ClassId, StaffId, StudentId } from "../kernel/People.ts"
import * as Time from "../kernel/Time.ts"
import { InstantSchema } from "../kernel/Time.ts"
import * as Command from "../ports/Command.ts"
import {
  DailyCheckRepository,
  MeasurementRepository,
  MedicationLogRepository,
  ScreeningSessionRepository
} from "../ports/health.ts"
import { OrganisationRepository, StudentRepository } from "../ports/people.ts"
import { referenceChecks, schoolOf, zoneOf } from "../ports/School.ts"
import * as Age from "./age.ts"
import * as DailyChecks from "./dailyCheck.ts"
import type { HealthError } from "./errors.ts"
import { SessionClosedError } from "./errors.ts"
import * as Medication from "./medication.ts"
import type { DailyCheck, Measurement, MedicationLog, ScreeningSession } from "./model.ts"
import {
  CheckObservation,
  DailyCheckId,
  Dose,
  DoseGiven,
  LocalTime,
  MeasuredValues,
  MeasurementId,
  MedicationLogId,
  ScreeningSessionId,
  SessionKind
} from "./model.ts"
import { check } from "./plausibility.ts"
import { part } from "./rules.ts"
import * as Vision from "./vision.ts"
import { healthRules } from "./queries.ts"

// ── helpers ──────────────────────────────────────────────────────────────────────────────────────

const staff = (actor: string): Effect.Effect<StaffId, ValidationError> =>
  Effect.mapError(
    Schema.decodeUnknownEffect(StaffId)(actor),
    () => ValidationError.at(["actor"], { zh: "操作人须为教职工编号", en: "the actor must be a staff id" }, "health.actor.notStaff")
  )

const studentOf = (schoolId: string, studentId: string, path: ReadonlyArray<string | number>) =>
  Effect.flatMap(StudentRepository.use((r) => r.find(schoolId, studentId)), (o) =>
    Option.isSome(o) ? Effect.succeed(o.value) : Effect.fail(NotFoundError.create("kernel.student", schoolId, studentId, path)))

const duplicates = (ids: ReadonlyArray<string>, field: string): ValidationError | undefined => {
  const seen = new Set<string>()
  for (let i = 0; i < ids.length; i++) {
    if (seen.has(ids[i]!)) return ValidationError.at([field, i, "id"], { zh: `编号重复：${ids[i]}`, en: `duplicate id ${ids[i]}` }, "health.duplicateId")
    seen.add(ids[i]!)
  }
  return undefined
}

/** checks every measured value: positive, finite, in the right unit, a chart line for acuity */
const checkValues = (v: Schema.Schema.Type<typeof MeasuredValues>, path: ReadonlyArray<string | number>): Result.Result<void, HealthError> => {
  const numeric = [
    ["heightCm", "lengthHeight"],
    ["weightKg", "weight"],
    ["headCircumferenceCm", "circumference"],
    ["armCircumferenceCm", "circumference"],
    ["tricepsSkinfoldMm", "skinfold"],
    ["subscapularSkinfoldMm", "skinfold"]
  ] as const
  for (const [field, kind] of numeric) {
    const value = v[field]
    if (value === undefined) continue
    const r = check(kind, value, [...path, field])
    if (Result.isFailure(r)) return Result.fail(r.failure)
  }
  if (v.vision !== undefined) {
    for (const side of ["right", "left"] as const) {
      const r = Vision.fivePoint(v.vision[side].ucva, [...path, "vision", side, "ucva"])
      if (Result.isFailure(r)) return Result.fail(r.failure)
    }
  }
  return Result.succeed(undefined)
}

// ── screening sessions ───────────────────────────────────────────────────────────────────────────

/**
 * Opens a screening session for some classes over some dates.
 *
 * @since 0.1.0
 * @category commands
 */
export const openScreeningSession = Command.make({
  name: "health.openScreeningSession",
  input: Schema.Struct({
    ...Command.contextFields,
    session: Schema.Struct({
      id: ScreeningSessionId,
      name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(500)),
      kind: SessionKind,
      term: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(500))),
      startsOn: LocalDateSchema,
      endsOn: LocalDateSchema,
      classIds: Schema.Array(ClassId).check(Schema.isMinLength(1))
    })
  }),
  run: (input) =>
    Effect.gen(function*() {
      const openedBy = yield* staff(input.actor)
      const s = input.session
      if (s.endsOn < s.startsOn) {
        return yield* ValidationError.at(["session", "endsOn"], { zh: "结束日期早于开始日期", en: "the session ends before it starts" }, "health.session.dates")
      }
      const org = yield* OrganisationRepository.use((r) => r.find(input.schoolId, input.schoolId))
      if (Option.isSome(org)) {
        const known = new Set(org.value.classes.map((c) => c.id))
        const i = s.classIds.findIndex((c) => !known.has(c))
        if (i >= 0) {
          return yield* ValidationError.at(["session", "classIds", i], { zh: `未定义的班级：${s.classIds[i]}`, en: `unknown class ${s.classIds[i]}` }, "health.session.unknownClass")
        }
      }
      const session: ScreeningSession = { ...s, schoolId: input.schoolId, version: 0, status: "open", openedBy }
      return yield* ScreeningSessionRepository.use((r) => r.insert(session))
    })
})

/**
 * Closes a screening session: it accepts no more measurements.
 *
 * @since 0.1.0
 * @category commands
 */
export const closeScreeningSession = Command.make({
  name: "health.closeScreeningSession",
  input: Schema.Struct({ ...Command.contextFields, sessionId: ScreeningSessionId, version: Schema.Int }),
  run: (input) =>
    Effect.gen(function*() {
      const closedBy = yield* staff(input.actor)
      const repo = yield* ScreeningSessionRepository
      const current = yield* repo.get(input.schoolId, input.sessionId)
      if (current.status === "closed") return yield* SessionClosedError.create(current.id)
      const closedAt = yield* Time.now
      return yield* repo.update({ ...current, version: input.version, status: "closed", closedBy, closedAt })
    })
})

// ── measurements ─────────────────────────────────────────────────────────────────────────────────

/**
 * Records measurements (a bulk write): within an open session when `sessionId` is given, each for
 * a student of the school (and of the session's classes). Each child's sex, birth date and class
 * are copied from the student record.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordMeasurements = Command.make({
  name: "health.recordMeasurements",
  bulk: "measurements",
  input: Schema.Struct({
    ...Command.contextFields,
    sessionId: Schema.optionalKey(ScreeningSessionId),
    measuredOn: LocalDateSchema,
    measuredBy: StaffId,
    measurements: Schema.Array(Schema.Struct({ id: MeasurementId, studentId: StudentId, ...MeasuredValues.fields })).check(Schema.isMinLength(1))
  }),
  run: (input) =>
    Effect.gen(function*() {
      yield* referenceChecks(yield* schoolOf(input.schoolId)).staff(input.measuredBy, ["measuredBy"])
      let session: ScreeningSession | undefined
      if (input.sessionId !== undefined) {
        const found = yield* ScreeningSessionRepository.use((r) => r.find(input.schoolId, input.sessionId!))
        if (Option.isNone(found)) return yield* NotFoundError.create("health.screeningSession", input.schoolId, input.sessionId, ["sessionId"])
        session = found.value
        if (session.status !== "open") return yield* SessionClosedError.create(session.id)
        if (input.measuredOn < session.startsOn || input.measuredOn > session.endsOn) {
          return yield* ValidationError.at(["measuredOn"], {
            zh: `测量日期 ${input.measuredOn} 不在筛查批次的日期（${session.startsOn} 至 ${session.endsOn}）内`,
            en: `${input.measuredOn} is outside the session's dates (${session.startsOn} to ${session.endsOn})`
          }, "health.session.outsideDates")
        }
      }
      const dup = duplicates(input.measurements.map((m) => m.id), "measurements")
      if (dup !== undefined) return yield* dup
      const rows: Array<Measurement> = []
      for (let i = 0; i < input.measurements.length; i++) {
        const { id, studentId, ...values } = input.measurements[i]!
        const path = ["measurements", i]
        const student: Student = yield* studentOf(input.schoolId, studentId, [...path, "studentId"])
        if (session !== undefined && !session.classIds.includes(student.classId)) {
          return yield* ValidationError.at([...path, "studentId"], {
            zh: `学生 ${studentId} 的班级不在本筛查批次内`,
            en: `student ${studentId} is not in a class of this session`
          }, "health.session.otherClass")
        }
        yield* Effect.fromResult(Age.days(student.birthDate, input.measuredOn, ["measuredOn"]))
        yield* Effect.fromResult(checkValues(values, path))
        rows.push({
          ...values,
          schoolId: input.schoolId,
          id,
          version: 0,
          studentId,
          classId: student.classId,
          sex: student.sex,
          birthDate: student.birthDate,
          ...(input.sessionId === undefined ? {} : { sessionId: input.sessionId }),
          measuredOn: input.measuredOn,
          measuredBy: input.measuredBy
        })
      }
      return yield* MeasurementRepository.use((r) => r.insertMany(rows))
    })
})

/**
 * Corrects a measurement's values (all of them, as re-entered), read at `version`.
 *
 * @since 0.1.0
 * @category commands
 */
export const correctMeasurement = Command.make({
  name: "health.correctMeasurement",
  input: Schema.Struct({ ...Command.contextFields, measurementId: MeasurementId, version: Schema.Int, values: MeasuredValues }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* MeasurementRepository
      const current = yield* repo.get(input.schoolId, input.measurementId)
      if (current.sessionId !== undefined) {
        const session = yield* ScreeningSessionRepository.use((r) => r.get(input.schoolId, current.sessionId!))
        if (session.status !== "open") return yield* SessionClosedError.create(session.id)
      }
      yield* Effect.fromResult(checkValues(input.values, ["values"]))
      const {
        heightCm: _h,
        measured: _p,
        weightKg: _w,
        headCircumferenceCm: _hc,
        armCircumferenceCm: _ac,
        tricepsSkinfoldMm: _ts,
        subscapularSkinfoldMm: _ss,
        oedema: _o,
        vision: _v,
        note: _n,
        ...identity
      } = current
      return yield* repo.update({ ...identity, ...input.values, version: input.version })
    })
})

// ── daily checks ─────────────────────────────────────────────────────────────────────────────────

/**
 * Records a morning or noon check of several children (a bulk write). Each observation is judged
 * under the school's check rules (fever, required actions), stored with the record.
 *
 * @since 0.1.0
 * @category commands
 */
export const recordChecks = Command.make({
  name: "health.recordChecks",
  bulk: "checks",
  input: Schema.Struct({
    ...Command.contextFields,
    date: LocalDateSchema,
    slot: Schema.Literals(["morning", "noon"]),
    checks: Schema.Array(Schema.Struct({
      id: DailyCheckId,
      studentId: StudentId,
      checkedAt: InstantSchema,
      checkedBy: StaffId,
      ...CheckObservation.fields
    })).check(Schema.isMinLength(1))
  }),
  run: (input) =>
    Effect.gen(function*() {
      const rules = yield* Effect.fromResult(part(yield* healthRules(input.schoolId), "checks"))
      const school = yield* schoolOf(input.schoolId)
      const zone = school.zone
      const check = referenceChecks(school)
      for (let i = 0; i < input.checks.length; i++) yield* check.staff(input.checks[i]!.checkedBy, ["checks", i, "checkedBy"])
      const dup = duplicates(input.checks.map((c) => c.id), "checks")
      if (dup !== undefined) return yield* dup
      const rows: Array<DailyCheck> = []
      for (let i = 0; i < input.checks.length; i++) {
        const c = input.checks[i]!
        const path = ["checks", i]
        const student = yield* studentOf(input.schoolId, c.studentId, [...path, "studentId"])
        if (Time.localDate(c.checkedAt, zone) !== input.date) {
          return yield* ValidationError.at([...path, "checkedAt"], {
            zh: `检查时间 ${Time.formatLocal(c.checkedAt, zone, "zh-CN", { withZone: true })} 不在 ${input.date}`,
            en: `the check at ${Time.formatLocal(c.checkedAt, zone, "en", { withZone: true })} is not on ${input.date}`
          }, "health.check.otherDate")
        }
        if (c.present && c.absenceReason !== undefined) {
          return yield* ValidationError.at([...path, "absenceReason"], { zh: "在校学生不应填写缺勤原因", en: "a present child has no absence reason" }, "health.check.absenceReason")
        }
        const judgement = yield* Effect.fromResult(DailyChecks.judge(c, rules, path))
        rows.push({
          ...c,
          schoolId: input.schoolId,
          version: 0,
          classId: student.classId,
          date: input.date,
          slot: input.slot,
          ...(judgement.fever === undefined ? {} : { fever: judgement.fever }),
          actions: judgement.actions
        })
      }
      return yield* DailyCheckRepository.use((r) => r.insertMany(rows))
    })
})

// ── medication ───────────────────────────────────────────────────────────────────────────────────

/**
 * Records a parent's medication request.
 *
 * @since 0.1.0
 * @category commands
 */
export const createMedicationLog = Command.make({
  name: "health.createMedicationLog",
  input: Schema.Struct({
    ...Command.contextFields,
    log: Schema.Struct({
      id: MedicationLogId,
      studentId: StudentId,
      drug: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(500)),
      dose: Dose,
      route: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(500))),
      instructions: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(500))),
      from: LocalDateSchema,
      to: LocalDateSchema,
      times: Schema.Array(LocalTime).check(Schema.isMinLength(1)),
      requestedBy: Schema.Struct({
        name: Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(500)),
        relation: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(500))),
        phone: Schema.optionalKey(Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(500)))
      }),
      requestedAt: InstantSchema,
      receivedBy: StaffId
    })
  }),
  run: (input) =>
    Effect.gen(function*() {
      const l = input.log
      if (l.to < l.from) return yield* ValidationError.at(["log", "to"], { zh: "结束日期早于开始日期", en: "the request ends before it starts" }, "health.medication.dates")
      yield* referenceChecks(yield* schoolOf(input.schoolId)).staff(l.receivedBy, ["log", "receivedBy"])
      const student = yield* studentOf(input.schoolId, l.studentId, ["log", "studentId"])
      const log: MedicationLog = { ...l, schoolId: input.schoolId, version: 0, classId: student.classId, status: "active", doses: [] }
      return yield* MedicationLogRepository.use((r) => r.insert(log))
    })
})

/**
 * Records a dose given against a log (read at `version`), and returns the log with its findings
 * as of now (a dose to another child, a double, early, late or wrong dose is recorded — the log is
 * the truth of what happened — and reported as a finding).
 *
 * @since 0.1.0
 * @category commands
 */
export const recordDose = Command.make({
  name: "health.recordDose",
  input: Schema.Struct({ ...Command.contextFields, logId: MedicationLogId, version: Schema.Int, dose: DoseGiven }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* MedicationLogRepository
      const current = yield* repo.get(input.schoolId, input.logId)
      if (current.status !== "active") {
        return yield* ValidationError.at(["logId"], { zh: "该服药登记已取消", en: "this medication log is cancelled" }, "health.medication.cancelled")
      }
      if (current.doses.some((d) => d.id === input.dose.id)) {
        return yield* ValidationError.at(["dose", "id"], { zh: `编号重复：${input.dose.id}`, en: `duplicate dose id ${input.dose.id}` }, "health.duplicateId")
      }
      yield* studentOf(input.schoolId, input.dose.givenTo, ["dose", "givenTo"])
      yield* referenceChecks(yield* schoolOf(input.schoolId)).staff(input.dose.givenBy, ["dose", "givenBy"])
      const log = yield* repo.update({ ...current, version: input.version, doses: [...current.doses, input.dose] })
      const rules = yield* Effect.fromResult(part(yield* healthRules(input.schoolId), "medication"))
      const zone = yield* zoneOf(input.schoolId)
      const asOf = yield* Time.now
      return { log, findings: Medication.check(log, { asOf, zone, rules }) }
    })
})

/**
 * Cancels a medication request (the parent withdrew it); doses given stay on the log.
 *
 * @since 0.1.0
 * @category commands
 */
export const cancelMedicationLog = Command.make({
  name: "health.cancelMedicationLog",
  input: Schema.Struct({ ...Command.contextFields, logId: MedicationLogId, version: Schema.Int }),
  run: (input) =>
    Effect.gen(function*() {
      const repo = yield* MedicationLogRepository
      const current = yield* repo.get(input.schoolId, input.logId)
      return yield* repo.update({ ...current, version: input.version, status: "cancelled", cancelledAt: yield* Time.now })
    })
})
