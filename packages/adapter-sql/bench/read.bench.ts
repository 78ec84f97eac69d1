/**
 * Reads: the adapter's repository (Kysely compiles the query; rows decoded through the aggregate's
 * schema into domain values — instants, branded ids) against plain Kysely over the engine's
 * standard dialect running the same SQL, on 100,000 temperature readings of the retention module
 * (10 fridges, one reading every 15 minutes), in two forms:
 *
 * - parsing each row's JSON document only (the baseline: it returns unchecked JSON, with
 *   instants as text);
 * - parsing it and decoding it through the aggregate's schema (`Schema.decodeUnknownSync`, made
 *   once), which is what the adapter returns by contract: checked domain values — the fair
 *   comparison. (The adapter decodes on the compiled path of `FastDecode`, which gives the same
 *   results as Effect Schema in about half the time; the last column is that share.)
 *
 *   HOUQIN_PG_URL=… HOUQIN_MYSQL_URL=… node --conditions=@houqin/source bench/read.bench.ts
 */
import { FastDecode, Retention } from "@houqin/core"
import Database from "better-sqlite3"
import { Effect } from "effect"
import type { Kysely } from "kysely"
import { Kysely as KyselyClass, MysqlDialect, PostgresDialect, sql, SqliteDialect } from "kysely"
import mysql2 from "mysql2/promise"
import pg from "pg"
import * as SqlStorage from "../src/SqlStorage.ts"
import type { Place } from "./setup.ts"
import { decodeReading, encodeFridge, encodeReading, FRIDGES, fmt, fridges, places, readings, START, table } from "./setup.ts"

const N = 100_000
const DAY = 86_400_000
type DB = Record<string, Record<string, unknown>>

const plain = (place: Place): { db: Kysely<DB>; close: () => Promise<void> } => {
  const o = place.options as { filename?: string; url?: string }
  if (place.name === "sqlite (file)") {
    const database = new Database(o.filename)
    return { db: new KyselyClass<DB>({ dialect: new SqliteDialect({ database }) }), close: () => Promise.resolve(void database.close()) }
  }
  if (place.name === "postgres") {
    const pool = new pg.Pool({ connectionString: o.url, max: 2 })
    return { db: new KyselyClass<DB>({ dialect: new PostgresDialect({ pool }) }), close: () => pool.end() }
  }
  const pool = mysql2.createPool({ uri: o.url!, charset: "utf8mb4", connectionLimit: 2 })
  return { db: new KyselyClass<DB>({ dialect: new MysqlDialect({ pool: pool.pool }) }), close: () => pool.end() }
}

const fastReading = FastDecode.compile(Retention.Reading)
const parse = (doc: unknown) => (typeof doc === "string" ? JSON.parse(doc) as unknown : doc)
/** what the adapter returns by contract: the document parsed, then decoded and checked by its schema */
const parseAndDecode = (doc: unknown) => decodeReading(parse(doc))
type Take = (doc: unknown) => unknown

