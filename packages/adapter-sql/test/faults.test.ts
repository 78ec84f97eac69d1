/**
 * Faults: a process killed in the middle of a bulk import, a server connection terminated in the
 * middle of a transaction, and two writers racing for one aggregate. Afterwards every command
 * left all of its rows or none, the audit chain verifies, and no update was lost.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createHouqin, Ports } from "@houqin/core"
import { Arbitraries } from "@houqin/core/testing"
import Database from "better-sqlite3"
import { Effect, Exit, Schema } from "effect"
import * as fc from "fast-check"
import mysql2 from "mysql2/promise"
import pg from "pg"
import { afterAll, assert, describe, it } from "vitest"
import * as SqlStorage from "../src/SqlStorage.ts"
import type { Engine } from "./engines.ts"
import { engines, mysqlUrl, open, pgUrl } from "./engines.ts"

const encodeOrg = Schema.encodeSync(Ports.People.OrganisationSpec.schema)
const encodeStudent = Schema.encodeSync(Ports.People.StudentSpec.schema)
const sample = <A>(arb: fc.Arbitrary<A>, seed: number): A => fc.sample(arb, { seed, numRuns: 1 })[0]!

const KILLS = 100
// several of the writer thread's 2,000-row batches per command
const ROWS = 5000

describe("a process killed (SIGKILL) in the middle of a bulk import into a SQLite file", () => {
  const dir = mkdtempSync(join(tmpdir(), "houqin-kill-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it(`leaves, ${KILLS} times over, a database that opens and holds all of each command's rows or none`, async () => {
    const file = join(dir, "import.sqlite")
    const child = join(import.meta.dirname, "fixtures", "bulk-import-child.ts")
    let midCommand = 0
    for (let run = 0; run < KILLS; run++) {
      const lines: Array<string> = []
      await new Promise<void>((resolve, reject) => {
        const p = spawn(process.execPath, ["--conditions=@houqin/source", child, file, String(run), String(ROWS)], {
          stdio: ["ignore", "pipe", "pipe"]
        })
        let errors = ""
        p.stderr.on("data", (d: Buffer) => (errors += d.toString()))
        p.stdout.on("data", (d: Buffer) => {
          const before = lines.length
          lines.push(...d.toString().split("\n").filter((l) => l !== ""))
          if (before === 0 && lines[0] === "ready") {
            // kill at a random moment of the import that follows
            setTimeout(() => p.kill("SIGKILL"), Math.floor(Math.random() * 400))
          }
        })
        p.on("exit", (code, signal) => (signal === "SIGKILL" ? resolve() : reject(new Error(`child ended with ${code}: ${errors}`))))
      })
      const last = lines[lines.length - 1] ?? ""
      if (last.startsWith("begin")) midCommand++
    }
    // the file opens; SQLite finds it intact
    const raw = new Database(file)
    assert.strictEqual((raw.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check, "ok")
    // ids are s-<run>-<command>-<row>: count the rows of each command
    const byCommand = new Map<string, number>()
    for (const { id } of raw.prepare("SELECT id FROM kernel_student").all() as Array<{ id: string }>) {
      const command = id.slice(0, id.lastIndexOf("-"))
      byCommand.set(command, (byCommand.get(command) ?? 0) + 1)
    }
    const counts = [...byCommand].map(([batch, n]) => ({ batch, n }))
    raw.close()
    // every command's rows are all there or not at all
    for (const c of counts) assert.strictEqual(c.n, ROWS, `batch ${c.batch}`)
    // and exactly one audit entry per command that left its rows
    const handle = await SqlStorage.open({ dialect: "sqlite", filename: file })
    const houqin = createHouqin({ storage: handle.layer })
    const entries = await houqin.audit.entries("school-kill")
    assert.strictEqual(entries.filter((e) => e.command === "kernel.enrolStudents").length, counts.length)
    assert.isTrue((await houqin.audit.verify("school-kill")).ok)
    assert.isAtLeast(counts.length, 1, "some commands completed")
    assert.isAtLeast(midCommand, KILLS / 4, `kills inside a command: ${midCommand} of ${KILLS}; most should be, or the test proves little`)
    await houqin.dispose()
    await handle.close()
  }, 600_000)
})

/** ends the server sessions of a test's connections that sit inside a transaction */
const terminators: Record<string, ((options: SqlStorage.SqlOptions) => Promise<number>) | undefined> = {
  postgres: pgUrl === undefined
    ? undefined
    : async (options) => {
      const admin = new pg.Client({ connectionString: pgUrl })
      await admin.connect()
      const url = new URL((options as { url: string }).url)
      const r = await admin.query(
        "SELECT pg_terminate_backend(pid) AS t FROM pg_stat_activity WHERE application_name = $1 AND state LIKE 'idle in transaction%'",
        [url.searchParams.get("application_name")]
      )
      await admin.end()
      return r.rows.length
    },
  mariadb: mysqlUrl === undefined
    ? undefined
    : async (options) => {
      const admin = await mysql2.createConnection({ uri: mysqlUrl! })
      const database = new URL((options as { url: string }).url).pathname.slice(1)
      const [rows] = await admin.query("SELECT id FROM information_schema.processlist WHERE db = ? AND command = 'Sleep' AND id <> CONNECTION_ID()", [database])
      let n = 0
      for (const { id } of rows as Array<{ id: number }>) {
        // only the session holding a transaction open matters; killing idle ones is harmless
        await admin.query(`KILL ${Number(id)}`).then(() => n++, () => undefined)
      }
      await admin.end()
      return n
    }
}

