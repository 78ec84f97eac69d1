/**
 * Conformance cases of the health module: its four aggregates (screening sessions, measurements,
 * daily checks, medication logs) stored and read back exactly, queried by their projected fields
 * as the memory reference does, bulk writes that are all-or-nothing, version conflicts, and the
 * queries that read across dates.
 *
 * @since 0.1.0
 */
import { Effect, Option, Result, Schema } from "effect"
import * as fc from "fast-check"
import { assert } from "vitest"
import * as Commands from "../../health/commands.ts"
import * as Queries from "../../health/queries.ts"
import {
  DailyCheck as DailyCheckSchema,
  Measurement as MeasurementSchema,
  MedicationLog as MedicationLogSchema,
  ScreeningSession as ScreeningSessionSchema
} from "../../health/model.ts"
import * as Json from "../../kernel/Json.ts"
import type { Student } from "../../kernel/People.ts"
import { Organisation as OrganisationSchema, Student as StudentSchema } from "../../kernel/People.ts"
import { AuditLog } from "../../ports/AuditLog.ts"
import {
  DailyCheckRepository,
  DailyCheckSpec,
  MeasurementRepository,
  MeasurementSpec,
  MedicationLogRepository,
  MedicationLogSpec,
  ScreeningSessionRepository
} from "../../ports/health.ts"
import { applyQuery } from "../../ports/Memory.ts"
import { enrolStudents, saveOrganisation } from "../../ports/people.ts"
import type { Query } from "../../ports/Storage.ts"
import * as Arb from "../arbitraries.ts"
import type { Group } from "../conformance.ts"
import { hasFields } from "./expect.ts"

const encodeOrg = Schema.encodeSync(OrganisationSchema)
const encodeStudent = Schema.encodeSync(StudentSchema)

const sample = <A>(arb: fc.Arbitrary<A>, seed: number): A => fc.sample(arb, { seed, numRuns: 1 })[0]!

const same = (actual: unknown, expected: unknown, message: string) =>
  assert.strictEqual(Result.getOrThrow(Json.canonicalize(actual)), Result.getOrThrow(Json.canonicalize(expected)), message)

/** a school with classes and school-age students (born 2010–2016) */
const setUp = (schoolId: string, seed: number, studentCount: number) =>
  Effect.gen(function*() {
    const org = sample(Arb.organisation(schoolId), seed)
    yield* saveOrganisation({ schoolId, actor: "staff-1", organisation: encodeOrg(org) })
    const classIds = org.classes.map((c) => c.id)
    const kids = sample(Arb.students(schoolId, classIds, { minLength: studentCount, maxLength: studentCount }), seed)
      .map((s, i) => ({ ...s, birthDate: `201${i % 7}-0${1 + (i % 9)}-1${i % 10}` }) as Student)
    yield* enrolStudents({
      schoolId,
      actor: "staff-1",
      students: kids.map((s) => {
        const { schoolId: _s, version: _v, enrolled: _e, ...rest } = encodeStudent(s)
        return rest
      })
    })
    return { org, kids, classIds }
  })

const openSession = (schoolId: string, id: string, classIds: ReadonlyArray<string>) =>
  Commands.openScreeningSession({
    schoolId,
    actor: "staff-1",
    session: { id, name: "2026 春季体检", kind: "full", term: "2025-2026-2", startsOn: "2026-03-02", endsOn: "2026-03-31", classIds }
  })

const measurementsOf = (kids: ReadonlyArray<Student>) =>
  kids.map((k, i) => ({
    id: `m-${k.id}`,
    studentId: k.id,
    heightCm: 120 + (i % 40),
    weightKg: 22.5 + (i % 30),
    measured: "height",
    vision: { right: { ucva: 5.0 - (i % 5) / 10, sphere: -0.25 * (i % 4), cylinder: -0.5 }, left: { ucva: 4.9 }, correction: i % 7 === 0 ? "orthokeratology" : "none" },
    ...(i % 3 === 0 ? { note: "复测 ✓ 'quoted'" } : {})
  }))

/**
 * @since 0.1.0
 * @category cases
 */
