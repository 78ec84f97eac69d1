/**
 * Bulk writes: 100,000 temperature readings of the retention module (`retention.reading`, 8
 * columns, a foreign key to the fridge) through
 *
 * - the fastest ordinary raw method of each engine (better-sqlite3: one transaction, one prepared
 *   INSERT reused; PostgreSQL: COPY FROM STDIN through pg-copy-streams; MariaDB: mysql2
 *   `execute()` of 1,000-row INSERTs), from the rows' plain JSON objects (so it also writes each
 *   row's JSON document);
 * - the same raw method from the domain rows (the import's starting point), each turned into a row
 *   by hand (the instant as ISO text; nothing checked, no audit): the import's part that is not
 *   the database's, at its least;
 * - the adapter's raw repository (`insert`, the bulk path, rows already encoded);
 * - the adapter's bulk import with its audit entry: the same domain rows written by the
 *   repository's `insertMany` in a command (each row encoded through its schema, the unit of work,
 *   the bulk path, one audit entry with the rows' count and SHA-256) — what the raw method's rows
 *   cost once they are valid;
 * - the module's bulk command, `Retention.recordReadings`, whole: decoding and checking the
 *   input, the fridge check, ids, encoding each row, the unit of work, the bulk path, and one audit
 *   entry with the rows' count and SHA-256 (for the input and for the rows written);
 * - Kysely's own `insertInto().values()` in 1,000-row chunks, for reference.
 *
 * Best of five runs each, on a table emptied before every run.
 *
 *   HOUQIN_PG_URL=… HOUQIN_MYSQL_URL=… node --conditions=@houqin/source bench/bulk.bench.ts
 */
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { Decode, Id, Json, Layers, Ports, Retention } from "@houqin/core"
import Database from "better-sqlite3"
import { Effect, Layer, ManagedRuntime, Result, Schema } from "effect"
import type { Reading } from "./setup.ts"
import { Kysely, MysqlDialect, PostgresDialect, sql, SqliteDialect } from "kysely"
import mysql2 from "mysql2/promise"
import pg from "pg"
import { from as copyFrom } from "pg-copy-streams"
import * as SqlStorage from "../src/SqlStorage.ts"
import type { Place } from "./setup.ts"
import { best, columns, encodeFridge, encodeReading, fmt, fridges, places, rate, readingInputs, readings, table } from "./setup.ts"

const N = Number(process.env["HOUQIN_BENCH_ROWS"] ?? 100_000)
const RUNS = 5

/** a reading's encoded form (what a raw-driver user holds: plain JSON) as the table's values */
type Encoded = ReturnType<typeof encodeReading>
const values = (r: Encoded, instant: (iso: string) => unknown): Array<unknown> => [
  r.schoolId, r.id, r.version, JSON.stringify(r), r.fridgeId, instant(r.at), r.celsius, r.recordedBy ?? null
]

const copyText = (v: unknown): string => {
  if (v === null) return "\\N"
  if (typeof v === "number") return String(v)
  const s = v as string
  return /[\\\n\r\t]/.test(s) ? s.replace(/[\\\n\r\t]/g, (c) => (c === "\\" ? "\\\\" : c === "\n" ? "\\n" : c === "\r" ? "\\r" : "\\t")) : s
}

interface Raw {
  readonly method: string
  readonly write: (rows: ReadonlyArray<Encoded>) => Promise<void>
  readonly kysely: Kysely<Record<string, Record<string, unknown>>>
  readonly reset: () => Promise<void>
  readonly close: () => Promise<void>
}

