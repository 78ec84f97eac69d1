/**
 * Conformance cases of the kernel's own aggregates (organisation, students), the unit of work and
 * the audit log.
 *
 * @since 0.1.0
 */
import { Effect, Exit, Option, Result, Schema } from "effect"
import * as fc from "fast-check"
import { assert } from "vitest"
import * as Json from "../../kernel/Json.ts"
import type { Student } from "../../kernel/People.ts"
import { Organisation as OrganisationSchema, Student as StudentSchema } from "../../kernel/People.ts"
import { AuditLog, AuditWriter } from "../../ports/AuditLog.ts"
import { applyQuery } from "../../ports/Memory.ts"
import { enrolStudents, OrganisationRepository, saveOrganisation, StudentRepository, StudentSpec, updateStudent } from "../../ports/people.ts"
import type { Query } from "../../ports/Storage.ts"
import { UnitOfWork } from "../../ports/UnitOfWork.ts"
import * as Arb from "../arbitraries.ts"
import type { Group } from "../conformance.ts"

const encodeOrg = Schema.encodeSync(OrganisationSchema)
const encodeStudent = Schema.encodeSync(StudentSchema)

/** one fixed sample of an arbitrary, so that every backend sees the same data */
const sample = <A>(arb: fc.Arbitrary<A>, seed: number): A => fc.sample(arb, { seed, numRuns: 1 })[0]!

/**
 * An organisation, then its `studentCount` students enrolled, in one command or in `batches` (one
 * command each: a bulk insert each).
 *
 * @since 0.1.0
 * @category cases
 */
export const setUp = (schoolId: string, seed: number, studentCount: number, batches: ReadonlyArray<number> = [studentCount]) =>
  Effect.gen(function*() {
    const org = sample(Arb.organisation(schoolId), seed)
    yield* saveOrganisation({ schoolId, actor: "staff-1", organisation: encodeOrg(org) })
    const classIds = org.classes.map((c) => c.id)
    const kids = sample(Arb.students(schoolId, classIds, { minLength: studentCount, maxLength: studentCount }), seed)
    let start = 0
    for (const n of batches) {
      yield* enrolStudents({
        schoolId,
        actor: "staff-1",
        students: kids.slice(start, start + n).map((s) => {
          const { schoolId: _s, version: _v, enrolled: _e, ...rest } = encodeStudent(s)
          return rest
        })
      })
      start += n
    }
    return { org, kids }
  })

const same = (actual: unknown, expected: unknown, message: string) =>
  assert.strictEqual(Result.getOrThrow(Json.canonicalize(actual)), Result.getOrThrow(Json.canonicalize(expected)), message)

/**
 * @since 0.1.0
 * @category cases
 */
