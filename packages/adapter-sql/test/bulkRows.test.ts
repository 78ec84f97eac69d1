/**
 * Kept bulk rows (`keepBulkRows`): the rows of every bulk insert a committed command made are kept
 * in `houqin_bulk_rows` by the hash its audit change records — in order, whole (across parts),
 * in the same transaction (a command that fails keeps nothing) — so that sync can export a chain
 * with bulk inserts; `pruneBulk` forgets them. Without the option nothing is kept.
 */
import type { Houqin , People} from "@houqin/core"
import { createHouqin, Json, Ports } from "@houqin/core"
import { Arbitraries } from "@houqin/core/testing"
import { Effect, Option, Schema } from "effect"
import * as fc from "fast-check"
import { afterAll, assert, describe, it } from "vitest"
import type { SqlBackend } from "../src/Backend.ts"
import * as Migrations from "../src/Migrations.ts"
import * as SqlStorage from "../src/SqlStorage.ts"
import { engines, open } from "./engines.ts"

type Student = typeof Ports.People.StudentSpec.schema.Type
const encodeOrg = Schema.encodeSync(Ports.People.OrganisationSpec.schema)
const encodeStudent = Schema.encodeSync(Ports.People.StudentSpec.schema)
const decodeStudent = Schema.decodeUnknownSync(Ports.People.StudentSpec.schema)
const sample = <A>(arb: fc.Arbitrary<A>, seed: number): A => fc.sample(arb, { seed, numRuns: 1 })[0]!

const SCHOOL = "school-kept"
const org = sample(Arbitraries.organisation(SCHOOL), 7)
const classIds = org.classes.map((c) => c.id)

/** students numbered from `from`, ids student-k-<n>, as the enrol command takes them */
const students = (from: number, n: number, seed: number): Array<Student> =>
  sample(Arbitraries.students(SCHOOL, classIds, { minLength: n, maxLength: n }), seed).map((s, i) => ({ ...s, id: `student-k-${from + i}` as People.StudentId }))
const enrolInput = (list: ReadonlyArray<Student>) =>
  list.map((s) => {
    const { schoolId: _s, version: _v, enrolled: _e, ...rest } = encodeStudent(s)
    return rest
  })

/**
 * a command of one school that writes students four ways in one transaction: one single insert,
 * then bulk inserts of 1, 2 and 2 rows (two bulk changes of one aggregate and one size, and a bulk
 * change of one row beside a single insert: the held inserts are told apart by their hashes)
 */
const fourWays = (rows: ReadonlyArray<Student>) =>
  Ports.Command.make({
    name: "test.fourWays",
    input: Schema.Struct(Ports.Command.contextFields),
    run: () =>
      Effect.gen(function*() {
        const repo = yield* Ports.People.StudentRepository
        yield* repo.insert(rows[0]!)
        yield* repo.insertMany([rows[1]!])
        yield* repo.insertMany([rows[2]!, rows[3]!])
        yield* repo.insertMany([rows[4]!, rows[5]!])
      })
  })

const bulkChanges = (entries: ReadonlyArray<Ports.AuditLog.AuditEntry>) =>
  entries.flatMap((e) => e.changes.filter((c) => c.op === "bulkInsert").map((c) => ({ seq: e.seq, hash: c.hash!, count: c.count!, aggregate: c.aggregate })))

const kept = (backend: SqlBackend, hash: string) => Effect.runPromise(Effect.map(backend.bulkRows(SCHOOL, hash), Option.getOrUndefined))