for (const engine of engines.filter((e) => e.name === "postgres" || e.name === "mariadb")) {
  describe.skipIf(!engine.available)(`a ${engine.name} connection terminated in the middle of a transaction`, () => {
    it("leaves nothing of the transaction, and the storage goes on with fresh connections", async () => {
      const tag = `houqin_kill_${process.pid}`
      const scratch = await engine.scratch()
      const options = (engine.name === "postgres"
        ? { ...scratch.options, url: `${(scratch.options as { url: string }).url}&application_name=${tag}` }
        : scratch.options) as SqlStorage.SqlOptions
      const h = await SqlStorage.open(options)
      try {
        const schoolId = "school-terminate"
        const org = sample(Arbitraries.organisation(schoolId), 71)
        const kids = sample(Arbitraries.students(schoolId, org.classes.map((c) => c.id), { minLength: 300, maxLength: 300 }), 71)
        const houqin = createHouqin({ storage: h.layer })
        await houqin.people.saveOrganisation({ schoolId, actor: "staff-1", organisation: encodeOrg(org) })
        const headBefore = await houqin.audit.head(schoolId)
        const terminate = terminators[engine.name]!
        const exit = await houqin.run(Effect.exit(
          Ports.UnitOfWork.UnitOfWork.use((uow) =>
            uow.transaction(Effect.gen(function*() {
              const repo = yield* Ports.People.StudentRepository
              yield* repo.insertMany(kids.slice(0, 200).map((k) => ({ ...k, version: 0 })))
              const orgs = yield* Ports.People.OrganisationRepository
              const current = yield* orgs.get(schoolId, schoolId)
              yield* orgs.update({ ...current, school: { ...current.school, name: "改名中" } })
              const killed = yield* Effect.promise(() => terminate(options))
              assert.isAtLeast(killed, 1, "the transaction's session was found and ended")
              yield* repo.insertMany(kids.slice(200).map((k) => ({ ...k, version: 0 })))
            }))
          )
        ))
        assert.isTrue(Exit.isFailure(exit))
        // nothing of it is there
        assert.strictEqual((await houqin.people.students(schoolId)).length, 0)
        assert.strictEqual((await houqin.people.organisation(schoolId)).school.name, org.school.name)
        assert.deepStrictEqual(await houqin.audit.head(schoolId), headBefore)
        // and the next command works on a fresh connection
        await houqin.people.enrolStudents({
          schoolId,
          actor: "staff-1",
          students: kids.slice(0, 10).map((s) => {
            const { schoolId: _s, version: _v, enrolled: _e, ...rest } = encodeStudent(s)
            return rest
          })
        })
        assert.strictEqual((await houqin.people.students(schoolId)).length, 10)
        assert.isTrue((await houqin.audit.verify(schoolId)).ok)
        await houqin.dispose()
      } finally {
        await h.close()
        await scratch.drop()
      }
    }, 60_000)
  })
}

const TRIALS = 1000

