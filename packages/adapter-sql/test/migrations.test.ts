/**
 * Migrations: the latest schema stores every aggregate the core registers; a database created by
 * the first migration and filled with data upgrades to the latest with every row kept; new
 * projected fields are computed from the stored documents; the next migration is derived from the
 * specs that lack a table or a column.
 */
import { readdirSync } from "node:fs"
import { join } from "node:path"
import { createHouqin, Ports } from "@houqin/core"
import { Arbitraries } from "@houqin/core/testing"
import { Effect, Schema } from "effect"
import * as fc from "fast-check"
import { afterAll, assert, describe, it } from "vitest"
import * as Migrations from "../src/Migrations.ts"
import * as Specs from "../src/Specs.ts"
import type { MigrationDefinition } from "../src/Tables.ts"
import { columnName, diff, indexName, problemOf, schemaOf, tableName } from "../src/Tables.ts"
import { engines, open } from "./engines.ts"

const encodeOrg = Schema.encodeSync(Ports.People.OrganisationSpec.schema)
const encodeStudent = Schema.encodeSync(Ports.People.StudentSpec.schema)
const sample = <A>(arb: fc.Arbitrary<A>, seed: number): A => fc.sample(arb, { seed, numRuns: 1 })[0]!

describe("the released migrations", () => {
  it("store every aggregate the core registers, with a column for every projected field of its kind", async () => {
    const specs = await Effect.runPromise(Specs.registered)
    assert.includeMembers(specs.map((s) => s.name), ["kernel.organisation", "kernel.student"])
    const { steps, problems } = diff(Migrations.latest, specs)
    assert.deepStrictEqual(problems, [])
    assert.deepStrictEqual(steps, [], "a registered aggregate has no table or column: run `pnpm --filter @houqin/adapter-sql migration:new`")
    assert.isTrue(Migrations.latest.audit)
  })

  it("are numbered in order, one file each, every file listed", () => {
    const files = readdirSync(join(import.meta.dirname, "..", "src", "migrations")).filter((f) => /^\d{4}_/.test(f)).sort()
    assert.deepStrictEqual(Migrations.migrations.map((m) => `${m.name}.ts`), files)
    Migrations.migrations.forEach((m, i) => assert.strictEqual(m.name.slice(0, 4), String(i + 1).padStart(4, "0")))
  })
})

describe("naming", () => {
  it("maps aggregates to tables and camelCase fields to snake_case columns", () => {
    assert.strictEqual(tableName("retention.sample"), "retention_sample")
    assert.strictEqual(tableName("canteen.purchaseLine"), "canteen_purchase_line")
    assert.strictEqual(columnName("birthDate"), "birth_date")
    assert.strictEqual(columnName("amountFen"), "amount_fen")
    assert.strictEqual(columnName("HTTPStatus"), "http_status")
    assert.strictEqual(columnName("kind"), "kind")
  })
  it("refuses names that make no identifier or take a base column", () => {
    assert.match(problemOf("canteen.purchase-line", [])!, /not a lowercase SQL identifier/)
    assert.match(problemOf("canteen.purchase", ["version"])!, /base column version/)
    assert.match(problemOf("canteen.purchase", ["doc"])!, /base column doc/)
    assert.match(problemOf("canteen.purchase", ["aB", "a_b"])!, /both make column a_b/)
    assert.isUndefined(problemOf("canteen.purchase", ["supplierId", "receivedOn"]))
  })
  it("keeps index names within 60 characters, distinct for distinct columns", () => {
    const long = "canteen_purchase_line_with_a_rather_long_table_name"
    const a = indexName(long, "accepted_by_staff_member_id")
    const b = indexName(long, "accepted_by_staff_member_id_2")
    assert.isAtMost(a.length, 60)
    assert.notStrictEqual(a, b)
    assert.strictEqual(indexName("kernel_student", "class_id"), "kernel_student__class_id")
  })
})

// a schema where kernel.student was first stored without two of its fields
const before: MigrationDefinition = {
  name: "0001_before",
  ddl: "v1",
  steps: [
    { op: "createAuditTables" },
    {
      op: "createAggregateTable",
      aggregate: "kernel.student",
      table: "kernel_student",
      columns: [{ field: "classId", column: "class_id", kind: "text" }, { field: "sex", column: "sex", kind: "text" }]
    }
  ]
}