console.log(`reads over ${fmt(N)} temperature readings: adapter repository vs plain Kysely (same SQL; JSON parsed, and JSON parsed + schema-decoded), best of 5 after a warm-up`)
for (const where of places()) {
  const place = await where.make()
  const handle = await SqlStorage.open(place.options)
  const k = plain(place)
  try {
    const schoolId = "school-read"
    const rows = readings(schoolId, N)
    await Effect.runPromise(handle.backend.repository(Retention.Storage.FridgeSpec).insert(fridges(schoolId).map((f) => ({ value: f, encoded: encodeFridge(f) }))))
    await Effect.runPromise(handle.backend.repository(Retention.Storage.ReadingSpec).insert(rows.map((x) => ({ value: x, encoded: encodeReading(x) }))))
    const repo = handle.backend.repository(Retention.Storage.ReadingSpec)
    const fridge = (i: number) => `fridge-${String(i % FRIDGES).padStart(2, "0")}`
    const days = Math.floor(N / FRIDGES / 96)
    const ids = Array.from({ length: 3000 }, (_, i) => rows[(i * 33) % N]!.id)
    const bind = handle.backend.dialect.bind.instant
    // the same ORDER BY as the adapter's (the port sorts NULL first, and the index says so)
    const nullsFirst = handle.backend.dialect.nulls.asc
    const inRange = (fridgeId: string | undefined, from: number, to: number | undefined, limit: number | undefined) => {
      let q = k.db.selectFrom(table).select("doc").where("school_id", "=", schoolId)
      if (fridgeId !== undefined) q = q.where("fridge_id", "=", fridgeId)
      q = q.where("at", "is not", null).where("at", ">=", bind(from))
      if (to !== undefined) q = q.where("at", "<", bind(to))
      let s = q.orderBy(sql`at asc${sql.raw(nullsFirst)}`).orderBy("id")
      if (limit !== undefined) s = s.limit(limit)
      return s.execute()
    }
    const cases: Array<{ name: string; adapter: () => Promise<number>; kysely: (take: Take) => Promise<number> }> = [
      {
        name: "a fridge's day (96 rows) ×300",
        adapter: async () => {
          let n = 0
          for (let i = 0; i < 300; i++) {
            const from = START + (i % days) * DAY
            n += (await Effect.runPromise(repo.list(schoolId, { where: { fridgeId: fridge(i) }, range: { field: "at", from, to: from + DAY } }))).length
          }
          return n
        },
        kysely: async (take) => {
          let n = 0
          for (let i = 0; i < 300; i++) {
            const from = START + (i % days) * DAY
            n += (await inRange(fridge(i), from, from + DAY, undefined)).map((x) => take(x["doc"])).length
          }
          return n
        }
      },
      {
        name: "a fridge's week (672 rows) ×40",
        adapter: async () => {
          let n = 0
          for (let i = 0; i < 40; i++) {
            const from = START + ((i * 7) % (days - 7)) * DAY
            n += (await Effect.runPromise(repo.list(schoolId, { where: { fridgeId: fridge(i) }, range: { field: "at", from, to: from + 7 * DAY } }))).length
          }
          return n
        },
        kysely: async (take) => {
          let n = 0
          for (let i = 0; i < 40; i++) {
            const from = START + ((i * 7) % (days - 7)) * DAY
            n += (await inRange(fridge(i), from, from + 7 * DAY, undefined)).map((x) => take(x["doc"])).length
          }
          return n
        }
      },
      {
        name: "time range, 200 in order ×200",
        adapter: async () => {
          let n = 0
          for (let i = 0; i < 200; i++) n += (await Effect.runPromise(repo.list(schoolId, { range: { field: "at", from: START + ((i * 11) % days) * DAY }, limit: 200 }))).length
          return n
        },
        kysely: async (take) => {
          let n = 0
          for (let i = 0; i < 200; i++) n += (await inRange(undefined, START + ((i * 11) % days) * DAY, undefined, 200)).map((x) => take(x["doc"])).length
          return n
        }
      },
      {
        name: "by id ×3,000",
        adapter: async () => {
          let n = 0
          for (const id of ids) n += (await Effect.runPromise(repo.get(schoolId, id)))._tag === "Some" ? 1 : 0
          return n
        },
        kysely: async (take) => {
          let n = 0
          for (const id of ids) {
            const r = await k.db.selectFrom(table).select("doc").where("school_id", "=", schoolId).where("id", "=", id).executeTakeFirst()
            n += r === undefined ? 0 : (take(r["doc"]), 1)
          }
          return n
        }
      }
    ]
    console.log(`\n${place.name}`)
    for (const c of cases) {
      // one warm-up pass of each, then the best of five
      await c.kysely(parse)
      await c.kysely(parseAndDecode)
      await c.adapter()
      let a = Number.POSITIVE_INFINITY
      let b = Number.POSITIVE_INFINITY
      let f = Number.POSITIVE_INFINITY
      let rowsA = 0
      let rowsB = 0
      let rowsF = 0
      for (let run = 0; run < 5; run++) {
        let t = performance.now()
        rowsB = await c.kysely(parse)
        b = Math.min(b, performance.now() - t)
        t = performance.now()
        rowsF = await c.kysely(parseAndDecode)
        f = Math.min(f, performance.now() - t)
        t = performance.now()
        rowsA = await c.adapter()
        a = Math.min(a, performance.now() - t)
      }
      if (rowsA !== rowsB || rowsA !== rowsF) throw new Error(`${c.name}: the adapter read ${rowsA} rows, Kysely ${rowsB} and ${rowsF}`)
      // the adapter's own share that plain Kysely does not do: decoding each row through the
      // schema, on the compiled path the adapter takes (FastDecode: Effect Schema's results), over
      // the documents this case reads, in its order (a fridge's readings have an instant each;
      // readings in time order share theirs, ten fridges at a time)
      const docs: Array<unknown> = []
      await c.kysely((doc) => docs.push(parse(doc)))
      let d = Number.POSITIVE_INFINITY
      for (let run = 0; run < 5; run++) {
        const t = performance.now()
        for (const doc of docs) if (fastReading(doc) === FastDecode.invalid) throw new Error("a reading does not decode")
        d = Math.min(d, performance.now() - t)
      }
      console.log(
        `  ${c.name.padEnd(32)} adapter ${fmt(Math.round(a)).padStart(6)} ms  Kysely ${fmt(Math.round(b)).padStart(6)} ms  Kysely + decode ${fmt(Math.round(f)).padStart(6)} ms  (${fmt(rowsA)} rows)` +
          `  ${(b / a).toFixed(2)}× Kysely, ${(f / a).toFixed(2)}× Kysely + decode;  schema decoding ~${fmt(Math.round(d))} ms → ${(b / Math.max(1, a - d)).toFixed(2)}× Kysely without it`
      )
    }
  } finally {
    await k.close()
    await handle.close()
    await place.drop()
  }
}
