/**
 * The SQL server's end of sync (`@houqin/adapter-indexeddb/sync`): a server opened with
 * `keepBulkRows` exports its own chain with bulk inserts to a device, and relays a device's chain
 * (its bulk rows included) to another device; without the option the export of a bulk insert
 * fails with `MissingRowsError`, which says how to keep them.
 */
import type { Houqin } from "@houqin/core"
import { createHouqin, People } from "@houqin/core"
import { Arbitraries } from "@houqin/core/testing"
import * as IndexedDb from "@houqin/adapter-indexeddb"
import * as Sync from "@houqin/adapter-indexeddb/sync"
import { Schema } from "effect"
import { IDBKeyRange, indexedDB } from "fake-indexeddb"
import * as fc from "fast-check"
import { afterAll, assert, describe, it } from "vitest"
import type { SqlOptions } from "../src/SqlStorage.ts"
import { engines, open } from "./engines.ts"

const SCHOOL = "school-sync"
const org = Schema.encodeSync(People.Organisation)(fc.sample(Arbitraries.organisation(SCHOOL), { seed: 5, numRuns: 1 })[0]!)
const classId = org.classes[0]!.id
const students = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `stu-${from + i}`, name: `学生${from + i}`, sex: i % 2 === 0 ? ("F" as const) : ("M" as const), birthDate: "2016-05-04", classId }))

let clockMs = Date.UTC(2026, 8, 1, 0, 0)
const clock = () => (clockMs += 60_000)

/** the JSON a change set becomes on the wire */
const wire = (changes: Sync.ChangeSetJson): unknown => JSON.parse(JSON.stringify(changes))

/** what a school's records look like, for comparing two stores */
const snapshot = async (h: Houqin) =>
  JSON.stringify({
    organisation: Schema.encodeSync(People.Organisation)(await h.people.organisation(SCHOOL)),
    students: (await h.people.students(SCHOOL)).map((s) => Schema.encodeSync(People.Student)(s))
  })

for (const engine of engines) {
  describe.skipIf(!engine.available)(`sync with a server on ${engine.name}`, () => {
    const closing: Array<() => Promise<void>> = []
    afterAll(async () => {
      for (const close of closing.reverse()) await close()
    })
    const server = async (options: Partial<SqlOptions>) => {
      const handle = await open(engine, options)
      const h = createHouqin({ storage: handle.layer, writer: "server", clock })
      closing.push(() => handle.close(), () => h.dispose())
      return h
    }
    const device = (writer: string) => {
      const h = createHouqin({ storage: IndexedDb.layer({ indexedDB, IDBKeyRange, name: `${writer}-${crypto.randomUUID()}` }), writer, clock })
      closing.push(() => h.dispose())
      return h
    }

    it("sends the server's own bulk inserts down to a device, which ends with the same records and a verifiable copy of the chain", async () => {
      const office = await server({ keepBulkRows: true })
      await office.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
      await office.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: students(1, 40) })
      await office.people.updateStudent({ schoolId: SCHOOL, actor: "staff-2", studentId: "stu-3", version: 1, enrolled: false })
      const tablet = device("tablet-7")
      const down = await office.run(Sync.exportChanges({ schoolId: SCHOOL, writer: "server" }))
      assert.strictEqual(down.bulk.length, 1)
      assert.strictEqual(down.bulk[0]!.rows.length, 40)
      const report = await tablet.run(Sync.importChanges(wire(down)))
      assert.deepStrictEqual([report.imported, report.applied, report.conflicts.length], [3, 42, 0])
      assert.strictEqual(await snapshot(tablet), await snapshot(office))
      assert.deepInclude(await tablet.audit.verify(SCHOOL, { writer: "server" }), { ok: true, entries: 3 })
      // once the device has them, the server forgets its kept rows; the records stay
      assert.strictEqual(await office.run(Sync.pruneExported({ schoolId: SCHOOL, writer: "server", through: report.head.seq })), 1)
      assert.strictEqual((await office.people.students(SCHOOL)).length, 40)
    })

    it("relays a device's chain with its bulk inserts from one device to another", async () => {
      const tablet = device("tablet-7")
      await tablet.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
      await tablet.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: students(1, 25) })
      await tablet.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: students(26, 1) })
      const office = await server({ keepBulkRows: true })
      const up = await office.run(Sync.importChanges(wire(await tablet.run(Sync.exportChanges({ schoolId: SCHOOL })))))
      assert.deepStrictEqual([up.imported, up.applied], [3, 27])
      const clinic = device("clinic-2")
      const relayed = await office.run(Sync.exportChanges({ schoolId: SCHOOL, writer: "tablet-7" }))
      assert.deepStrictEqual(relayed.bulk.map((b) => b.rows.length), [25, 1])
      await clinic.run(Sync.importChanges(wire(relayed)))
      assert.strictEqual(await snapshot(clinic), await snapshot(tablet))
      assert.deepInclude(await clinic.audit.verify(SCHOOL, { writer: "tablet-7" }), { ok: true, entries: 3 })
    })

    it("without keepBulkRows, refuses to export a bulk insert with a typed error that says how to keep them", async () => {
      const office = await server({})
      await office.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
      await office.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: students(1, 5) })
      const error: unknown = await office.run(Sync.exportChanges({ schoolId: SCHOOL, writer: "server" })).then(() => undefined, (e: unknown) => e)
      assert.instanceOf(error, IndexedDb.MissingRowsError)
      assert.include(error, { code: "sync.missingRows", seq: 2 })
      assert.match((error).en, /keepBulkRows/)
      assert.match((error).zh, /keepBulkRows/)
    })
  })
}
