/**
 * Tampering: a change set altered between the device and the server is refused with a typed
 * error, and the server writes nothing.
 */
import type { Houqin } from "@houqin/core"
import { createHouqin, People } from "@houqin/core"
import { AuditLog } from "@houqin/core/ports"
import { Arbitraries } from "@houqin/core/testing"
import { Effect, Schema } from "effect"
import * as fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as IndexedDb from "../src/index.ts"
import * as Sync from "../src/Sync.ts"
import { options } from "./env.ts"

const SCHOOL = "school-tamper"
const org = Schema.encodeSync(People.Organisation)(fc.sample(Arbitraries.organisation(SCHOOL), { seed: 5, numRuns: 1 })[0]!)
const classId = org.classes[0]!.id

type Json = null | boolean | number | string | Array<Json> | { [key: string]: Json }
const copy = (j: unknown): Record<string, Json> => JSON.parse(JSON.stringify(j)) as Record<string, Json>

let tablet: Houqin
let changes: Record<string, Json>

beforeAll(async () => {
  let ms = Date.UTC(2026, 9, 1, 7, 0)
  tablet = createHouqin({ storage: IndexedDb.layer(options("tamper")), writer: "tablet-7", clock: () => (ms += 60_000) })
  await tablet.people.saveOrganisation({ schoolId: SCHOOL, actor: "staff-1", organisation: org })
  await tablet.people.enrolStudents({
    schoolId: SCHOOL,
    actor: "staff-1",
    students: [1, 2, 3, 4].map((i) => ({ id: `stu-${i}`, name: `学生${i}`, sex: "F", birthDate: "2017-03-0" + String(i), classId }))
  })
  await tablet.people.updateStudent({ schoolId: SCHOOL, actor: "staff-2", studentId: "stu-1", version: 1, enrolled: false })
  await tablet.people.updateStudent({ schoolId: SCHOOL, actor: "staff-2", studentId: "stu-2", version: 1, enrolled: false })
  changes = copy(await tablet.run(Sync.exportChanges({ schoolId: SCHOOL })))
})
afterAll(() => tablet.dispose())

/** imports into a fresh server; returns the error's tag and whether the server stayed empty */
const refused = async (input: unknown) => {
  const office = createHouqin({ writer: "server" })
  try {
    const error: unknown = await office.run(Sync.importChanges(input)).then(() => undefined, (e: unknown) => e)
    const students = await office.people.students(SCHOOL)
    const head = await office.audit.findHead(SCHOOL, "tablet-7")
    return { error: error as { _tag: string; code: string; problems?: ReadonlyArray<{ kind: string; seq: number }> } | undefined, untouched: students.length === 0 && head === undefined }
  } finally {
    await office.dispose()
  }
}

const entries = (cs: Record<string, Json>) => cs["entries"] as Array<Record<string, Json>>