const raw = async (place: Place): Promise<Raw> => {
  const o = place.options as { filename?: string; url?: string }
  switch (place.name) {
    case "sqlite (file)": {
      const db = new Database(o.filename)
      db.pragma("journal_mode = WAL")
      db.pragma("synchronous = FULL")
      db.pragma("foreign_keys = ON")
      const insert = db.prepare(`INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`)
      const all = db.transaction((rows: ReadonlyArray<Encoded>) => {
        for (const r of rows) insert.run(values(r, (iso) => iso))
      })
      const kdb = new Database(o.filename)
      kdb.pragma("foreign_keys = ON")
      return {
        method: "better-sqlite3: one transaction, one prepared INSERT reused",
        write: (rows) => Promise.resolve(all(rows)),
        kysely: new Kysely({ dialect: new SqliteDialect({ database: kdb }) }),
        reset: () => Promise.resolve(void db.exec(`DELETE FROM ${table}; DELETE FROM houqin_audit; DELETE FROM houqin_audit_chain`)),
        close: () => Promise.resolve(void (db.close(), kdb.close()))
      }
    }
    case "postgres": {
      const client = new pg.Client({ connectionString: o.url })
      await client.connect()
      const pool = new pg.Pool({ connectionString: o.url, max: 2 })
      return {
        method: "pg: COPY FROM STDIN (pg-copy-streams) in one transaction",
        write: async (rows) => {
          await client.query("BEGIN")
          const stream = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`))
          await pipeline(
            Readable.from((function*() {
              for (let i = 0; i < rows.length; i += 500) {
                let chunk = ""
                for (const r of rows.slice(i, i + 500)) chunk += values(r, (iso) => iso).map(copyText).join("\t") + "\n"
                yield chunk
              }
            })()),
            stream
          )
          await client.query("COMMIT")
        },
        kysely: new Kysely({ dialect: new PostgresDialect({ pool }) }),
        reset: async () => void (await client.query(`TRUNCATE ${table}, houqin_audit, houqin_audit_chain`)),
        close: async () => {
          await client.end()
          await pool.end()
        }
      }
    }
    default: {
      const conn = await mysql2.createConnection({ uri: o.url!, charset: "utf8mb4" })
      const pool = mysql2.createPool({ uri: o.url!, charset: "utf8mb4", connectionLimit: 2 })
      const head = `INSERT INTO ${table} (${columns.join(", ")}) VALUES `
      const tuple = `(${columns.map(() => "?").join(", ")})`
      const utc = (iso: string) => iso.replace("T", " ").replace("Z", "")
      return {
        method: "mysql2: execute() of 1,000-row INSERTs in one transaction",
        write: async (rows) => {
          await conn.beginTransaction()
          for (let i = 0; i < rows.length; i += 1000) {
            const part = rows.slice(i, i + 1000)
            await conn.execute(head + part.map(() => tuple).join(", "), part.flatMap((r) => values(r, utc)) as Array<string | number>)
          }
          await conn.commit()
        },
        kysely: new Kysely({ dialect: new MysqlDialect({ pool: pool.pool }) }),
        reset: async () => {
          for (const t of [table, "houqin_audit", "houqin_audit_chain"]) await conn.query(`TRUNCATE TABLE ${t}`)
        },
        close: async () => {
          await conn.end()
          await pool.end()
        }
      }
    }
  }
}

/**
 * a domain reading as a raw-driver user would write it without the schema: the instant turned
 * into ISO text by hand, nothing checked — what the import starts from, at the least cost
 */
const byHand = (r: Reading): Encoded => ({ ...r, at: new Date(r.at.epochMilliseconds).toISOString() })

// as the command decodes its input (Decode.decoder: the compiled path, Effect Schema's results)
const decodeReadings = Decode.decoder(Schema.Array(Retention.Commands.ReadingInput))
const decodeInput = (inputs: unknown) => Result.getOrThrow(decodeReadings(inputs))
// as the repository encodes each row
const encodeRow = Decode.encoder(Retention.Reading)

/** valid rows written as one audited bulk write, the core's part of an import past its input checks */
const importReadings = (rows: ReadonlyArray<Reading>) =>
  Ports.Command.make({
    name: "bench.importReadings",
    input: Schema.Struct({ ...Ports.Command.contextFields, source: Schema.String }),
    run: () => Retention.Storage.ReadingRepository.use((r) => r.insertMany(rows))
  })

console.log(`bulk write of ${fmt(N)} temperature readings (retention.reading: 8 columns, a foreign key), best of ${RUNS}`)
for (const where of places()) {
  const place = await where.make()
  const handle = await SqlStorage.open(place.options)
  const r = await raw(place)
  try {
    const schoolId = "school-bench"
    await Effect.runPromise(handle.backend.repository(Retention.Storage.FridgeSpec).insert(fridges(schoolId).map((f) => ({ value: f, encoded: encodeFridge(f) }))))
    const rows = readings(schoolId, N)
    const plain = rows.map((x) => encodeReading(x))
    const encoded = rows.map((x, i) => ({ value: x, encoded: plain[i]! }))
    const inputs = readingInputs(N)
    const repo = handle.backend.repository(Retention.Storage.ReadingSpec)
    const runtime = ManagedRuntime.make(Layer.mergeAll(Layers.layer(handle.layer), Id.layerSequential("bench")).pipe(Layer.orDie))
    // the same database through a second storage that keeps the rows of bulk inserts for sync
    const keeping = await SqlStorage.open({ ...place.options, keepBulkRows: true, migrate: false })
    const runtimeKeeping = ManagedRuntime.make(Layer.mergeAll(Layers.layer(keeping.layer), Id.layerSequential("bench")).pipe(Layer.orDie))
    const instant = (iso: string) => handle.backend.dialect.bind.instant(Date.parse(iso))
    const kyselyRows = plain.map((x) => Object.fromEntries(columns.map((c, i) => [c, values(x, instant)[i]])))
    const results: Record<string, number> = {}
    const measure = async (label: string, f: () => Promise<void>, reset: () => Promise<void> = r.reset) => {
      results[label] = Math.min(results[label] ?? Number.POSITIVE_INFINITY, await best(1, reset, f))
    }
    for (let run = 0; run < RUNS; run++) {
      await measure("raw", () => r.write(plain))
      await measure("rawDomain", () => r.write(rows.map(byHand)))
      await measure("adapter", () => Effect.runPromise(repo.insert(encoded)))
      await measure("import", () => runtime.runPromise(importReadings(rows)({ schoolId, actor: "logger-1", source: "logger.csv" })).then(() => undefined))
      await measure(
        "importKept",
        () => runtimeKeeping.runPromise(importReadings(rows)({ schoolId, actor: "logger-1", source: "logger.csv" })).then(() => undefined),
        async () => {
          await r.reset()
          await handle.db.deleteFrom("houqin_bulk_rows").execute()
        }
      )
      await measure("command", () =>
        runtime.runPromise(Retention.Commands.recordReadings({ schoolId, actor: "logger-1", readings: inputs })).then((written) => {
          if (written.length !== N) throw new Error(`the command wrote ${written.length} readings`)
        }))
      await measure("kysely", () =>
        r.kysely.transaction().execute(async (trx) => {
          for (let i = 0; i < kyselyRows.length; i += 1000) await trx.insertInto(table).values(kyselyRows.slice(i, i + 1000)).execute()
        }))
    }
    const stored = await handle.db.selectFrom(table).select(sql<number>`count(*)`.as("n")).executeTakeFirst()
    if (Number(stored?.n) !== N) throw new Error(`expected ${N} rows after the last run, found ${String(stored?.n)}`)
    // the core's share of the command: decoding and checking the input, encoding every row through
    // its schema, and the canonical JSON + SHA-256 of the input rows and of the rows written
    const decodeMs = await best(RUNS, () => Promise.resolve(), () => Promise.resolve(void decodeInput(inputs)))
    const encodeMs = await best(RUNS, () => Promise.resolve(), () => Promise.resolve(void rows.map((x) => Result.getOrThrow(encodeRow(x)))))
    const hashMs = await best(RUNS, () => Promise.resolve(), () => Effect.runPromise(Json.hashCanonical(plain)).then(() => undefined))
    const base = rate(N, results["raw"]!)
    console.log(`\n${place.name} — raw method: ${r.method}; adapter bulk path: ${handle.backend.dialect.bulkStrategy}`)
    for (
      const [label, name] of [
        ["raw", "raw driver"],
        ["rawDomain", "raw driver from the domain rows (instants by hand)"],
        ["adapter", "adapter raw repository insert (bulk path)"],
        ["import", "adapter bulk import, audit entry included"],
        ["importKept", "the same, keepBulkRows (rows kept for sync)"],
        ["command", "Retention.recordReadings (whole command, audited)"],
        ["kysely", "Kysely insertInto().values(), 1,000-row chunks"]
      ] as const
    ) {
      const ms = results[label]!
      console.log(`  ${name.padEnd(52)} ${fmt(Math.round(ms)).padStart(7)} ms  ${fmt(rate(N, ms)).padStart(9)} rows/s  ${(rate(N, ms) / base).toFixed(2)}× raw`)
    }
    console.log(`  of the command, in the core: decoding the input ~${fmt(Math.round(decodeMs))} ms, encoding the rows ~${fmt(Math.round(encodeMs))} ms, canonical JSON + SHA-256 of the rows ~${fmt(Math.round(hashMs))} ms (twice: input and rows)`)
    await runtime.dispose()
    await runtimeKeeping.dispose()
    await keeping.close()
  } finally {
    await r.close()
    await handle.close()
    await place.drop()
  }
}