describe("the next migration", () => {
  it("adds a table for a new aggregate, columns for new fields, and refuses a changed kind", () => {
    const schema = schemaOf([before])
    const { steps } = diff(schema, [
      Ports.People.StudentSpec,
      { name: "canteen.purchaseLine", fields: { receivedOn: { kind: "date" }, amountFen: { kind: "int" } } }
    ])
    assert.deepStrictEqual(steps, [
      {
        op: "createAggregateTable",
        aggregate: "canteen.purchaseLine",
        table: "canteen_purchase_line",
        columns: [{ field: "receivedOn", column: "received_on", kind: "date" }, { field: "amountFen", column: "amount_fen", kind: "int" }]
      },
      {
        op: "addColumns",
        aggregate: "kernel.student",
        table: "kernel_student",
        columns: [{ field: "birthDate", column: "birth_date", kind: "date" }, { field: "enrolled", column: "enrolled", kind: "bool" }]
      }
    ])
    const changed = diff(schema, [{ name: "kernel.student", fields: { classId: { kind: "int" }, sex: { kind: "text" } } }])
    assert.deepStrictEqual(changed.steps, [])
    assert.match(changed.problems[0]!, /classId changed kind from text to int/)
  })

  it("creates a table after the tables it references, with its foreign keys and unique indexes, and refuses what only a hand-written migration can do", () => {
    const schema = schemaOf([before])
    const lot = { name: "canteen.lot", fields: { deliveryId: { kind: "text" as const, references: "canteen.delivery" }, quantity: { kind: "decimal" as const } } }
    const delivery = { name: "canteen.delivery", fields: { studentId: { kind: "text" as const, references: "kernel.student" }, code: { kind: "text" as const } }, unique: [["code"]] }
    const { steps, problems } = diff(schema, [lot, delivery])
    assert.deepStrictEqual(problems, [])
    assert.deepStrictEqual(steps.map((x) => (x.op === "createAggregateTable" ? x.table : x.op)), ["canteen_delivery", "canteen_lot"], "the referenced table first")
    assert.deepStrictEqual(steps[0], {
      op: "createAggregateTable",
      aggregate: "canteen.delivery",
      table: "canteen_delivery",
      columns: [
        { field: "studentId", column: "student_id", kind: "text", references: { aggregate: "kernel.student", table: "kernel_student" } },
        { field: "code", column: "code", kind: "text" }
      ],
      unique: [{ name: "canteen_delivery__uq__code", fields: ["code"], columns: ["code"] }]
    })
    const later = schemaOf([before, { name: "0002", ddl: "v2", steps }])
    assert.deepStrictEqual(diff(later, [lot, delivery]), { steps: [], problems: [] })
    // a new unique set on an existing table is a step; a new reference on one, a dangling one or a changed one are problems
    const grown = diff(later, [
      { ...lot, fields: { ...lot.fields, orderId: { kind: "text", references: "canteen.delivery" } } },
      { ...delivery, unique: [["code"], ["studentId", "code"]] },
      { name: "canteen.note", fields: { lotId: { kind: "text", references: "canteen.nowhere" } } }
    ])
    assert.deepStrictEqual(grown.steps, [{
      op: "createUniqueIndex",
      aggregate: "canteen.delivery",
      table: "canteen_delivery",
      index: { name: "canteen_delivery__uq__student_id__code", fields: ["studentId", "code"], columns: ["student_id", "code"] }
    }])
    assert.strictEqual(grown.problems.length, 2)
    assert.match(grown.problems.join("\n"), /new field orderId references canteen\.delivery; a foreign key on an existing table needs a migration written by hand/)
    assert.match(grown.problems.join("\n"), /lotId references canteen\.nowhere, which has no table/)
    const moved = diff(later, [{ ...lot, fields: { ...lot.fields, deliveryId: { kind: "text", references: "kernel.student" } } }, delivery])
    assert.match(moved.problems[0]!, /deliveryId changed its reference from canteen\.delivery to kernel\.student/)
  })
})

