/**
 * Sync round trips: a device works offline on IndexedDB (writer "tablet-7"), exports its chain,
 * and a server (the memory backend, standing for any backend) or another device imports it.
 */
import type { Houqin } from "@houqin/core"
import { createHouqin, People, Ports } from "@houqin/core"
import { Arbitraries } from "@houqin/core/testing"
import { Effect, Schema } from "effect"
import * as fc from "fast-check"
import { afterEach, describe, expect, it } from "vitest"
import * as IndexedDb from "../src/index.ts"
import * as Sync from "../src/Sync.ts"
import { options } from "./env.ts"

const SCHOOL = "school-sync"
const org = Schema.encodeSync(People.Organisation)(fc.sample(Arbitraries.organisation(SCHOOL), { seed: 11, numRuns: 1 })[0]!)
const classId = org.classes[0]!.id
const students = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `stu-${from + i}`, name: `学生${from + i}`, sex: i % 2 === 0 ? ("F" as const) : ("M" as const), birthDate: "2016-05-04", classId }))

let clockMs = Date.UTC(2026, 8, 1, 0, 0)
const clock = () => (clockMs += 60_000)

const opened: Array<Houqin> = []
const device = (writer = "tablet-7", name?: string) => {
  const h = createHouqin({ storage: IndexedDb.layer(name === undefined ? options("device") : { ...options("device"), name }), writer, clock })
  opened.push(h)
  return h
}
const server = () => {
  const h = createHouqin({ writer: "server", clock })
  opened.push(h)
  return h
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.dispose()))
})

/** what a school's records look like, for comparing two stores */
const snapshot = async (h: Houqin) => {
  const organisation = await h.people.organisation(SCHOOL)
  const list = await h.people.students(SCHOOL)
  return JSON.stringify({
    organisation: Schema.encodeSync(People.Organisation)(organisation),
    students: list.map((s) => Schema.encodeSync(People.Student)(s))
  })
}

/** the JSON a change set becomes on the wire */
const wire = (changes: Sync.ChangeSetJson): unknown => JSON.parse(JSON.stringify(changes))

