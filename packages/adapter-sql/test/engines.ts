/**
 * The engines the tests run against: SQLite in memory and in a file (its writes on a writer thread,
 * the default, and all on the main thread) always; PostgreSQL and MariaDB
 * when HOUQIN_PG_URL / HOUQIN_MYSQL_URL name a server (CI sets both; without them those suites
 * are skipped with a notice). Each server run works in a schema or database of its own, created
 * when the storage opens and dropped when it closes.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Ports } from "@houqin/core"
import { Errors } from "@houqin/core"
import { Effect, Layer } from "effect"
import mysql2 from "mysql2/promise"
import pg from "pg"
import type { SqlOptions } from "../src/SqlStorage.ts"
import * as SqlStorage from "../src/SqlStorage.ts"

export const pgUrl = process.env["HOUQIN_PG_URL"]
export const mysqlUrl = process.env["HOUQIN_MYSQL_URL"]

let noticed = false
const notice = () => {
  if (noticed) return
  noticed = true
  if (pgUrl === undefined) console.warn("[adapter-sql] HOUQIN_PG_URL is not set: the PostgreSQL suites are skipped (CI sets it)")
  if (mysqlUrl === undefined) console.warn("[adapter-sql] HOUQIN_MYSQL_URL is not set: the MariaDB suites are skipped (CI sets it)")
}

const unique = (prefix: string) => `${prefix}_${process.pid}_${Math.floor(Math.random() * 1e9).toString(36)}`

/** a scratch place for one storage: the options that reach it and how to remove it */
export interface Scratch {
  readonly options: SqlOptions
  readonly drop: () => Promise<void>
}

const withParam = (url: string, key: string, value: string) => `${url}${url.includes("?") ? "&" : "?"}${key}=${encodeURIComponent(value)}`

export interface Engine {
  readonly name: string
  /** whether the engine can run here */
  readonly available: boolean
  /** whether several connections can write at once (the servers, or a file opened twice) */
  readonly scratch: () => Promise<Scratch>
}

const sqliteMemory: Engine = {
  name: "sqlite (memory)",
  available: true,
  scratch: () => Promise.resolve({ options: { dialect: "sqlite", filename: ":memory:" }, drop: () => Promise.resolve() })
}

const fileEngine = (name: string, options: { readonly writerThread?: boolean }): Engine => ({
  name,
  available: true,
  scratch: () => {
    const dir = mkdtempSync(join(tmpdir(), "houqin-sql-"))
    return Promise.resolve({
      options: { dialect: "sqlite", filename: join(dir, "houqin.sqlite"), ...options },
      drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true }))
    })
  }
})

const sqliteFile = fileEngine("sqlite (file)", {})

/** a file with everything on the main thread (`writerThread: false`), as before the writer thread */
const sqliteFileOneThread = fileEngine("sqlite (file, one thread)", { writerThread: false })

const postgres: Engine = {
  name: "postgres",
  available: pgUrl !== undefined,
  scratch: async () => {
    const schema = unique("houqin_test")
    const admin = new pg.Client({ connectionString: pgUrl })
    await admin.connect()
    await admin.query(`CREATE SCHEMA "${schema}"`)
    await admin.end()
    return {
      options: { dialect: "postgres", url: withParam(pgUrl!, "options", `-c search_path=${schema}`), poolSize: 8 },
      drop: async () => {
        const a = new pg.Client({ connectionString: pgUrl })
        await a.connect()
        await a.query(`DROP SCHEMA "${schema}" CASCADE`)
        await a.end()
      }
    }
  }
}

const mariadb: Engine = {
  name: "mariadb",
  available: mysqlUrl !== undefined,
  scratch: async () => {
    const database = unique("houqin_test")
    const admin = await mysql2.createConnection({ uri: mysqlUrl! })
    await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin`)
    await admin.end()
    const url = new URL(mysqlUrl!)
    url.pathname = `/${database}`
    return {
      options: { dialect: "mysql", url: url.toString(), poolSize: 8 },
      drop: async () => {
        const a = await mysql2.createConnection({ uri: mysqlUrl! })
        await a.query(`DROP DATABASE \`${database}\``)
        await a.end()
      }
    }
  }
}

/** every engine, available or not */
export const engines: ReadonlyArray<Engine> = (notice(), [sqliteMemory, sqliteFile, sqliteFileOneThread, postgres, mariadb])

/** a storage layer on a fresh scratch place of an engine, removed when the layer is released */
export const layer = (engine: Engine, options: Partial<SqlOptions> = {}): Layer.Layer<Ports.Storage.Storage, Errors.StorageError> =>
  Layer.unwrap(
    Effect.map(
      Effect.acquireRelease(
        Effect.tryPromise({ try: () => engine.scratch(), catch: (e) => Errors.StorageError.create(e) }),
        (s) => Effect.promise(() => s.drop())
      ),
      (s) => SqlStorage.layer({ ...s.options, ...options } as SqlOptions)
    )
  )

/** opens a storage on a fresh scratch place (Promise API); `close` also removes the place */
export const open = async (engine: Engine, options: Partial<SqlOptions> = {}) => {
  const s = await engine.scratch()
  const handle = await SqlStorage.open({ ...s.options, ...options } as SqlOptions)
  return { ...handle, options: s.options, close: async () => {
    await handle.close()
    await s.drop()
  } }
}
