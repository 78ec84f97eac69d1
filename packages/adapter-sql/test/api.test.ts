/**
 * The front doors: the layer for `createHouqin({ storage })`, `make` for Effect users (closed with
 * its scope), `migrateToLatest` as one call, typed failures when a database cannot be reached,
 * and the built package (`dist/`) doing the same as the sources.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createHouqin, Layers, Ports } from "@houqin/core"
import { Arbitraries } from "@houqin/core/testing"
import { Effect, Exit, Layer, Schema } from "effect"
import * as fc from "fast-check"
import { afterAll, assert, describe, it } from "vitest"
import * as SqlStorage from "../src/SqlStorage.ts"

const encodeOrg = Schema.encodeSync(Ports.People.OrganisationSpec.schema)
const encodeStudent = Schema.encodeSync(Ports.People.StudentSpec.schema)
const sample = <A>(arb: fc.Arbitrary<A>, seed: number): A => fc.sample(arb, { seed, numRuns: 1 })[0]!
const dir = mkdtempSync(join(tmpdir(), "houqin-api-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const fill = async (houqin: ReturnType<typeof createHouqin>, schoolId: string) => {
  const org = sample(Arbitraries.organisation(schoolId), 3)
  const kids = sample(Arbitraries.students(schoolId, org.classes.map((c) => c.id), { minLength: 25, maxLength: 25 }), 3)
  await houqin.people.saveOrganisation({ schoolId, actor: "staff-1", organisation: encodeOrg(org) })
  await houqin.people.enrolStudents({
    schoolId,
    actor: "staff-1",
    students: kids.map((s) => {
      const { schoolId: _s, version: _v, enrolled: _e, ...rest } = encodeStudent(s)
      return rest
    })
  })
  return org
}

describe("the Promise front door", () => {
  it("createHouqin({ storage: layer({ filename }) }) keeps a school in a SQLite file across instances", async () => {
    const filename = join(dir, "school.sqlite")
    const first = createHouqin({ storage: SqlStorage.layer({ filename }) })
    const org = await fill(first, "school-api")
    const head = await first.audit.head("school-api")
    await first.dispose()
    const second = createHouqin({ storage: SqlStorage.layer({ filename }) })
    assert.strictEqual((await second.people.organisation("school-api")).school.name, org.school.name)
    assert.strictEqual((await second.people.students("school-api")).length, 25)
    const report = await second.audit.verify("school-api", { recordedHead: head })
    assert.isTrue(report.ok)
    assert.strictEqual(report.entries, 2)
    await second.dispose()
  })

  it("rejects with the same typed error object the Effect API fails with", async () => {
    const houqin = createHouqin({ storage: SqlStorage.layer() })
    await fill(houqin, "school-typed")
    const students = await houqin.people.students("school-typed")
    const error = await houqin.people.updateStudent({ schoolId: "school-typed", actor: "staff-1", studentId: students[0]!.id, version: 7, enrolled: false })
      .then(() => undefined, (e: unknown) => e as { _tag: string; code: string; zh: string; en: string })
    assert.strictEqual(error?._tag, "ConflictError")
    assert.strictEqual(error?.code, "storage.conflict")
    assert.match(error!.zh, /已被他人修改/)
    await houqin.dispose()
  })

  it("migrateToLatest is one call: it runs the migrations a database lacks, then nothing", async () => {
    const filename = join(dir, "migrate.sqlite")
    assert.deepStrictEqual(await SqlStorage.migrateToLatest({ filename }), ["0001_kernel_and_audit", "0002_audit_by_time", "0003_modules", "0004_bulk_rows", "0005_fields_indexes", "0006_canteen_hygiene", "0007_approvals_delegation"])
    assert.deepStrictEqual(await SqlStorage.migrateToLatest({ filename }), [])
  })

  it("a database that cannot be reached fails with a typed StorageError, not a throw", async () => {
    const houqin = createHouqin({ storage: SqlStorage.layer({ dialect: "postgres", url: "postgres://nobody@127.0.0.1:9/none", poolSize: 1 }) })
    const error = await houqin.people.organisation("x").then(() => undefined, (e: unknown) => e as { _tag: string; code: string })
    assert.strictEqual(error?._tag, "StorageError")
    assert.strictEqual(error?.code, "storage.failure")
    await houqin.dispose().catch(() => undefined)
  })
})

describe("the Effect front door", () => {
  it("make is scoped: the backend works inside the scope and its connections close with it", async () => {
    const handleClosed = await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const backend = yield* SqlStorage.make({ filename: ":memory:" })
      assert.strictEqual(backend.name, "sql:sqlite")
      assert.strictEqual(backend.dialect.name, "sqlite")
      const students = backend.repository(Ports.People.StudentSpec)
      assert.strictEqual(yield* students.count("nobody"), 0)
      return students
    })).pipe(Effect.flatMap((students) => Effect.exit(students.count("nobody")))))
    assert.isTrue(Exit.isFailure(handleClosed), "after the scope, the database is closed")
  })

  it("layer gives every service of the core through Layers.layer", async () => {
    const program = Effect.gen(function*() {
      const audit = yield* Ports.AuditLog.AuditLog
      return yield* audit.writers("nobody")
    })
    const writers = await Effect.runPromise(program.pipe(Effect.provide(Layers.layer(SqlStorage.layer()).pipe(Layer.orDie))))
    assert.deepStrictEqual(writers, [])
  })
})

const dist = join(import.meta.dirname, "..", "dist", "index.js")
describe.skipIf(!existsSync(dist))("the built package (dist/, present after `pnpm build`)", () => {
  it("opens, migrates and stores a school the same way", async () => {
    const built = (await import(dist)) as typeof SqlStorage
    const houqin = createHouqin({ storage: built.layer({ filename: ":memory:" }) })
    await fill(houqin, "school-dist")
    assert.strictEqual((await houqin.people.students("school-dist")).length, 25)
    assert.isTrue((await houqin.audit.verify("school-dist")).ok)
    await houqin.dispose()
  })
})