export const kernelCases: Group = {
  name: "kernel",
  cases: [
    {
      name: "round trip: an organisation and its students read back exactly as written",
      run: Effect.gen(function*() {
        const { org, kids } = yield* setUp("conf-roundtrip", 1, 12)
        const stored = yield* OrganisationRepository.use((r) => r.get("conf-roundtrip", "conf-roundtrip"))
        same(encodeOrg(stored), encodeOrg({ ...org, version: 1 }), "organisation")
        for (const k of kids) {
          const s = yield* StudentRepository.use((r) => r.get("conf-roundtrip", k.id))
          same(encodeStudent(s), encodeStudent({ ...k, version: 1 }), `student ${k.id}`)
        }
      })
    },
    {
      name: "round trip: Chinese, emoji, quotes and SQL text are stored byte for byte",
      run: Effect.gen(function*() {
        const schoolId = "conf-text"
        const org = sample(Arb.organisation(schoolId), 2)
        const names = ["食堂张师傅 🍚", "Robert'); DROP TABLE kernel_student;--", "\"q\" \\ ' ` $1 %s \u0000x", "𠀀𪚥 rare 汉字", "  spaced  "]
        const staff = org.staff.map((s, i) => ({ ...s, name: names[i % names.length]! }))
        yield* saveOrganisation({ schoolId, actor: "staff-1", organisation: encodeOrg({ ...org, staff }) })
        const stored = yield* OrganisationRepository.use((r) => r.get(schoolId, schoolId))
        assert.deepStrictEqual(stored.staff.map((s) => s.name), staff.map((s) => s.name))
      })
    },
    {
      name: "queries: equality, lists, half-open ranges, order, paging and count match the reference",
      run: Effect.gen(function*() {
        const schoolId = "conf-query"
        const { org, kids } = yield* setUp(schoolId, 3, 40)
        const stored = kids.map((k) => ({ ...k, version: 1 }))
        const c0 = org.classes[0]!.id
        const c1 = org.classes[org.classes.length - 1]!.id
        const dates = stored.map((s) => s.birthDate).sort()
        const mid = dates[Math.floor(dates.length / 2)]!
        const queries: Array<Query> = [
          {},
          { where: { classId: c0 } },
          { where: { classId: [c0, c1], sex: "F" } },
          { range: { field: "birthDate", from: dates[5]!, to: mid } },
          { range: { field: "birthDate", from: mid } },
          { orderBy: "birthDate", direction: "desc", limit: 7, offset: 3 },
          { where: { enrolled: true }, orderBy: "sex", limit: 5 },
          { where: { classId: "no-such-class" } }
        ]
        const repo = yield* StudentRepository
        for (const q of queries) {
          const expected = applyQuery(StudentSpec, stored, q).map((s) => s.id)
          const actual = (yield* repo.list(schoolId, q)).map((s) => s.id)
          assert.deepStrictEqual(actual, expected, JSON.stringify(q))
          const { limit: _l, offset: _o, ...unpaged } = q
          assert.strictEqual(yield* repo.count(schoolId, q), applyQuery(StudentSpec, stored, unpaged).length, `count ${JSON.stringify(q)}`)
        }
        // another school's rows are invisible
        assert.strictEqual((yield* repo.list("conf-query-other")).length, 0)
      })
    },
    {
      name: "versions: writes bump the version; stale updates, duplicate inserts and stale removes conflict",
      run: Effect.gen(function*() {
        const schoolId = "conf-versions"
        const { kids } = yield* setUp(schoolId, 4, 3)
        const repo = yield* StudentRepository
        const k = kids[0]!
        const v1 = yield* repo.get(schoolId, k.id)
        assert.strictEqual(v1.version, 1)
        const v2 = yield* repo.update({ ...v1, enrolled: false })
        assert.strictEqual(v2.version, 2)
        const stale = yield* Effect.flip(repo.update({ ...v1, name: "stale" }))
        assert.strictEqual(stale._tag, "ConflictError")
        assert.strictEqual((stale as { code: string }).code, "storage.conflict")
        const duplicate = yield* Effect.flip(repo.insert({ ...v1, version: 0 }))
        assert.strictEqual(duplicate._tag, "ConflictError")
        const staleRemove = yield* Effect.flip(repo.remove(v1))
        assert.strictEqual(staleRemove._tag, "ConflictError")
        const missing = yield* Effect.flip(repo.get(schoolId, "student-none"))
        assert.strictEqual(missing._tag, "NotFoundError")
        yield* repo.remove(v2)
        assert.isTrue(Option.isNone(yield* repo.find(schoolId, k.id)))
        assert.strictEqual((yield* repo.get(schoolId, kids[1]!.id)).version, 1)
      })
    },
    {
      name: "atomicity: a unit of work that fails writes nothing and appends no audit entry",
      run: Effect.gen(function*() {
        const schoolId = "conf-atomic"
        const { kids } = yield* setUp(schoolId, 5, 4)
        const repo = yield* StudentRepository
        const audit = yield* AuditLog
        const uow = yield* UnitOfWork
        const headBefore = yield* audit.head(schoolId)
        const a = yield* repo.get(schoolId, kids[0]!.id)
        const b = yield* repo.get(schoolId, kids[1]!.id)
        const exit = yield* Effect.exit(uow.transaction(
          Effect.gen(function*() {
            yield* repo.update({ ...a, name: "changed" })
            yield* repo.insert({ ...b, id: "student-new" as Student["id"], version: 0 })
            // the third write conflicts: the whole unit must roll back
            yield* repo.update({ ...b, version: 99 })
          }),
          () => audit.append({ schoolId, actor: "staff-1", command: "test.failing", input: null, changes: [] })
        ))
        assert.isTrue(Exit.isFailure(exit))
        assert.strictEqual((yield* repo.get(schoolId, a.id)).name, a.name)
        assert.isTrue(Option.isNone(yield* repo.find(schoolId, "student-new")))
        same(Option.getOrNull(yield* audit.head(schoolId)), Option.getOrNull(headBefore), "audit head unchanged")
      })
    },
    {
      name: "atomicity: a bulk insert with one duplicate row writes no row",
      run: Effect.gen(function*() {
        const schoolId = "conf-bulk"
        const { org, kids } = yield* setUp(schoolId, 6, 2)
        const repo = yield* StudentRepository
        const before = yield* repo.count(schoolId)
        const fresh = sample(Arb.students(schoolId, org.classes.map((c) => c.id), { minLength: 50, maxLength: 50 }), 60)
          .filter((s) => !kids.some((k) => k.id === s.id))
        const rows = [...fresh.slice(0, 20), { ...kids[0]!, version: 0 } as Student, ...fresh.slice(20)]
        const error = yield* Effect.flip(repo.insertMany(rows))
        assert.strictEqual(error._tag, "ConflictError")
        assert.strictEqual(yield* repo.count(schoolId), before)
      })
    },
    {
      name: "atomicity: a bulk insert of thousands of rows (many of a backend's batches) with a duplicate near the end writes no row",
      run: Effect.gen(function*() {
        const schoolId = "conf-bulk-late"
        const { kids } = yield* setUp(schoolId, 8, 2)
        const repo = yield* StudentRepository
        const base = kids[1]!
        const rows = Array.from({ length: 4_800 }, (_, i) => ({ ...base, id: `student-late-${i}` as Student["id"], version: 0 }))
        rows[4_500] = { ...kids[0]!, version: 0 }
        const error = yield* Effect.flip(repo.insertMany(rows))
        assert.strictEqual(error._tag, "ConflictError")
        assert.strictEqual(yield* repo.count(schoolId), 2)
      }),
      timeout: 120_000
    },
    {
      name: "bad input: a row of a bulk insert that does not encode, after thousands that do, fails the insert with its ValidationError; nothing of it stays, the unit of work goes on",
      run: Effect.gen(function*() {
        const schoolId = "conf-bulk-bad"
        const { kids } = yield* setUp(schoolId, 9, 2)
        const repo = yield* StudentRepository
        const audit = yield* AuditLog
        const uow = yield* UnitOfWork
        const base = kids[1]!
        const rows = Array.from({ length: 4_800 }, (_, i) => ({ ...base, id: `student-bad-${i}` as Student["id"], version: 0 }))
        // an id the schema refuses (a space), typed as valid: only encoding can catch it
        rows[4_600] = { ...base, id: "student bad" as Student["id"], version: 0 }
        const a = yield* repo.get(schoolId, kids[0]!.id)
        const failure = yield* uow.transaction(
          Effect.gen(function*() {
            yield* repo.update({ ...a, name: "before the bulk" })
            const error = yield* Effect.flip(repo.insertMany(rows))
            yield* repo.insert({ ...base, id: "student-after" as Student["id"], version: 0 })
            return error
          }),
          () => audit.append({ schoolId, actor: "staff-1", command: "test.bulkBad", input: null, changes: [] })
        )
        assert.strictEqual(failure._tag, "ValidationError")
        assert.strictEqual(yield* repo.count(schoolId), 3, "the two enrolled students and the one inserted after the failed bulk")
        assert.strictEqual((yield* repo.get(schoolId, a.id)).name, "before the bulk")
        assert.isTrue(Option.isNone(yield* repo.find(schoolId, "student-bad-0")))
      }),
      timeout: 120_000
    },
    {
      name: "concurrency: two writers of one aggregate — one succeeds, the other gets a conflict, no lost update",
      run: Effect.gen(function*() {
        const schoolId = "conf-race"
        const { org, kids } = yield* setUp(schoolId, 7, 1)
        const k = kids[0]!
        const classes = org.classes.map((c) => c.id)
        for (let trial = 0; trial < 25; trial++) {
          const current = yield* StudentRepository.use((r) => r.get(schoolId, k.id))
          const results = yield* Effect.all([
            Effect.result(updateStudent({ schoolId, actor: "staff-1", studentId: k.id, version: current.version, classId: classes[0] })),
            Effect.result(updateStudent({ schoolId, actor: "staff-2", studentId: k.id, version: current.version, enrolled: trial % 2 === 0 }))
          ], { concurrency: 2 })
          const ok = results.filter(Result.isSuccess)
          const failed = results.filter(Result.isFailure)
          assert.strictEqual(ok.length, 1, `trial ${trial}: exactly one writer succeeds`)
          assert.strictEqual((failed[0]!.failure as { _tag: string })._tag, "ConflictError")
          const after = yield* StudentRepository.use((r) => r.get(schoolId, k.id))
          assert.strictEqual(after.version, current.version + 1, `trial ${trial}: one version step`)
        }
      }),
      timeout: 120_000
    },
    {
      name: "audit: one entry per command, chained and verifiable; single records carry before and after, bulk writes a count and hash",
      run: Effect.gen(function*() {
        const schoolId = "conf-audit"
        const { kids } = yield* setUp(schoolId, 8, 5)
        const k = kids[0]!
        yield* updateStudent({ schoolId, actor: "staff-2", studentId: k.id, version: 1, enrolled: false })
        const audit = yield* AuditLog
        const entries = yield* audit.entries(schoolId)
        assert.deepStrictEqual(entries.map((e) => e.seq), [1, 2, 3])
        assert.deepStrictEqual(entries.map((e) => e.command), ["kernel.saveOrganisation", "kernel.enrolStudents", "kernel.updateStudent"])
        const bulk = entries[1]!.changes[0]!
        assert.strictEqual(bulk.op, "bulkInsert")
        assert.strictEqual(bulk.count, 5)
        const rows = kids.map((s) => encodeStudent({ ...s, version: 1 }))
        assert.strictEqual(bulk.hash, yield* Json.hashCanonical(rows))
        const update = entries[2]!.changes[0]!
        assert.strictEqual(update.op, "update")
        assert.strictEqual((update.before as { enrolled: boolean }).enrolled, true)
        assert.strictEqual((update.after as { enrolled: boolean }).enrolled, false)
        assert.strictEqual(entries[2]!.actor, "staff-2")
        const report = yield* audit.verify(schoolId, { recordedHead: { seq: 3, hash: entries[2]!.hash } })
        assert.isTrue(report.ok, JSON.stringify(report.problems))
        const head = yield* audit.head(schoolId)
        assert.strictEqual(Option.getOrThrow(head).hash, entries[2]!.hash)
      })
    },
    {
      name: "audit: each writer has its own chain",
      run: Effect.gen(function*() {
        const schoolId = "conf-writers"
        yield* setUp(schoolId, 9, 2)
        yield* Effect.provideService(setUp(`${schoolId}`, 10, 0).pipe(Effect.flip, Effect.asVoid), AuditWriter, "tablet-7")
        const org = yield* OrganisationRepository.use((r) => r.get(schoolId, schoolId))
        yield* Effect.provideService(
          saveOrganisation({ schoolId, actor: "staff-3", organisation: encodeOrg({ ...org, school: { ...org.school, name: "改名" } }) }),
          AuditWriter,
          "tablet-7"
        )
        const audit = yield* AuditLog
        assert.deepStrictEqual(yield* audit.writers(schoolId), ["main", "tablet-7"])
        const tablet = yield* audit.entries(schoolId, { writer: "tablet-7" })
        assert.deepStrictEqual(tablet.map((e) => [e.seq, e.writer]), [[1, "tablet-7"]])
        assert.isTrue((yield* audit.verify(schoolId, { writer: "tablet-7" })).ok)
        assert.isTrue((yield* audit.verify(schoolId)).ok)
      })
    },
    {
      name: "bad input: a command refuses it with a typed error and a path, and writes nothing",
      run: Effect.gen(function*() {
        const schoolId = "conf-bad"
        yield* setUp(schoolId, 11, 1)
        const error = yield* Effect.flip(enrolStudents({
          schoolId,
          actor: "staff-1",
          students: [{ id: "student-x", name: "小明", sex: "X", birthDate: "2015-02-30", classId: "class-1-1" }]
        }))
        assert.strictEqual(error._tag, "ValidationError")
        const v = error as unknown as { path: ReadonlyArray<string | number>; issues: ReadonlyArray<{ path: ReadonlyArray<string | number> }> }
        assert.deepStrictEqual(v.path, ["students", 0, "sex"])
        assert.deepStrictEqual(v.issues.map((i) => i.path), [["students", 0, "sex"], ["students", 0, "birthDate"]])
        assert.isTrue(Option.isNone(yield* StudentRepository.use((r) => r.find(schoolId, "student-x"))))
        assert.strictEqual((yield* AuditLog.use((a) => a.entries(schoolId))).length, 2)
      })
    }
  ]
}
