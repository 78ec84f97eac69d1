/**
 * Migrations: the latest schema stores every aggregate the core registers; a database created by
 * the first migration and filled with data upgrades to the latest with every row kept; new
 * projected fields are computed from the stored documents; the next migration is derived from the
 * specs that lack a table or a column.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createHouqin, Ports, Retention, Time } from "@houqin/core"
import { Arbitraries } from "@houqin/core/testing"
import { Effect, Schema } from "effect"
import { sql } from "kysely"
import * as fc from "fast-check"
import { afterAll, assert, describe, it } from "vitest"
import * as Migrations from "../src/Migrations.ts"
import { sqlite as sqliteDialect } from "../src/dialects/sqlite.ts"
import * as Specs from "../src/Specs.ts"
import * as SqlStorage from "../src/SqlStorage.ts"
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

  it("refuses a unique set or an index whose key MariaDB cannot hold (3,072 bytes): two free-text fields; ids, instants and numbers fit", () => {
    const schema = schemaOf([before])
    const note = {
      name: "canteen.note",
      fields: { title: { kind: "text" as const }, body: { kind: "text" as const }, at: { kind: "instant" as const }, lotId: { kind: "text" as const, references: "kernel.student" } }
    }
    // (school_id, title, body): 256 + 2,048 + 2,048 = 4,352 bytes; (school_id, title, body, id): 4,608
    const tooLong = diff(schema, [{ ...note, unique: [["title", "body"]], indexes: [["title", "body"]] }])
    assert.deepStrictEqual(tooLong.steps, [])
    assert.strictEqual(tooLong.problems.length, 2)
    assert.match(tooLong.problems[0]!, /canteen\.note: a unique set on title, body takes 4352 bytes a key on MariaDB and MySQL, which hold at most 3072/)
    assert.match(tooLong.problems[1]!, /canteen\.note: an index on title, body takes 4608 bytes/)
    // (school_id, title, at, id): 256 + 2,048 + 7 + 256 = 2,567; (school_id, lot_id, title): 256 + 256 + 2,048 = 2,560
    const fits = diff(schema, [{ ...note, unique: [["lotId", "title"]], indexes: [["title", "at"]] }])
    assert.deepStrictEqual(fits.problems, [])
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

describe("indexes of several fields", () => {
  it("are a step for a new table and an existing one alike, after the tables; once made, nothing; a set naming an unknown field, none or one twice is refused", () => {
    const schema = schemaOf([before])
    const reading = { name: "retention.reading", fields: { fridgeId: { kind: "text" as const }, at: { kind: "instant" as const } }, indexes: [["fridgeId", "at"]] }
    const student = { ...Ports.People.StudentSpec, indexes: [["classId", "birthDate"]] }
    const { steps, problems } = diff(schema, [reading, student])
    assert.deepStrictEqual(problems, [])
    assert.deepStrictEqual(steps.map((x) => x.op), ["createAggregateTable", "addColumns", "createFieldsIndex", "createFieldsIndex"])
    assert.deepStrictEqual(steps.filter((x) => x.op === "createFieldsIndex"), [
      { op: "createFieldsIndex", aggregate: "kernel.student", table: "kernel_student", name: "kernel_student__ix__class_id__birth_date", fields: ["classId", "birthDate"], columns: ["class_id", "birth_date"] },
      { op: "createFieldsIndex", aggregate: "retention.reading", table: "retention_reading", name: "retention_reading__ix__fridge_id__at", fields: ["fridgeId", "at"], columns: ["fridge_id", "at"] }
    ])
    const later = schemaOf([before, { name: "0002", ddl: "v2", steps }])
    assert.deepStrictEqual(later.indexes.map((i) => i.columns.join()), ["school_id,class_id,birth_date,id", "school_id,fridge_id,at,id"])
    assert.deepStrictEqual(diff(later, [reading, student]), { steps: [], problems: [] })
    for (const [set, message] of [[["fridgeId", "nope"], /an index names fields it does not project \(nope\)/], [[], /an index names no field/], [["at", "at"], /an index names a field twice/]] as const) {
      const refused = diff(later, [{ ...reading, indexes: [set] }])
      assert.deepStrictEqual(refused.steps, [])
      assert.match(refused.problems.join("\n"), message)
    }
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

const fridgeRows = (schoolId: string) =>
  Array.from({ length: 10 }, (_, i) => ({ schoolId, id: `fridge-${i}`, version: 1, name: `留样柜 ${i + 1}`, dedicated: true, active: true }) as Retention.Fridge)
/** 2,000 readings of 10 fridges, every 15 minutes */
const readingRows = (schoolId: string) =>
  Array.from({ length: 2000 }, (_, i) => ({
    schoolId,
    id: `reading-${String(i).padStart(5, "0")}`,
    version: 1,
    fridgeId: `fridge-${i % 10}`,
    at: Time.fromEpochMillis(Date.UTC(2026, 2, 1) + Math.floor(i / 10) * 900_000),
    celsius: 3
  }) as Retention.Reading)