for (const engine of engines) {
  describe.skipIf(!engine.available)(`upgrades on ${engine.name}`, () => {
    const opened: Array<{ close: () => Promise<void> }> = []
    afterAll(async () => {
      for (const h of opened) await h.close()
    })

    it("a database created by the first migration and filled with data upgrades to the latest with every row kept", async () => {
      const handle = await open(engine, { migrate: false })
      opened.push(handle)
      const first = Migrations.migrations[0]!.name
      assert.deepStrictEqual(await Migrations.to(handle.db, handle.backend.dialect, first), [first])
      const schoolId = "school-upgrade"
      const org = sample(Arbitraries.organisation(schoolId), 41)
      const kids = sample(Arbitraries.students(schoolId, org.classes.map((c) => c.id), { minLength: 60, maxLength: 60 }), 41)
      const houqin = createHouqin({ storage: handle.layer, clock: () => Date.UTC(2026, 2, 15, 3, 45) })
      await houqin.people.saveOrganisation({ schoolId, actor: "staff-1", organisation: encodeOrg(org) })
      await houqin.people.enrolStudents({
        schoolId,
        actor: "staff-1",
        students: kids.map((s) => {
          const { schoolId: _s, version: _v, enrolled: _e, ...rest } = encodeStudent(s)
          return rest
        })
      })
      await houqin.people.updateStudent({ schoolId, actor: "staff-2", studentId: kids[0]!.id, version: 1, enrolled: false })
      const snapshot = async () => ({
        organisation: await handle.db.selectFrom("kernel_organisation").selectAll().orderBy("school_id").orderBy("id").execute(),
        students: await handle.db.selectFrom("kernel_student").selectAll().orderBy("school_id").orderBy("id").execute(),
        audit: await handle.db.selectFrom("houqin_audit").selectAll().orderBy("school_id").orderBy("writer").orderBy("seq").execute()
      })
      const was = await snapshot()
      assert.strictEqual(was.students.length, 60)
      assert.strictEqual(was.audit.length, 3)
      const ran = await handle.migrateToLatest()
      assert.deepStrictEqual(ran, Migrations.migrations.slice(1).map((m) => m.name))
      assert.deepStrictEqual(await snapshot(), was)
      assert.deepStrictEqual(await handle.migrateToLatest(), [], "a second run finds nothing to do")
      const report = await houqin.audit.verify(schoolId)
      assert.isTrue(report.ok, JSON.stringify(report.problems))
      assert.strictEqual((await houqin.people.students(schoolId)).length, 60)
      await houqin.dispose()
    })

    it("new projected fields are computed from the stored documents", async () => {
      const handle = await open(engine, { migrate: false })
      opened.push(handle)
      const caps = handle.backend.dialect
      const migrate = async (list: ReadonlyArray<MigrationDefinition>) => {
        const r = await (await Migrations.migrator(handle.db, caps, list)).migrateToLatest()
        if (r.error !== undefined) throw r.error
        return r.results?.map((x) => x.migrationName)
      }
      assert.deepStrictEqual(await migrate([before]), ["0001_before"])
      const schoolId = "school-backfill"
      const kids = sample(Arbitraries.students(schoolId, ["class-a", "class-b"], { minLength: 30, maxLength: 30 }), 5)
        .map((s, i) => ({ ...s, version: 1, enrolled: i % 3 !== 0 }))
      // rows written while the table had only two field columns
      await handle.db.insertInto("kernel_student").values(kids.map((k) => ({
        school_id: k.schoolId,
        id: k.id,
        version: 1,
        doc: JSON.stringify(encodeStudent(k)),
        class_id: k.classId,
        sex: k.sex
      }))).execute()
      const { steps } = diff(schemaOf([before]), [Ports.People.StudentSpec])
      const after: MigrationDefinition = { name: "0002_after", ddl: "v1", steps }
      assert.deepStrictEqual(await migrate([before, after]), ["0002_after"])
      const rows = await handle.db.selectFrom("kernel_student").select(["id", "birth_date", "enrolled"]).orderBy("id").execute()
      const expected = [...kids].sort((a, b) => (a.id < b.id ? -1 : 1))
      assert.deepStrictEqual(rows.map((r) => r["id"]), expected.map((k) => k.id))
      rows.forEach((r, i) => {
        const d = r["birth_date"]
        const date = d instanceof Date ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}` : String(d)
        assert.strictEqual(date, expected[i]!.birthDate)
        assert.strictEqual(Boolean(r["enrolled"]), expected[i]!.enrolled)
      })
      // and the port queries the new columns
      const enrolled = await Effect.runPromise(handle.backend.repository(Ports.People.StudentSpec).count(schoolId, { where: { enrolled: true } }))
      assert.strictEqual(enrolled, kids.filter((k) => k.enrolled).length)
    })
  })
}
