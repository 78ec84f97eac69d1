/**
 * Transactions beyond the conformance suite: nesting, and two connections to one database (two
 * tabs) — serialised by Web Locks where there are some, caught at commit by the version checks
 * where there are none.
 */
import { Ports } from "@houqin/core"
import type { People} from "@houqin/core/kernel";
import { Time } from "@houqin/core/kernel"
import { Deferred, Effect, Exit, Fiber, Option, Result } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import type { IndexedDbOptions } from "../src/index.ts"
import { failure, fresh, injected, openBackend } from "./env.ts"
import type { Thing } from "./fixtures.ts"
import { row, ThingSpec, versionsWith } from "./fixtures.ts"

const thing = (id: string, version = 1, label: string | null = null): Thing =>
  ({ schoolId: "s", id, version, label, n: null, i: 0, flag: null, day: null, at: null, note: "" })

const opened: Array<() => Promise<void>> = []
const open = async (o: IndexedDbOptions) => {
  const db = await openBackend(o)
  opened.push(db.close)
  return db.backend
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((close) => close()))
})

describe("transactions", () => {
  it("nested transactions join the outer one: a failure after the inner one commits nothing of either", async () => {
    const backend = await open({ ...injected, name: fresh("nested"), versions: versionsWith(ThingSpec) })
    const repo = backend.repository(ThingSpec)
    const exit = await Effect.runPromiseExit(backend.transaction(Effect.gen(function*() {
      yield* repo.insert([row(thing("outer"))])
      yield* backend.transaction(repo.insert([row(thing("inner"))]))
      // the inner transaction's write is visible to the outer one, not yet to anyone else
      expect((yield* repo.list("s")).map((t) => t.id)).toEqual(["inner", "outer"])
      return yield* Effect.fail("boom")
    })))
    expect(Exit.isFailure(exit)).toBe(true)
    expect(await Effect.runPromise(repo.count("s"))).toBe(0)
  })

  it("without Web Locks, two connections that change one row from the same version: one commits, the other gets a ConflictError at commit", async () => {
    const name = fresh("race")
    const a = await open({ ...injected, name, versions: versionsWith(ThingSpec), locks: false })
    const b = await open({ ...injected, name, versions: versionsWith(ThingSpec), locks: false })
    await Effect.runPromise(a.repository(ThingSpec).insert([row(thing("x"))]))
    const outcome = await Effect.runPromise(Effect.gen(function*() {
      const bothRead = yield* Deferred.make<void>()
      const read = yield* Deferred.make<void>()
      const change = (backend: typeof a, label: string, mine: Deferred.Deferred<void>, other: Deferred.Deferred<void>) =>
        backend.transaction(Effect.gen(function*() {
          const repo = backend.repository(ThingSpec)
          const current = Option.getOrThrow(yield* repo.get("s", "x"))
          yield* Deferred.succeed(mine, undefined)
          yield* Deferred.await(other) // both have read version 1 before either commits
          yield* repo.update(row({ ...current, version: current.version + 1, label }), current.version)
        }))
      return yield* Effect.all([Effect.result(change(a, "from a", read, bothRead)), Effect.result(change(b, "from b", bothRead, read))], { concurrency: 2 })
    }))
    const ok = outcome.filter(Result.isSuccess)
    const failed = outcome.filter(Result.isFailure)
    expect(ok.length).toBe(1)
    expect(failed.map((f) => (f.failure as { _tag: string })._tag)).toEqual(["ConflictError"])
    const stored = Option.getOrThrow(await Effect.runPromise(b.repository(ThingSpec).get("s", "x")))
    expect(stored.version).toBe(2)
    expect(["from a", "from b"]).toContain(stored.label)
  })

  it("without Web Locks, a commit that fails on one table writes nothing to the others (all or nothing across stores)", async () => {
    const name = fresh("across")
    const a = await open({ ...injected, name, versions: versionsWith(ThingSpec), locks: false })
    const b = await open({ ...injected, name, versions: versionsWith(ThingSpec), locks: false })
    await Effect.runPromise(a.repository(ThingSpec).insert([row(thing("x"))]))
    const students = a.repository(Ports.People.StudentSpec)
    const student = { schoolId: "s", id: "stu-1", version: 1, name: "小明", sex: "F", birthDate: "2016-01-01", classId: "c-1", enrolled: true } as const
    const error = await failure(Effect.gen(function*() {
      const gate = yield* Deferred.make<void>()
      const fiber = yield* Effect.forkChild(a.transaction(Effect.gen(function*() {
        // first a write to another store, then the row that b will change under it
        yield* students.insert([{ value: student as unknown as People.Student, encoded: student }])
        const current = Option.getOrThrow(yield* a.repository(ThingSpec).get("s", "x"))
        yield* a.repository(ThingSpec).update(row({ ...current, version: 2, label: "a" }), 1)
        yield* Deferred.await(gate)
      })))
      // b changes the row after a read it, before a commits
      yield* b.repository(ThingSpec).update(row(thing("x", 2, "b")), 1)
      yield* Deferred.succeed(gate, undefined)
      return yield* Fiber.join(fiber)
    }))
    expect(error).toMatchObject({ _tag: "ConflictError", expectedVersion: 1, actualVersion: 2 })
    expect(Option.getOrThrow(await Effect.runPromise(a.repository(ThingSpec).get("s", "x"))).label).toBe("b")
    expect(await Effect.runPromise(students.count("s"))).toBe(0)
  })

  it("with Web Locks (navigator.locks), transactions of two connections never interleave", async () => {
    const name = fresh("locks")
    const locks = (globalThis as { navigator?: { locks?: unknown } }).navigator?.locks
    expect(locks, "this environment has Web Locks").toBeDefined()
    const a = await open({ ...injected, name, versions: versionsWith(ThingSpec) })
    const b = await open({ ...injected, name, versions: versionsWith(ThingSpec) })
    const events: Array<string> = []
    const body = (backend: typeof a, who: string) =>
      backend.transaction(Effect.gen(function*() {
        events.push(`${who} begins`)
        yield* backend.repository(ThingSpec).insert([row(thing(`${who}-1`))])
        yield* Effect.sleep("20 millis")
        yield* backend.repository(ThingSpec).insert([row(thing(`${who}-2`))])
        events.push(`${who} ends`)
      }))
    await Effect.runPromise(Effect.all([body(a, "a"), body(b, "b"), body(a, "c"), body(b, "d")], { concurrency: "unbounded" }))
    for (let i = 0; i < events.length; i += 2) {
      expect(events[i]!.split(" ")[0], events.join(", ")).toBe(events[i + 1]!.split(" ")[0])
    }
    expect(await Effect.runPromise(a.repository(ThingSpec).count("s"))).toBe(8)
  })

  it("without Web Locks, two connections appending to one audit chain: one gets a ConflictError, the chain stays whole", async () => {
    const name = fresh("chain")
    const a = await open({ ...injected, name, locks: false })
    const b = await open({ ...injected, name, locks: false })
    const append = (backend: typeof a, gate: Deferred.Deferred<void>, other: Deferred.Deferred<void>) =>
      backend.audit.append("s", "tablet-7", (head) =>
        Effect.gen(function*() {
          yield* Deferred.succeed(gate, undefined)
          yield* Deferred.await(other)
          const prev = Option.isSome(head) ? head.value : { seq: 0, hash: Ports.AuditLog.GENESIS }
          const base = { schoolId: "s", writer: "tablet-7", seq: prev.seq + 1, at: yield* Time.now, actor: "t", command: "test", input: null, changes: [], prev: prev.hash }
          return { ...base, hash: yield* Effect.orDie(Ports.AuditLog.hashOf(base)) }
        }))
    const outcome = await Effect.runPromise(Effect.gen(function*() {
      const one = yield* Deferred.make<void>()
      const two = yield* Deferred.make<void>()
      return yield* Effect.all([Effect.result(append(a, one, two)), Effect.result(append(b, two, one))], { concurrency: 2 })
    }))
    expect(outcome.filter(Result.isSuccess).length).toBe(1)
    expect(outcome.filter(Result.isFailure).map((r) => (r.failure as { aggregate: string }).aggregate)).toEqual(["audit"])
    const entries = await Effect.runPromise(a.audit.entries("s", "tablet-7"))
    expect(entries.map((e) => e.seq)).toEqual([1])
    expect((await Effect.runPromise(Ports.AuditLog.verifyChain(entries))).ok).toBe(true)
  })
})

