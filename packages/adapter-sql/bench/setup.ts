/**
 * What the benchmarks share: the retention module's temperature readings (`retention.reading`, a
 * real bulk aggregate: 8 columns — school_id, id, version, doc, fridge_id, at, celsius,
 * recorded_by — with a foreign key to the fridge), the fridges they name, and a scratch database
 * per engine (SQLite file; PostgreSQL and MariaDB when HOUQIN_PG_URL / HOUQIN_MYSQL_URL are set),
 * migrated by the released migrations.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Retention, Time } from "@houqin/core"
import { Schema } from "effect"
import mysql2 from "mysql2/promise"
import pg from "pg"
import type { SqlOptions } from "../src/SqlStorage.ts"

export type Reading = Retention.Reading
export type Fridge = Retention.Fridge
export const encodeReading = Schema.encodeSync(Retention.Reading)
export const encodeFridge = Schema.encodeSync(Retention.Fridge)
export const decodeReading = Schema.decodeUnknownSync(Retention.Reading)
export const table = "retention_reading"
export const columns = ["school_id", "id", "version", "doc", "fridge_id", "at", "celsius", "recorded_by"]

export const FRIDGES = 10
/** the fridges of a school: `fridge-00` … `fridge-09` */
export const fridges = (schoolId: string): Array<Fridge> =>
  Array.from({ length: FRIDGES }, (_, i) => ({
    schoolId,
    id: `fridge-${String(i).padStart(2, "0")}`,
    version: 1,
    name: `留样柜 ${i + 1}`,
    dedicated: true,
    active: true
  }) as Fridge)

export const START = Date.UTC(2026, 2, 1)
const QUARTER = 15 * 60_000

/** the command input of `n` readings: every fridge read every 15 minutes, as a logger uploads them */
export const readingInputs = (n: number): Array<{ fridgeId: string; at: string; celsius: number; recordedBy: string }> =>
  Array.from({ length: n }, (_, i) => ({
    fridgeId: `fridge-${String(i % FRIDGES).padStart(2, "0")}`,
    at: new Date(START + Math.floor(i / FRIDGES) * QUARTER).toISOString(),
    celsius: 2 + (i % 37) / 10,
    recordedBy: "logger-1"
  }))

/** `n` stored readings of a school, with the inputs' values */
export const readings = (schoolId: string, n: number, prefix = "reading"): Array<Reading> =>
  readingInputs(n).map((r, i) => ({
    schoolId,
    id: `${prefix}-${String(i).padStart(7, "0")}`,
    version: 1,
    fridgeId: r.fridgeId,
    at: Time.fromEpochMillis(Date.parse(r.at)),
    celsius: r.celsius,
    recordedBy: r.recordedBy
  }) as Reading)

export interface Place {
  readonly name: string
  readonly options: SqlOptions
  readonly drop: () => Promise<void>
}

const unique = (prefix: string) => `${prefix}_${process.pid}_${Date.now().toString(36)}`

/** the engines this machine offers; each makes its scratch database when asked, and drops it */
export const places = (): Array<{ readonly name: string; readonly make: () => Promise<Place> }> => {
  const out: Array<{ readonly name: string; readonly make: () => Promise<Place> }> = []
  out.push({
    name: "sqlite (file)",
    make: () => {
      const dir = mkdtempSync(join(tmpdir(), "houqin-bench-"))
      return Promise.resolve({
        name: "sqlite (file)",
        options: { dialect: "sqlite", filename: join(dir, "bench.sqlite") },
        drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true }))
      })
    }
  })
  const pgUrl = process.env["HOUQIN_PG_URL"]
  if (pgUrl === undefined) console.log("HOUQIN_PG_URL is not set: PostgreSQL is not measured")
  else {
    out.push({
      name: "postgres",
      make: async () => {
        const schema = unique("houqin_bench")
        const admin = new pg.Client({ connectionString: pgUrl })
        await admin.connect()
        await admin.query(`CREATE SCHEMA "${schema}"`)
        await admin.end()
        return {
          name: "postgres",
          options: { dialect: "postgres", url: `${pgUrl}${pgUrl.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}` },
          drop: async () => {
            const a = new pg.Client({ connectionString: pgUrl })
            await a.connect()
            await a.query(`DROP SCHEMA "${schema}" CASCADE`)
            await a.end()
          }
        }
      }
    })
  }
  const mysqlUrl = process.env["HOUQIN_MYSQL_URL"]
  if (mysqlUrl === undefined) console.log("HOUQIN_MYSQL_URL is not set: MariaDB is not measured")
  else {
    out.push({
      name: "mariadb",
      make: async () => {
        const database = unique("houqin_bench")
        const admin = await mysql2.createConnection({ uri: mysqlUrl })
        await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin`)
        await admin.end()
        const url = new URL(mysqlUrl)
        url.pathname = `/${database}`
        return {
          name: "mariadb",
          options: { dialect: "mysql", url: url.toString() },
          drop: async () => {
            const a = await mysql2.createConnection({ uri: mysqlUrl })
            await a.query(`DROP DATABASE \`${database}\``)
            await a.end()
          }
        }
      }
    })
  }
  return out
}

export const rate = (rows: number, ms: number) => Math.round(rows / (ms / 1000))
export const fmt = (n: number) => n.toLocaleString("en")

/** best of `times` runs of `f` (each after `reset`), in ms */
export const best = async (times: number, reset: () => Promise<void>, f: () => Promise<void>): Promise<number> => {
  let min = Number.POSITIVE_INFINITY
  for (let i = 0; i < times; i++) {
    await reset()
    const start = performance.now()
    await f()
    min = Math.min(min, performance.now() - start)
  }
  return min
}