export const healthCases: Group = {
  name: "health",
  cases: [
    {
      name: "round trip: a session, measurements, checks and a medication log read back exactly as written",
      run: Effect.gen(function*() {
        const schoolId = "conf-health-roundtrip"
        const { kids, classIds } = yield* setUp(schoolId, 21, 8)
        const session = yield* openSession(schoolId, "session-1", classIds)
        same(Schema.encodeSync(ScreeningSessionSchema)(yield* ScreeningSessionRepository.use((r) => r.get(schoolId, "session-1"))), Schema.encodeSync(ScreeningSessionSchema)(session), "session")
        const written = yield* Commands.recordMeasurements({ schoolId, actor: "staff-1", sessionId: "session-1", measuredOn: "2026-03-10", measuredBy: "staff-2", measurements: measurementsOf(kids) })
        for (const m of written) {
          const stored = yield* MeasurementRepository.use((r) => r.get(schoolId, m.id))
          same(Schema.encodeSync(MeasurementSchema)(stored), Schema.encodeSync(MeasurementSchema)(m), `measurement ${m.id}`)
        }
        const checks = yield* Commands.recordChecks({
          schoolId,
          actor: "staff-1",
          date: "2026-03-10",
          slot: "morning",
          checks: kids.slice(0, 3).map((k, i) => ({
            id: `chk-${k.id}`,
            studentId: k.id,
            checkedAt: `2026-03-10T07:4${i}:00+08:00`,
            checkedBy: "staff-3",
            present: i !== 2,
            ...(i === 2 ? { absenceReason: "illness", disease: "varicella", diseaseSuspected: true } : { temperatureC: 37.3 + i / 10, site: "axillary" }),
            symptoms: i === 1 ? ["cough", "rash"] : []
          }))
        })
        for (const c of checks) {
          same(Schema.encodeSync(DailyCheckSchema)(yield* DailyCheckRepository.use((r) => r.get(schoolId, c.id))), Schema.encodeSync(DailyCheckSchema)(c), `check ${c.id}`)
        }
        assert.deepStrictEqual(checks[0]!.actions, ["isolate", "notifyParents", "seeDoctor", "informHealthTeacher"])
        const log = yield* Commands.createMedicationLog({
          schoolId,
          actor: "staff-1",
          log: {
            id: "med-1",
            studentId: kids[0]!.id,
            drug: "蒙脱石散",
            dose: { amount: "1.5", unit: "g" },
            from: "2026-03-10",
            to: "2026-03-11",
            times: ["10:00", "14:30"],
            requestedBy: { name: "李先生", relation: "父亲", phone: "138 0000 0000" },
            requestedAt: "2026-03-10T07:50:00+08:00",
            receivedBy: "staff-3"
          }
        })
        const dosed = yield* Commands.recordDose({
          schoolId,
          actor: "staff-3",
          logId: "med-1",
          version: log.version,
          dose: { id: "dose-1", givenTo: kids[0]!.id, givenAt: "2026-03-10T10:02:00+08:00", dose: { amount: "1.50", unit: "g" }, givenBy: "staff-3" }
        })
        same(Schema.encodeSync(MedicationLogSchema)(yield* MedicationLogRepository.use((r) => r.get(schoolId, "med-1"))), Schema.encodeSync(MedicationLogSchema)(dosed.log), "medication log")
        // 1.50 g is the requested 1.5 g: an exact decimal, no wrong-amount finding
        assert.isFalse(dosed.findings.some((f) => f.rule === "medication.wrongAmount"))
        // cancelled: the instant of the cancellation reads back with the log
        const cancelled = yield* Commands.cancelMedicationLog({ schoolId, actor: "staff-1", logId: "med-1", version: dosed.log.version })
        assert.isDefined(cancelled.cancelledAt)
        same(Schema.encodeSync(MedicationLogSchema)(yield* MedicationLogRepository.use((r) => r.get(schoolId, "med-1"))), Schema.encodeSync(MedicationLogSchema)(cancelled), "cancelled medication log")
      })
    },
    {
      name: "queries: measurements, checks and logs by their projected fields match the reference",
      run: Effect.gen(function*() {
        const schoolId = "conf-health-query"
        const { kids, classIds } = yield* setUp(schoolId, 22, 24)
        yield* openSession(schoolId, "session-q", classIds)
        yield* Commands.recordMeasurements({ schoolId, actor: "staff-1", sessionId: "session-q", measuredOn: "2026-03-10", measuredBy: "staff-2", measurements: measurementsOf(kids.slice(0, 12)) })
        yield* Commands.recordMeasurements({ schoolId, actor: "staff-1", measuredOn: "2025-09-15", measuredBy: "staff-2", measurements: measurementsOf(kids).map((m) => ({ ...m, id: `${m.id}-autumn` })) })
        for (const [d, slot] of [["2026-03-09", "morning"], ["2026-03-09", "noon"], ["2026-03-10", "morning"]] as const) {
          yield* Commands.recordChecks({
            schoolId,
            actor: "staff-1",
            date: d,
            slot,
            checks: kids.slice(0, 10).map((k, i) => ({
              id: `chk-${d}-${slot}-${k.id}`,
              studentId: k.id,
              checkedAt: `${d}T${slot === "morning" ? "07" : "12"}:${String(10 + i).padStart(2, "0")}:00+08:00`,
              checkedBy: "staff-3",
              present: true,
              temperatureC: 36.5 + (i % 4) * 0.4,
              site: "axillary",
              symptoms: i % 5 === 0 ? ["cough"] : []
            }))
          })
        }
        const measurements = yield* MeasurementRepository.use((r) => r.list(schoolId))
        const checks = yield* DailyCheckRepository.use((r) => r.list(schoolId))
        assert.strictEqual(measurements.length, 36)
        assert.strictEqual(checks.length, 30)
        const c0 = classIds[0]!
        const mQueries: Array<Query> = [
          { where: { sessionId: "session-q" } },
          { where: { studentId: kids[3]!.id }, orderBy: "measuredOn" },
          { where: { classId: [c0, classIds[classIds.length - 1]!], sex: "F" } },
          { range: { field: "measuredOn", from: "2026-01-01", to: "2026-04-01" } },
          { where: { sessionId: null } },
          { orderBy: "measuredOn", direction: "desc", limit: 5, offset: 2 }
        ]
        for (const q of mQueries) {
          const expected = applyQuery(MeasurementSpec, measurements, q).map((m) => m.id)
          assert.deepStrictEqual((yield* MeasurementRepository.use((r) => r.list(schoolId, q))).map((m) => m.id), expected, JSON.stringify(q))
        }
        const cQueries: Array<Query> = [
          { where: { fever: true } },
          { where: { ill: true, date: "2026-03-09" } },
          { where: { slot: "noon" }, orderBy: "checkedAt" },
          { range: { field: "date", from: "2026-03-10", to: "2026-03-11" } },
          { range: { field: "checkedAt", from: Date.UTC(2026, 2, 9, 4, 0), to: Date.UTC(2026, 2, 9, 4, 15) } }
        ]
        for (const q of cQueries) {
          const expected = applyQuery(DailyCheckSpec, checks, q).map((c) => c.id)
          assert.deepStrictEqual((yield* DailyCheckRepository.use((r) => r.list(schoolId, q))).map((c) => c.id), expected, JSON.stringify(q))
        }
        for (const [i, k] of kids.slice(0, 4).entries()) {
          yield* Commands.createMedicationLog({
            schoolId,
            actor: "staff-1",
            log: {
              id: `med-q-${i}`,
              studentId: k.id,
              drug: "口服补液盐",
              dose: { amount: "50", unit: "ml" },
              from: `2026-03-0${2 + i}`,
              to: `2026-03-0${4 + i}`,
              times: ["10:00"],
              requestedBy: { name: "家长" },
              requestedAt: `2026-03-0${2 + i}T07:30:00+08:00`,
              receivedBy: "staff-2"
            }
          })
        }
        const first = yield* MedicationLogRepository.use((r) => r.get(schoolId, "med-q-0"))
        yield* Commands.cancelMedicationLog({ schoolId, actor: "staff-1", logId: "med-q-0", version: first.version })
        const logs = yield* MedicationLogRepository.use((r) => r.list(schoolId))
        const lQueries: Array<Query> = [
          { where: { status: "active" } },
          { where: { studentId: kids[2]!.id } },
          { range: { field: "from", from: "2026-03-03", to: "2026-03-05" } },
          { range: { field: "to", to: "2026-03-06" }, orderBy: "to", direction: "desc" }
        ]
        for (const q of lQueries) {
          const expected = applyQuery(MedicationLogSpec, logs, q).map((l) => l.id)
          assert.deepStrictEqual((yield* MedicationLogRepository.use((r) => r.list(schoolId, q))).map((l) => l.id), expected, JSON.stringify(q))
        }
      })
    },
    {
      name: "atomicity: a batch of measurements with one height in metres writes no row and no audit entry",
      run: Effect.gen(function*() {
        const schoolId = "conf-health-atomic"
        const { kids, classIds } = yield* setUp(schoolId, 23, 6)
        yield* openSession(schoolId, "session-a", classIds)
        const entriesBefore = (yield* AuditLog.use((a) => a.entries(schoolId))).length
        const rows = measurementsOf(kids).map((m, i) => (i === 4 ? { ...m, heightCm: 1.32 } : m))
        const error = yield* Effect.flip(Commands.recordMeasurements({ schoolId, actor: "staff-1", sessionId: "session-a", measuredOn: "2026-03-10", measuredBy: "staff-2", measurements: rows }))
        assert.strictEqual((error as { code: string }).code, "health.measurement.likelyMetres")
        assert.deepStrictEqual((error as { path: ReadonlyArray<unknown> }).path, ["measurements", 4, "heightCm"])
        assert.strictEqual(yield* MeasurementRepository.use((r) => r.count(schoolId)), 0)
        assert.strictEqual((yield* AuditLog.use((a) => a.entries(schoolId))).length, entriesBefore)
        // a duplicate of an existing measurement id conflicts and writes nothing either
        yield* Commands.recordMeasurements({ schoolId, actor: "staff-1", sessionId: "session-a", measuredOn: "2026-03-10", measuredBy: "staff-2", measurements: measurementsOf(kids.slice(0, 2)) })
        const conflict = yield* Effect.flip(Commands.recordMeasurements({ schoolId, actor: "staff-1", sessionId: "session-a", measuredOn: "2026-03-11", measuredBy: "staff-2", measurements: measurementsOf(kids.slice(1, 4)) }))
        assert.strictEqual((conflict as { _tag: string })._tag, "ConflictError")
        assert.strictEqual(yield* MeasurementRepository.use((r) => r.count(schoolId)), 2)
      })
    },
    {
      name: "versions: a closed session refuses measurements; a stale medication log conflicts",
      run: Effect.gen(function*() {
        const schoolId = "conf-health-versions"
        const { kids, classIds } = yield* setUp(schoolId, 24, 3)
        const session = yield* openSession(schoolId, "session-v", classIds)
        const closed = yield* Commands.closeScreeningSession({ schoolId, actor: "staff-1", sessionId: "session-v", version: session.version })
        assert.strictEqual(closed.status, "closed")
        const refused = yield* Effect.flip(Commands.recordMeasurements({ schoolId, actor: "staff-1", sessionId: "session-v", measuredOn: "2026-03-10", measuredBy: "staff-2", measurements: measurementsOf(kids) }))
        assert.strictEqual((refused as { code: string }).code, "health.session.closed")
        const stale = yield* Effect.flip(Commands.closeScreeningSession({ schoolId, actor: "staff-1", sessionId: "session-v", version: session.version }))
        assert.strictEqual((stale as { code: string }).code, "health.session.closed")
        const log = yield* Commands.createMedicationLog({
          schoolId,
          actor: "staff-1",
          log: { id: "med-v", studentId: kids[0]!.id, drug: "布洛芬混悬液", dose: { amount: "5", unit: "ml" }, from: "2026-03-10", to: "2026-03-10", times: ["12:00"], requestedBy: { name: "家长" }, requestedAt: "2026-03-10T07:30:00+08:00", receivedBy: "staff-2" }
        })
        const dose = (id: string) => ({ id, givenTo: kids[0]!.id, givenAt: "2026-03-10T12:00:00+08:00", dose: { amount: "5", unit: "ml" }, givenBy: "staff-2" })
        yield* Commands.recordDose({ schoolId, actor: "staff-2", logId: "med-v", version: log.version, dose: dose("d1") })
        const conflict = yield* Effect.flip(Commands.recordDose({ schoolId, actor: "staff-4", logId: "med-v", version: log.version, dose: dose("d2") }))
        assert.strictEqual((conflict as { _tag: string })._tag, "ConflictError")
        assert.strictEqual((yield* MedicationLogRepository.use((r) => r.get(schoolId, "med-v"))).doses.length, 1)
        assert.isTrue(Option.isNone(yield* MeasurementRepository.use((r) => r.find(schoolId, `m-${kids[0]!.id}`))))
      })
    },
    {
      name: "outbreaks: checks stored on local dates are found across a date range (S1 in one class in one day)",
      run: Effect.gen(function*() {
        const schoolId = "conf-health-outbreak"
        // 60 children in at most 24 classes: some class has 3 or more
        const { kids } = yield* setUp(schoolId, 25, 60)
        const counts = new Map<string, number>()
        for (const k of kids) counts.set(k.classId, (counts.get(k.classId) ?? 0) + 1)
        const classId = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0]
        const inClass = kids.filter((k) => k.classId === classId).slice(0, 3)
        assert.strictEqual(inClass.length, 3)
        yield* Commands.recordChecks({
          schoolId,
          actor: "staff-1",
          date: "2026-03-16",
          slot: "morning",
          checks: inClass.map((k, i) => ({ id: `ob-${k.id}`, studentId: k.id, checkedAt: `2026-03-16T07:5${i}:00+08:00`, checkedBy: "staff-3", present: true, temperatureC: 38.2, site: "axillary", symptoms: [] }))
        })
        const clusters = yield* Queries.outbreaks(schoolId, "2026-03-16", "2026-03-16")
        const s1 = clusters.filter((c) => c.ruleId === "S1")
        assert.strictEqual(s1.length, 1)
        assert.strictEqual(s1[0]!.classId, classId)
        assert.strictEqual(s1[0]!.cases.length, 3)
        assert.strictEqual((yield* Queries.outbreaks(schoolId, "2026-03-17", "2026-03-20")).length, 0)
      })
    },
    {
      name: "integrity: a measurement naming a screening session or a student that does not exist is refused; without a session it names nothing; a session still named cannot be removed",
      run: Effect.gen(function*() {
        const schoolId = "conf-health-refs"
        const { kids, classIds } = yield* setUp(schoolId, 41, 2)
        yield* openSession(schoolId, "session-1", classIds)
        const [m] = yield* Commands.recordMeasurements({ schoolId, actor: "staff-1", sessionId: "session-1", measuredOn: "2026-03-10", measuredBy: "staff-2", measurements: measurementsOf(kids.slice(0, 1)) })
        const copy = (id: string, over: Partial<Record<"sessionId" | "studentId", string>>) => ({ ...m!, id, version: 0, ...over }) as typeof m & {}
        hasFields(yield* Effect.flip(MeasurementRepository.use((r) => r.insert(copy("m-session-404", { sessionId: "session-404" })))), {
          _tag: "ReferenceError",
          code: "storage.missingReference",
          path: ["sessionId"],
          target: "health.screeningSession",
          targetId: "session-404"
        })
        hasFields(yield* Effect.flip(MeasurementRepository.use((r) => r.insertMany([copy("m-a", {}), copy("m-b", { studentId: "student-404" })]))), {
          _tag: "ReferenceError",
          code: "storage.missingReference",
          path: ["studentId"],
          id: "m-b",
          target: "kernel.student"
        })
        assert.strictEqual(yield* MeasurementRepository.use((r) => r.count(schoolId)), 1, "nothing of a refused bulk write is kept")
        const { sessionId: _s, ...free } = copy("m-free", {})
        yield* MeasurementRepository.use((r) => r.insert(free as typeof m & {}))
        const session = yield* ScreeningSessionRepository.use((r) => r.get(schoolId, "session-1"))
        hasFields(yield* Effect.flip(ScreeningSessionRepository.use((r) => r.remove(session))), {
          _tag: "ReferenceError",
          code: "storage.referenced",
          aggregate: "health.screeningSession",
          id: "session-1",
          target: "health.measurement",
          targetId: m!.id
        })
      })
    }
  ]
}