const race = async (engine: Engine) => {
  const first = await open(engine)
  // a file opened twice gives two real connections racing through SQLite's own locks
  const second = engine.name.startsWith("sqlite (file") ? await SqlStorage.open({ ...first.options, migrate: false }) : undefined
  try {
    const schoolId = "school-race"
    const org = sample(Arbitraries.organisation(schoolId), 81)
    const kid = sample(Arbitraries.students(schoolId, org.classes.map((c) => c.id), { minLength: 1, maxLength: 1 }), 81)[0]!
    const a = createHouqin({ storage: first.layer })
    const b = second === undefined ? a : createHouqin({ storage: second.layer })
    await a.people.saveOrganisation({ schoolId, actor: "staff-1", organisation: encodeOrg(org) })
    const { schoolId: _s, version: _v, enrolled: _e, ...input } = encodeStudent(kid)
    await a.people.enrolStudents({ schoolId, actor: "staff-1", students: [input] })
    const classes = org.classes.map((c) => c.id)
    let wonByA = 0
    for (let trial = 0; trial < TRIALS; trial++) {
      const [before] = (await a.people.students(schoolId)).filter((s) => s.id === kid.id)
      const targetClass = classes[(trial + 1) % classes.length]!
      const targetEnrolled = !before!.enrolled
      const results = await Promise.allSettled([
        a.people.updateStudent({ schoolId, actor: "staff-a", studentId: kid.id, version: before!.version, classId: targetClass }),
        b.people.updateStudent({ schoolId, actor: "staff-b", studentId: kid.id, version: before!.version, enrolled: targetEnrolled })
      ])
      const ok = results.filter((r) => r.status === "fulfilled")
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected")
      assert.strictEqual(ok.length, 1, `trial ${trial}: exactly one writer succeeds`)
      assert.strictEqual((failed[0]!.reason as { _tag: string })._tag, "ConflictError", `trial ${trial}: the other gets the typed conflict (${String(failed[0]!.reason)})`)
      const [after] = (await a.people.students(schoolId)).filter((s) => s.id === kid.id)
      assert.strictEqual(after!.version, before!.version + 1, `trial ${trial}: one version step`)
      if (results[0].status === "fulfilled") {
        wonByA++
        assert.deepStrictEqual([after!.classId, after!.enrolled], [targetClass, before!.enrolled], `trial ${trial}: A's change, nothing else`)
      } else {
        assert.deepStrictEqual([after!.classId, after!.enrolled], [before!.classId, targetEnrolled], `trial ${trial}: B's change, nothing else`)
      }
    }
    // one audit entry per successful command, the chain intact
    const entries = await a.audit.entries(schoolId)
    assert.strictEqual(entries.filter((e) => e.command === "kernel.updateStudent").length, TRIALS)
    assert.isTrue((await a.audit.verify(schoolId)).ok)
    await a.dispose()
    if (b !== a) await b.dispose()
    return wonByA
  } finally {
    await second?.close()
    await first.close()
  }
}

for (const engine of engines) {
  describe.skipIf(!engine.available)(`two writers of one aggregate on ${engine.name}`, () => {
    it(`one succeeds, the other gets the typed conflict; ${TRIALS} trials, no lost update`, async () => {
      const wonByA = await race(engine)
      assert.isAtMost(wonByA, TRIALS)
    }, 300_000)
  })
}

for (const engine of engines) {
  describe.skipIf(!engine.available)(`concurrent commands of one school on ${engine.name}`, () => {
    it("all succeed on different aggregates, and the school's audit chain stays one unbroken line", async () => {
      const handle = await open(engine)
      try {
        const schoolId = "school-chain"
        const org = sample(Arbitraries.organisation(schoolId), 91)
        const kids = sample(Arbitraries.students(schoolId, org.classes.map((c) => c.id), { minLength: 60, maxLength: 60 }), 91)
        const houqin = createHouqin({ storage: handle.layer })
        await houqin.people.saveOrganisation({ schoolId, actor: "staff-1", organisation: encodeOrg(org) })
        await houqin.people.enrolStudents({
          schoolId,
          actor: "staff-1",
          students: kids.map((s) => {
            const { schoolId: _s, version: _v, enrolled: _e, ...rest } = encodeStudent(s)
            return rest
          })
        })
        // 60 commands at once, each on its own student: none conflicts, all queue on the chain
        await Promise.all(kids.map((k, i) =>
          houqin.people.updateStudent({ schoolId, actor: `staff-${i % 5}`, studentId: k.id, version: 1, enrolled: false })))
        const entries = await houqin.audit.entries(schoolId)
        assert.deepStrictEqual(entries.map((e) => e.seq), Array.from({ length: 62 }, (_, i) => i + 1))
        assert.isTrue((await houqin.audit.verify(schoolId)).ok)
        assert.strictEqual((await houqin.people.students(schoolId)).filter((s) => !s.enrolled).length, 60)
        await houqin.dispose()
      } finally {
        await handle.close()
      }
    }, 60_000)
  })
}