for (const engine of engines) {
  describe.skipIf(!engine.available)(`kept bulk rows on ${engine.name}`, () => {
    const opened: Array<{ close: () => Promise<void> }> = []
    const runtimes: Array<Houqin> = []
    afterAll(async () => {
      for (const h of runtimes) await h.dispose()
      for (const h of opened) await h.close()
    })
    const start = async (options: Partial<SqlStorage.SqlOptions>) => {
      const handle = await open(engine, options)
      opened.push(handle)
      const houqin = createHouqin({ storage: handle.layer, clock: () => Date.UTC(2026, 2, 15, 3, 45), writer: "server" })
      runtimes.push(houqin)
      await houqin.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: encodeOrg(org) })
      return { handle, houqin }
    }

    it("keeps each bulk insert's rows, in order and whole across parts, by the hash its audit change records", async () => {
      const { handle, houqin } = await start({ keepBulkRows: true })
      assert.isTrue(handle.backend.keepsBulkRows)
      // 15,000 students of about 120 characters each: more than one part of about a megabyte
      const many = students(1, 15_000, 11)
      await houqin.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: enrolInput(many) })
      await houqin.run(fourWays(students(100_001, 6, 12))({ schoolId: SCHOOL, actor: "staff-1" }))
      const changes = bulkChanges(await houqin.audit.entries(SCHOOL, { writer: "server" }))
      assert.deepStrictEqual(changes.map((c) => c.count), [15_000, 1, 2, 2])
      for (const c of changes) {
        const rows = await kept(handle.backend, c.hash)
        assert.isDefined(rows, `bulk insert of entry ${c.seq} (${c.count} rows) was kept`)
        assert.strictEqual(rows.aggregate, c.aggregate)
        assert.strictEqual(rows.rows.length, c.count)
        assert.strictEqual(await Effect.runPromise(Json.hashCanonical(rows.rows)), c.hash)
      }
      const first = await kept(handle.backend, changes[0]!.hash)
      assert.deepStrictEqual(first!.rows.map((r) => decodeStudent(r)), many.map((s) => ({ ...s, version: 1, enrolled: true })))
      const parts = await handle.db.selectFrom("houqin_bulk_rows").select(["hash", "part"]).where("hash", "=", changes[0]!.hash).orderBy("part").execute()
      assert.isAbove(JSON.stringify(first!.rows).length, 1_100_000)
      assert.isAbove(parts.length, 1, "more than a megabyte of rows takes more than one part")
      assert.deepStrictEqual(parts.map((p) => Number(p["part"])), parts.map((_, i) => i))
    })

    it("keeps nothing of a command that fails, and nothing without the option", async () => {
      const { handle, houqin } = await start({ keepBulkRows: true })
      const clash = students(20_001, 40, 13)
      await houqin.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: enrolInput(clash.slice(0, 1)) })
      const before = await handle.db.selectFrom("houqin_bulk_rows").select("hash").execute()
      // the second enrolment repeats an enrolled id: the whole command fails
      const failed = await houqin.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: enrolInput(clash) }).then(() => undefined, (e: unknown) => e)
      assert.isDefined(failed)
      assert.deepStrictEqual(await handle.db.selectFrom("houqin_bulk_rows").select("hash").execute(), before)

      const plain = await start({})
      assert.isFalse(plain.handle.backend.keepsBulkRows)
      await plain.houqin.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: enrolInput(students(30_001, 30, 14)) })
      const [change] = bulkChanges(await plain.houqin.audit.entries(SCHOOL, { writer: "server" }))
      assert.isUndefined(await kept(plain.handle.backend, change!.hash))
      assert.deepStrictEqual(await plain.handle.db.selectFrom("houqin_bulk_rows").select("hash").execute(), [])
    })

    it("forgets kept rows when pruned, and says how many bulk inserts it forgot", async () => {
      const { handle, houqin } = await start({ keepBulkRows: true })
      await houqin.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: enrolInput(students(40_001, 20, 15)) })
      await houqin.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: enrolInput(students(40_101, 20, 16)) })
      const [a, b] = bulkChanges(await houqin.audit.entries(SCHOOL, { writer: "server" }))
      assert.strictEqual(await Effect.runPromise(handle.backend.pruneBulk(SCHOOL, [a!.hash, a!.hash, "0".repeat(64)])), 1)
      assert.isUndefined(await kept(handle.backend, a!.hash))
      assert.isDefined(await kept(handle.backend, b!.hash))
      assert.strictEqual(await Effect.runPromise(handle.backend.pruneBulk(SCHOOL, [a!.hash])), 0)
      // the students themselves stay
      assert.strictEqual((await houqin.people.students(SCHOOL)).length, 40)
    })
  })
}

describe("keepBulkRows", () => {
  it("refuses to open over migrations without the table of kept rows", async () => {
    const error = await SqlStorage.open({ filename: ":memory:", keepBulkRows: true, migrations: Migrations.migrations.slice(0, 3) })
      .then(() => undefined, (e: unknown) => e)
    assert.match(String(error), /keepBulkRows needs the table houqin_bulk_rows/)
  })
})