const encodeFridge = Schema.encodeSync(Retention.Fridge)
const encodeReading = Schema.encodeSync(Retention.Reading)
// the port's query of a fridge's day, as the adapter writes it on SQLite
const fridgeDay = `SELECT "doc" FROM "retention_reading" WHERE "school_id" = ? AND ("fridge_id" = ?) AND "at" IS NOT NULL AND "at" >= ? AND "at" < ? ORDER BY "at" ASC, "id" ASC`
const dayParams = ["school-ix", "fridge-3", "2026-03-02T00:00:00.000Z", "2026-03-03T00:00:00.000Z"]
const throughIndex = /SEARCH retention_reading USING INDEX retention_reading__ix__fridge_id__at \(school_id=\? AND fridge_id=\? AND at>\? AND at<\?\)/

for (const engine of engines) {
  describe.skipIf(!engine.available)(`indexes of several fields on ${engine.name}`, () => {
    it("the released schema indexes a fridge's readings by (school, fridge, instant, id); an import makes the planner's statistics (PostgreSQL: ANALYZE after the commit), and a fridge's day is read through the index (SQLite's plan)", async () => {
      const handle = await open(engine)
      try {
        const name = "retention_reading__ix__fridge_id__at"
        const dialect = handle.backend.dialect.name
        const columns = dialect === "sqlite"
          ? (await sql<{ name: string }>`SELECT name FROM pragma_index_info(${name}) ORDER BY seqno`.execute(handle.db)).rows.map((r) => r.name)
          : dialect === "postgres"
          ? (await sql<{ name: string }>`SELECT a.attname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum WHERE c.relname = ${name} AND n.nspname = current_schema() ORDER BY k.ord`.execute(handle.db)).rows.map((r) => r.name)
          : (await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.statistics WHERE table_schema = DATABASE() AND index_name = ${name} ORDER BY seq_in_index`.execute(handle.db)).rows.map((r) => r.name)
        assert.deepStrictEqual(columns, ["school_id", "fridge_id", "at", "id"])
        const reltuples = async () => Number((await sql<{ n: number }>`SELECT reltuples AS n FROM pg_class WHERE oid = to_regclass('retention_reading')`.execute(handle.db)).rows[0]?.n)
        if (dialect === "postgres") assert.strictEqual(await reltuples(), -1, "never analyzed")
        await Effect.runPromise(handle.backend.repository(Retention.Storage.FridgeSpec).insert(fridgeRows("school-ix").map((f) => ({ value: f, encoded: encodeFridge(f) }))))
        await Effect.runPromise(handle.backend.repository(Retention.Storage.ReadingSpec).insert(readingRows("school-ix").map((r) => ({ value: r, encoded: encodeReading(r) }))))
        // PostgreSQL: the import's commit analyzed the table, as autovacuum would within a minute
        if (dialect === "postgres") assert.strictEqual(await reltuples(), 2000, "analyzed after the bulk write committed")
        if (dialect !== "sqlite") return
        // without statistics SQLite cannot tell this index from (school_id, at, id); the bulk
        // import makes them (PRAGMA optimize), and the planner then takes the fridge's index
        const plan = await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${sql.raw(fridgeDay.replace(/\?/g, "NULL"))}`.execute(handle.db)
        const details = plan.rows.map((r) => r.detail).join("\n")
        assert.match(details, throughIndex)
        assert.notMatch(details, /TEMP B-TREE/, "no sort: the index gives the order")
        const day = await Effect.runPromise(handle.backend.repository(Retention.Storage.ReadingSpec).list("school-ix", { where: { fridgeId: "fridge-3" }, range: { field: "at", from: Date.UTC(2026, 2, 2), to: Date.UTC(2026, 2, 3) } }))
        assert.strictEqual(day.length, 96, "a reading every 15 minutes")
      } finally {
        await handle.close()
      }
    })
  })
}

describe("statistics on a SQLite file with a writer thread", () => {
  it("the reader plans with the statistics a committed bulk write made (it is opened anew), not with those it loaded first", async () => {
    const dir = mkdtempSync(join(tmpdir(), "houqin-stats-"))
    try {
      const filename = join(dir, "stats.sqlite")
      const handle = await SqlStorage.open({ dialect: "sqlite", filename })
      await handle.close()
      const pool = await sqliteDialect.open({ filename })
      try {
        const plan = async () => (await pool.read!(`EXPLAIN QUERY PLAN ${fridgeDay}`, dayParams)).rows.map((r) => String(r["detail"])).join("\n")
        assert.notMatch(await plan(), throughIndex, "no statistics yet: the planner cannot tell the two indexes apart")
        const c = await pool.acquire()
        try {
          await c.query("BEGIN IMMEDIATE", [])
          for (const f of fridgeRows("school-ix")) await c.query(`INSERT INTO "retention_fridge" ("school_id", "id", "version", "doc") VALUES (?, ?, 1, ?)`, [f.schoolId, f.id, JSON.stringify(encodeFridge(f))])
          const rows = readingRows("school-ix").map((r) => [r.schoolId, r.id, 1, JSON.stringify(encodeReading(r)), r.fridgeId, Time.formatInstant(r.at), r.celsius, null])
          let at = 0
          await c.bulkInsert({ table: "retention_reading", columns: ["school_id", "id", "version", "doc", "fridge_id", "at", "celsius", "recorded_by"] }, {
            next: (max) => (at >= rows.length ? undefined : rows.slice(at, at += max))
          })
          assert.notMatch(await plan(), throughIndex, "the statistics of a transaction not yet committed are not read")
          await c.query("COMMIT", [])
        } finally {
          pool.release(c, false)
        }
        assert.match(await plan(), throughIndex)
      } finally {
        await pool.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
