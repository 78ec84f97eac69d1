/**
 * A SQLite file's writer thread (the default for files): driver errors cross the thread with their
 * code, reads outside a transaction see committed data only (as on the servers), the storage
 * closes after a running transaction, and a storage left open does not keep the process alive.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Ports } from "@houqin/core"
import { Effect, Option } from "effect"
import { sql } from "kysely"
import { afterAll, assert, describe, it } from "vitest"
import * as SqlStorage from "../src/SqlStorage.ts"

const dir = mkdtempSync(join(tmpdir(), "houqin-thread-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const student = (schoolId: string, id: string) => ({
  schoolId,
  id,
  version: 1,
  name: "小明",
  sex: "M",
  birthDate: "2020-05-01",
  classId: "class-1",
  enrolled: true
})

const org = (schoolId: string) => ({
  schoolId,
  id: schoolId,
  version: 1,
  school: { id: schoolId, name: "线程测试幼儿园", kind: "kindergarten", zone: "Asia/Shanghai" },
  roles: [],
  departments: [],
  staff: [],
  grades: [{ id: "grade-1", name: "小班", level: -2 }],
  classes: [{ id: "class-1", name: "小一班", gradeId: "grade-1" }],
  dinerGroups: [],
  chains: []
})

describe("a SQLite file's writer thread", () => {
  it("passes a driver error across the thread with its name, code and message", async () => {
    const handle = await SqlStorage.open({ dialect: "sqlite", filename: join(dir, "errors.sqlite") })
    try {
      const error = await sql`SELECT * FROM no_such_table`.execute(handle.db).then(() => undefined, (e: unknown) => e as { name: string; code: string; message: string })
      assert.strictEqual(error?.name, "SqliteError")
      assert.strictEqual(error?.code, "SQLITE_ERROR")
      assert.match(error?.message ?? "", /no such table: no_such_table/)
    } finally {
      await handle.close()
    }
  })

  it("reads outside a transaction see what is committed, never a running transaction's writes", async () => {
    const handle = await SqlStorage.open({ dialect: "sqlite", filename: join(dir, "isolation.sqlite") })
    try {
      const schoolId = "school-iso"
      const orgs = handle.backend.repository(Ports.People.OrganisationSpec)
      const students = handle.backend.repository(Ports.People.StudentSpec)
      await Effect.runPromise(orgs.insert([{ value: org(schoolId) as never, encoded: org(schoolId) }]))
      const s = student(schoolId, "student-1")
      let seenInside: boolean | undefined
      await Effect.runPromise(handle.backend.transaction(
        Effect.gen(function*() {
          yield* students.insert([{ value: s as never, encoded: s }])
          // another fiber's read, outside this transaction, while it runs
          seenInside = yield* Effect.promise(() => Effect.runPromise(students.get(schoolId, "student-1")).then(Option.isSome))
        })
      ))
      assert.strictEqual(seenInside, false, "not visible before the commit")
      assert.isTrue(Option.isSome(await Effect.runPromise(students.get(schoolId, "student-1"))), "visible after it")
    } finally {
      await handle.close()
    }
  })

  it("close waits for a running transaction, which commits", async () => {
    const filename = join(dir, "close.sqlite")
    const handle = await SqlStorage.open({ dialect: "sqlite", filename })
    const schoolId = "school-close"
    const orgs = handle.backend.repository(Ports.People.OrganisationSpec)
    const running = Effect.runPromise(handle.backend.transaction(
      Effect.andThen(Effect.sleep("50 millis"), orgs.insert([{ value: org(schoolId) as never, encoded: org(schoolId) }]))
    ))
    await new Promise((resolve) => setTimeout(resolve, 10))
    await handle.close()
    await running
    const again = await SqlStorage.open({ dialect: "sqlite", filename })
    try {
      assert.isTrue(Option.isSome(await Effect.runPromise(again.backend.repository(Ports.People.OrganisationSpec).get(schoolId, schoolId))))
    } finally {
      await again.close()
    }
  })

  it("a storage left open does not keep the process alive", async () => {
    const child = join(import.meta.dirname, "fixtures", "left-open-child.ts")
    const out = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const p = spawn(process.execPath, ["--conditions=@houqin/source", child, join(dir, "open.sqlite")], { stdio: ["ignore", "pipe", "pipe"] })
      let stdout = ""
      let stderr = ""
      p.stdout.on("data", (d: Buffer) => (stdout += d.toString()))
      p.stderr.on("data", (d: Buffer) => (stderr += d.toString()))
      const timer = setTimeout(() => {
        p.kill("SIGKILL")
        reject(new Error(`the process did not exit within 20 s (stdout: ${stdout}, stderr: ${stderr})`))
      }, 20_000)
      p.on("exit", (code) => {
        clearTimeout(timer)
        resolve({ code, stdout })
      })
    })
    assert.strictEqual(out.code, 0)
    assert.strictEqual(out.stdout.trim(), "count 0")
  }, 30_000)
})

describe("values across the writer thread", () => {
  it("a Buffer bound by a query of yours is stored as a BLOB and read back with the same bytes", async () => {
    const handle = await SqlStorage.open({ dialect: "sqlite", filename: join(dir, "blob.sqlite") })
    try {
      await sql`CREATE TABLE my_blob (k TEXT PRIMARY KEY, v BLOB) STRICT`.execute(handle.db)
      const bytes = Buffer.from([0, 1, 2, 250, 255])
      await sql`INSERT INTO my_blob (k, v) VALUES (${"a"}, ${bytes})`.execute(handle.db)
      const r = await sql<{ v: Uint8Array; t: string }>`SELECT v, typeof(v) AS t FROM my_blob WHERE k = ${"a"}`.execute(handle.db)
      assert.strictEqual(r.rows[0]?.t, "blob")
      assert.deepStrictEqual([...r.rows[0]!.v], [0, 1, 2, 250, 255])
    } finally {
      await handle.close()
    }
  })
})
