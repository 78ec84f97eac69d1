/**
 * The benchmark's workload, shared by Node (fake-indexeddb, `bulk.bench.ts`) and Chromium (its own
 * IndexedDB, `chromium.ts`): a kitchen's temperature log of 100,000 readings — 4 sample fridges read
 * every 15 minutes for about 9 months — written in one bulk insert and read back, then the queries a
 * front end makes of it, then the same readings through the `recordReadings` command (decoding,
 * validation, the audit entry's hash) in batches of a day.
 */
import { createHouqin, Retention } from "@houqin/core"
import { Time } from "@houqin/core/kernel"
import { Effect, Exit, Schema, Scope } from "effect"
import * as IndexedDb from "../src/index.ts"

export interface Measure {
  readonly what: string
  readonly rows: number
  readonly ms: number
}

const MINUTE = 60_000
const START = Date.UTC(2026, 0, 1)
const FRIDGES = ["fridge-1", "fridge-2", "fridge-3", "fridge-4"] as const
const encodeReading = Schema.encodeSync(Retention.Reading)
const encodeFridge = Schema.encodeSync(Retention.Fridge)

/** `n` readings of the school's fridges, 15 minutes apart, seeded temperatures */
export const readings = (schoolId: string, n: number): Array<Retention.Reading> => {
  let seed = 20261124
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  return Array.from({ length: n }, (_, k) => ({
    schoolId: schoolId as Retention.Reading["schoolId"],
    id: `r-${String(k).padStart(7, "0")}` as Retention.Reading["id"],
    version: 1,
    fridgeId: FRIDGES[k % FRIDGES.length]! as Retention.Reading["fridgeId"],
    at: Time.fromEpochMillis(START + Math.floor(k / FRIDGES.length) * 15 * MINUTE),
    celsius: Math.round((2 + next() * 4) * 10) / 10
  }))
}

const time = async <A>(what: string, rows: number, f: () => Promise<A>, out: Array<Measure>): Promise<A> => {
  const t0 = performance.now()
  const a = await f()
  out.push({ what, rows, ms: performance.now() - t0 })
  return a
}

/** runs the workload on an injected IndexedDB; `n` readings (default 100,000) */
export const run = async (
  injected: Pick<IndexedDb.IndexedDbOptions, "indexedDB" | "IDBKeyRange">,
  n = 100_000,
  commandRows = 10_000
): Promise<ReadonlyArray<Measure>> => {
  const out: Array<Measure> = []
  const scope = Scope.makeUnsafe()
  const name = `bench-${crypto.randomUUID()}`
  const backend = await Effect.runPromise(Scope.provide(scope)(IndexedDb.make({ ...injected, name })))
  try {
    // the fridges first: every reading names one (a reference the backend checks)
    const fridges: Array<Retention.Fridge> = FRIDGES.map((id, k) => ({
      schoolId: "bench" as Retention.Fridge["schoolId"],
      id: id as Retention.Fridge["id"],
      version: 1,
      name: `留样柜 ${k + 1}`,
      dedicated: true,
      active: true
    }))
    await Effect.runPromise(backend.repository(Retention.Storage.FridgeSpec).insert(fridges.map((f) => ({ value: f, encoded: encodeFridge(f) }))))
    const repo = backend.repository(Retention.Storage.ReadingSpec)
    const rows = readings("bench", n).map((r) => ({ value: r, encoded: encodeReading(r) }))
    await time("bulk insert (one transaction)", n, () => Effect.runPromise(repo.insert(rows)), out)
    const all = await time("read back: list(school), decoded", n, () => Effect.runPromise(repo.list("bench")), out)
    if (all.length !== n) throw new Error(`read back ${all.length} rows, wrote ${n}`)
    await time("count(school)", n, () => Effect.runPromise(repo.count("bench")), out)
    const week = { field: "at", from: START + 90 * 1440 * MINUTE, to: START + 97 * 1440 * MINUTE }
    const one = await time("one fridge, one week, by time (index range)", 0, () =>
      Effect.runPromise(repo.list("bench", { where: { fridgeId: "fridge-2" }, range: week })), out)
    out[out.length - 1] = { ...out[out.length - 1]!, rows: one.length }
    const latest = await time("latest 20 readings of one fridge (ordered, stops early)", 20, () =>
      Effect.runPromise(repo.list("bench", { where: { fridgeId: "fridge-3" }, orderBy: "at", direction: "desc", limit: 20 })), out)
    if (latest.length !== 20) throw new Error("expected 20 readings")
    await time(`the last page of 50 by id (offset ${(n - 50).toLocaleString("en")})`, 50, () =>
      Effect.runPromise(repo.list("bench", { limit: 50, offset: n - 50 })), out)
  } finally {
    await Effect.runPromise(Scope.close(scope, Exit.void))
    await Effect.runPromise(IndexedDb.deleteDatabase({ ...injected, name }))
  }

  // the same kind of rows through the command: decode, validate, ids, the audit entry's hash
  const commandDb = `bench-cmd-${crypto.randomUUID()}`
  const houqin = createHouqin({ storage: IndexedDb.layer({ ...injected, name: commandDb }), writer: "tablet-7" })
  try {
    await houqin.retention.registerFridge({ schoolId: "bench", actor: "staff-1", fridge: { id: "fridge-1", name: "留样柜 1", dedicated: true } })
    const perDay = 96
    const input = readings("bench", commandRows).map((r) => ({ fridgeId: "fridge-1", at: new Date(r.at.epochMilliseconds).toISOString(), celsius: r.celsius }))
    await time(`recordReadings command, ${commandRows / perDay | 0} commands of ${perDay}`, commandRows, async () => {
      for (let i = 0; i < input.length; i += perDay) {
        await houqin.retention.recordReadings({ schoolId: "bench", actor: "staff-1", readings: input.slice(i, i + perDay) })
      }
    }, out)
    await time(`recordReadings command, one command of ${commandRows}`, commandRows, () =>
      houqin.retention.recordReadings({ schoolId: "bench", actor: "staff-1", readings: input.map((r, i) => ({ ...r, at: new Date(Date.parse(r.at) + 400 * 86_400_000 + i).toISOString() })) }), out)
    const report = await houqin.audit.verify("bench")
    if (!report.ok) throw new Error("the audit chain does not verify")
  } finally {
    await houqin.dispose()
    await Effect.runPromise(IndexedDb.deleteDatabase({ ...injected, name: commandDb }))
  }
  return out
}

/** the measures as a table */
export const table = (measures: ReadonlyArray<Measure>): string =>
  measures
    .map((m) => `${m.what.padEnd(62)} ${String(m.rows).padStart(7)} rows ${m.ms.toFixed(0).padStart(7)} ms${m.rows > 1 ? ` ${Math.round(m.rows / (m.ms / 1000)).toLocaleString("en").padStart(9)} rows/s` : ""}`)
    .join("\n")