describe("sync: export and import of changes", () => {
  it("round trip: the server ends with the device's records and a verifiable copy of its chain", async () => {
    const tablet = device()
    await tablet.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
    await tablet.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: students(1, 30) }) // a bulk insert
    await tablet.people.updateStudent({ schoolId: SCHOOL, actor: "staff-2", studentId: "stu-3", version: 1, enrolled: false })
    const changes = await tablet.run(Sync.exportChanges({ schoolId: SCHOOL }))
    expect(changes.entries.map((e) => e.seq)).toEqual([1, 2, 3])
    expect(changes.bulk.map((b) => [b.aggregate, b.rows.length])).toEqual([["kernel.student", 30]])

    const office = server()
    const report = await office.run(Sync.importChanges(wire(changes)))
    // 1 organisation + 30 students + 1 update = 32 changes applied, 3 entries appended
    expect([report.imported, report.alreadyHad, report.applied, report.conflicts.length]).toEqual([3, 0, 32, 0])
    expect(report.head).toEqual(changes.head)
    expect(await snapshot(office)).toBe(await snapshot(tablet))
    const verified = await office.audit.verify(SCHOOL, { writer: "tablet-7", recordedHead: report.head })
    expect(verified.ok).toBe(true)
    // the server's own chain is untouched: an import without conflicts appends nothing of its own
    expect(await office.audit.findHead(SCHOOL, "server")).toBeUndefined()
  })

  it("is idempotent: importing the same change set twice changes nothing the second time", async () => {
    const tablet = device()
    await tablet.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
    await tablet.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: students(1, 5) })
    const changes = wire(await tablet.run(Sync.exportChanges({ schoolId: SCHOOL })))
    const office = server()
    await office.run(Sync.importChanges(changes))
    const before = await snapshot(office)
    const again = await office.run(Sync.importChanges(changes))
    expect([again.imported, again.alreadyHad, again.applied]).toEqual([0, 2, 0])
    expect(await snapshot(office)).toBe(before)
  })

  it("is incremental: a second export from the server's head carries only the new entries", async () => {
    const tablet = device()
    const office = server()
    await tablet.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
    await office.run(Sync.importChanges(wire(await tablet.run(Sync.exportChanges({ schoolId: SCHOOL })))))
    await tablet.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: students(1, 4) })
    await tablet.people.updateStudent({ schoolId: SCHOOL, actor: "staff-1", studentId: "stu-2", version: 1, classId })
    const since = await office.audit.head(SCHOOL, "tablet-7")
    const changes = await tablet.run(Sync.exportChanges({ schoolId: SCHOOL, since }))
    expect(changes.entries.map((e) => e.seq)).toEqual([2, 3])
    const report = await office.run(Sync.importChanges(wire(changes)))
    expect([report.imported, report.applied]).toEqual([2, 5])
    expect(await snapshot(office)).toBe(await snapshot(tablet))
    expect((await office.audit.verify(SCHOOL, { writer: "tablet-7" })).ok).toBe(true)
  })

  it("relays: a second device imports the first's chain, keeps its bulk rows, and exports it on", async () => {
    const tablet = device()
    await tablet.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
    await tablet.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: students(1, 12) })
    const clinic = device("clinic-2")
    await clinic.run(Sync.importChanges(wire(await tablet.run(Sync.exportChanges({ schoolId: SCHOOL })))))
    const relayed = await clinic.run(Sync.exportChanges({ schoolId: SCHOOL, writer: "tablet-7" }))
    const office = server()
    await office.run(Sync.importChanges(wire(relayed)))
    expect(await snapshot(office)).toBe(await snapshot(tablet))
    expect(await snapshot(clinic)).toBe(await snapshot(tablet))
  })

  it("goes both ways: the server's own changes (no bulk inserts) export from any backend and import on the device", async () => {
    const tablet = device()
    const office = server()
    await tablet.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
    await tablet.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: students(1, 3) })
    await office.run(Sync.importChanges(wire(await tablet.run(Sync.exportChanges({ schoolId: SCHOOL })))))
    await office.people.updateStudent({ schoolId: SCHOOL, actor: "staff-9", studentId: "stu-2", version: 1, enrolled: false })
    const down = await office.run(Sync.exportChanges({ schoolId: SCHOOL, writer: "server" }))
    const report = await tablet.run(Sync.importChanges(wire(down)))
    expect([report.imported, report.applied]).toEqual([1, 1])
    expect(await snapshot(tablet)).toBe(await snapshot(office))
    // the device now holds both chains, each verifiable
    expect(await tablet.audit.verify(SCHOOL, { writer: "server" })).toMatchObject({ ok: true, entries: 1 })
    expect(await tablet.audit.verify(SCHOOL, { writer: "tablet-7" })).toMatchObject({ ok: true, entries: 2 })
  })

  it("a server that keeps bulk rows (here the memory backend with keepBulkRows) sends its own bulk inserts down", async () => {
    const office = createHouqin({ storage: Ports.Memory.layerMemoryWith({ keepBulkRows: true }), writer: "server", clock })
    opened.push(office)
    await office.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
    await office.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: students(1, 8) })
    const tablet = device()
    const report = await tablet.run(Sync.importChanges(wire(await office.run(Sync.exportChanges({ schoolId: SCHOOL, writer: "server" })))))
    expect([report.imported, report.applied]).toEqual([2, 9])
    expect(await snapshot(tablet)).toBe(await snapshot(office))
    // the default memory backend keeps no bulk rows: the same export fails with a typed error
    const plain = server()
    await plain.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
    await plain.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: students(1, 8) })
    const error: unknown = await plain.run(Sync.exportChanges({ schoolId: SCHOOL, writer: "server" })).then(() => undefined, (e: unknown) => e)
    expect(error).toMatchObject({ _tag: "MissingRowsError", code: "sync.missingRows", seq: 2 })
  })

  it("exports the right rows when one command inserts a record alone and then bulk inserts of one and of two rows, twice", async () => {
    const tablet = device()
    await tablet.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
    const [a, b, c, d, e, f] = students(1, 6).map((s) => Schema.decodeUnknownSync(People.Student)({ ...s, schoolId: SCHOOL, version: 0, enrolled: true }))
    const fourWays = Ports.Command.make({
      name: "test.fourWays",
      input: Schema.Struct(Ports.Command.contextFields),
      run: () =>
        Effect.gen(function*() {
          const repo = yield* Ports.People.StudentRepository
          yield* repo.insert(a!)
          yield* repo.insertMany([b!])
          yield* repo.insertMany([c!, d!])
          yield* repo.insertMany([e!, f!])
        })
    })
    await tablet.run(fourWays({ schoolId: SCHOOL, actor: "staff-1" }))
    const changes = await tablet.run(Sync.exportChanges({ schoolId: SCHOOL }))
    expect(changes.bulk.map((x) => x.rows.length)).toEqual([1, 2, 2])
    const office = server()
    await office.run(Sync.importChanges(wire(changes)))
    expect(await snapshot(office)).toBe(await snapshot(tablet))
  })

  it("refuses changes made from versions the receiver no longer holds, and writes nothing", async () => {
    const tablet = device()
    const office = server()
    await tablet.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
    await tablet.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: students(1, 3) })
    await office.run(Sync.importChanges(wire(await tablet.run(Sync.exportChanges({ schoolId: SCHOOL })))))
    const since = await office.audit.head(SCHOOL, "tablet-7")
    // both change stu-1 from version 1: the office first, the tablet offline
    await office.people.updateStudent({ schoolId: SCHOOL, actor: "staff-9", studentId: "stu-1", version: 1, enrolled: false })
    await tablet.people.updateStudent({ schoolId: SCHOOL, actor: "staff-1", studentId: "stu-1", version: 1, classId })
    await tablet.people.updateStudent({ schoolId: SCHOOL, actor: "staff-1", studentId: "stu-1", version: 2, enrolled: true })
    await tablet.people.updateStudent({ schoolId: SCHOOL, actor: "staff-1", studentId: "stu-2", version: 1, enrolled: false })
    const changes = wire(await tablet.run(Sync.exportChanges({ schoolId: SCHOOL, since })))
    const before = await snapshot(office)

    const error: unknown = await office.run(Sync.importChanges(changes)).then(() => undefined, (e: unknown) => e)
    expect(error).toMatchObject({ _tag: "SyncConflictError", code: "sync.conflict", writer: "tablet-7" })
    const conflicts = (error as IndexedDb.SyncConflictError).conflicts
    // the tablet's first change was made from version 1, the office holds version 2; its second
    // change of stu-1 builds on the first, so it conflicts too (dependent)
    expect(conflicts.map((c) => [c.id, c.expectedVersion, c.actualVersion, c.dependent])).toEqual([
      ["stu-1", 1, 2, false],
      ["stu-1", 2, 2, true]
    ])
    expect(await snapshot(office)).toBe(before)
    expect(await office.audit.head(SCHOOL, "tablet-7")).toEqual(since)
  })

  it("records conflicts when asked: the chain and the other changes are imported, the conflict is an audit entry", async () => {
    const tablet = device()
    const office = server()
    await tablet.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
    await tablet.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: students(1, 3) })
    await office.run(Sync.importChanges(wire(await tablet.run(Sync.exportChanges({ schoolId: SCHOOL })))))
    await office.people.updateStudent({ schoolId: SCHOOL, actor: "staff-9", studentId: "stu-1", version: 1, enrolled: false })
    await tablet.people.updateStudent({ schoolId: SCHOOL, actor: "staff-1", studentId: "stu-1", version: 1, classId })
    await tablet.people.updateStudent({ schoolId: SCHOOL, actor: "staff-1", studentId: "stu-2", version: 1, enrolled: false })
    const since = await office.audit.head(SCHOOL, "tablet-7")
    const report = await office.run(Sync.importChanges(wire(await tablet.run(Sync.exportChanges({ schoolId: SCHOOL, since }))), {
      conflicts: "record",
      actor: "sync-service"
    }))
    expect([report.imported, report.applied, report.conflicts.length]).toEqual([2, 1, 1])
    // stu-1 stays as the office has it (version 2, not enrolled); stu-2 has the tablet's change
    const list = await office.people.students(SCHOOL)
    const s1 = list.find((s) => s.id === "stu-1")!
    const s2 = list.find((s) => s.id === "stu-2")!
    expect([s1.version, s1.enrolled, s2.version, s2.enrolled]).toEqual([2, false, 2, false])
    expect(report.receipt).toMatchObject({ command: "sync.import", actor: "sync-service", writer: "server" })
    const serverChain = await office.audit.entries(SCHOOL, { writer: "server" })
    expect(serverChain.map((e) => e.command)).toEqual(["kernel.updateStudent", "sync.import"])
    expect((await office.audit.verify(SCHOOL, { writer: "server" })).ok).toBe(true)
    expect((await office.audit.verify(SCHOOL, { writer: "tablet-7" })).ok).toBe(true)
  })

  it("refuses a change set that starts after the receiver's head (a gap), and one from a point the device never had", async () => {
    const tablet = device()
    const office = server()
    await tablet.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
    await tablet.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: students(1, 2) })
    const entries = await tablet.audit.entries(SCHOOL)
    const fromTwo = wire(await tablet.run(Sync.exportChanges({ schoolId: SCHOOL, since: { seq: 1, hash: entries[0]!.hash } })))
    const gap: unknown = await office.run(Sync.importChanges(fromTwo)).then(() => undefined, (e: unknown) => e)
    expect(gap).toMatchObject({ _tag: "ChainGapError", code: "sync.gap", have: 0, from: 2 })
    const elsewhere: unknown = await tablet.run(Sync.exportChanges({ schoolId: SCHOOL, since: { seq: 1, hash: "ab".repeat(32) } }))
      .then(() => undefined, (e: unknown) => e)
    expect(elsewhere).toMatchObject({ _tag: "ChainForkError", code: "sync.fork", seq: 1 })
  })

  it("limits the aggregates a writer may change: one outside `specs` is refused and nothing is written", async () => {
    const tablet = device()
    const office = server()
    await tablet.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
    await tablet.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: students(1, 2) })
    const error: unknown = await office.run(Sync.importChanges(wire(await tablet.run(Sync.exportChanges({ schoolId: SCHOOL }))), {
      specs: [Ports.People.OrganisationSpec]
    })).then(() => undefined, (e: unknown) => e)
    expect(error).toMatchObject({ _tag: "UnknownAggregateError", code: "sync.unknownAggregate", aggregate: "kernel.student", path: ["entries", 1, "changes", 0, "aggregate"] })
    expect(await office.audit.findHead(SCHOOL, "tablet-7")).toBeUndefined()
    expect(await office.people.organisation(SCHOOL).then(() => "found", () => "absent")).toBe("absent")
  })

  it("prunes kept bulk rows once exported; exporting them again then fails with a typed error", async () => {
    const tablet = device()
    await tablet.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
    await tablet.people.enrolStudents({ schoolId: SCHOOL, actor: "staff-1", students: students(1, 3) })
    expect(await tablet.run(Sync.pruneExported({ schoolId: SCHOOL, through: 2 }))).toBe(1)
    const error: unknown = await tablet.run(Sync.exportChanges({ schoolId: SCHOOL })).then(() => undefined, (e: unknown) => e)
    expect(error).toMatchObject({ _tag: "MissingRowsError", code: "sync.missingRows", seq: 2 })
    const head = await tablet.audit.head(SCHOOL)
    expect((await tablet.run(Sync.exportChanges({ schoolId: SCHOOL, since: head }))).entries).toEqual([])
  })
})