describe("sync: tampered change sets are refused and nothing is written", () => {
  it("the untampered change set imports (the control)", async () => {
    const { error } = await refused(changes)
    expect(error).toBeUndefined()
  })

  it("changed: an entry's actor", async () => {
    const cs = copy(changes)
    entries(cs)[2]!["actor"] = "staff-9"
    const { error, untouched } = await refused(cs)
    expect(error?._tag).toBe("ChainBrokenError")
    expect(error?.problems?.map((p) => [p.kind, p.seq])).toEqual([["changed", 3]])
    expect(untouched).toBe(true)
  })

  it("changed: the record an update wrote", async () => {
    const cs = copy(changes)
    const change = (entries(cs)[3]!["changes"] as Array<Record<string, Json>>)[0]!
    ;(change["after"] as Record<string, Json>)["name"] = "伪造"
    const { error, untouched } = await refused(cs)
    expect(error?.problems?.map((p) => [p.kind, p.seq])).toEqual([["changed", 4]])
    expect(untouched).toBe(true)
  })

  it("removed: an entry in the middle", async () => {
    const cs = copy(changes)
    entries(cs).splice(1, 1)
    const { error, untouched } = await refused(cs)
    expect(error?._tag).toBe("ChainBrokenError")
    expect(error?.problems?.[0]).toMatchObject({ kind: "removed", seq: 2 })
    expect(untouched).toBe(true)
  })

  it("reordered: two entries swapped", async () => {
    const cs = copy(changes)
    const list = entries(cs)
    ;[list[2], list[3]] = [list[3]!, list[2]!]
    const { error, untouched } = await refused(cs)
    expect(error?.problems?.map((p) => p.kind)).toContain("reordered")
    expect(untouched).toBe(true)
  })

  it("truncated: the last entry dropped while the declared head stays", async () => {
    const cs = copy(changes)
    entries(cs).pop()
    const { error, untouched } = await refused(cs)
    expect(error?.problems?.map((p) => [p.kind, p.seq])).toEqual([["truncated", 4]])
    expect(untouched).toBe(true)
  })

  it("rows: a bulk-inserted row altered, or the rows left out", async () => {
    const altered = copy(changes)
    const rows = ((altered["bulk"] as Array<Record<string, Json>>)[0]!["rows"] as Array<Record<string, Json>>)
    rows[0]!["name"] = "伪造"
    const a = await refused(altered)
    expect(a.error?.problems?.map((p) => [p.kind, p.seq])).toEqual([["rows", 2]])
    expect(a.untouched).toBe(true)
    const dropped = copy(changes)
    dropped["bulk"] = []
    const d = await refused(dropped)
    expect(d.error?.problems?.map((p) => [p.kind, p.seq])).toEqual([["rows", 2]])
  })

  it("foreign: an entry relabelled as another writer's", async () => {
    const cs = copy(changes)
    entries(cs)[0]!["writer"] = "tablet-8"
    const { error } = await refused(cs)
    expect(error?.problems?.map((p) => p.kind)).toEqual(["foreign", "changed"])
  })

  it("forked: an entry rewritten with every later hash recomputed is refused by a receiver that holds the original", async () => {
    const office = createHouqin({ writer: "server" })
    try {
      // the office holds entries 1 and 2
      const first = copy(changes)
      entries(first).splice(2)
      first["head"] = { seq: 2, hash: entries(first)[1]!["hash"]! }
      await office.run(Sync.importChanges(first))
      // a forger rewrites entry 2's actor and recomputes the chain from there: internally consistent
      const forged = copy(changes)
      const decode = Schema.decodeUnknownSync(AuditLog.AuditEntrySchema)
      let prev = entries(forged)[0]!["hash"] as string
      for (let i = 1; i < entries(forged).length; i++) {
        const e = decode({ ...entries(forged)[i]!, ...(i === 1 ? { actor: "staff-9" } : {}), prev })
        const hash = await Effect.runPromise(AuditLog.hashOf(e))
        entries(forged)[i] = copy(AuditLog.encode({ ...e, hash }))
        prev = hash
      }
      forged["head"] = { seq: 4, hash: prev }
      const error: unknown = await office.run(Sync.importChanges(forged)).then(() => undefined, (e: unknown) => e)
      expect(error).toMatchObject({ _tag: "ChainForkError", code: "sync.fork", seq: 2 })
      expect((await office.audit.findHead(SCHOOL, "tablet-7"))?.seq).toBe(2)
    } finally {
      await office.dispose()
    }
  })

  it("refuses any change set with one value altered, whichever it is (property)", async () => {
    // every leaf of the change set: entries (covered by their hashes), links, the declared head,
    // bulk rows (covered by their change's hash), the school and writer, the format
    const leaves: Array<ReadonlyArray<string | number>> = []
    const walk = (v: Json, path: Array<string | number>) => {
      if (v !== null && typeof v === "object") {
        for (const [k, c] of Array.isArray(v) ? v.map((c, i) => [i, c] as const) : Object.entries(v)) walk(c, [...path, k])
      } else leaves.push(path)
    }
    walk(changes, [])
    const alter = (v: Json): Json =>
      typeof v === "string" ? `${v}x` : typeof v === "number" ? v + 1 : typeof v === "boolean" ? !v : "x"
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: leaves.length - 1 }), async (i) => {
        const path = leaves[i]!
        const cs = copy(changes)
        let parent: Json = cs
        for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[k]!
        const last = path[path.length - 1]!
        ;(parent as Record<string | number, Json>)[last] = alter((parent as Record<string | number, Json>)[last]!)
        const { error, untouched } = await refused(cs)
        expect(["ChainBrokenError", "ValidationError"], path.join(".")).toContain(error?._tag)
        expect(untouched, path.join(".")).toBe(true)
      }),
      { numRuns: 60, seed: 20261124 }
    )
  })
})
