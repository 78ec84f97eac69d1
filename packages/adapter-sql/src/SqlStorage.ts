/**
 * Houqin's storage on SQL: open a database, bring its schema to the latest migration, and hand
 * the core a storage backend.
 *
 * ```ts
 * // Promise API: a SQLite file (the embedded default), migrated on open
 * const houqin = createHouqin({ storage: SqlStorage.layer({ filename: "school.db" }) })
 *
 * // PostgreSQL / MariaDB
 * SqlStorage.layer({ dialect: "postgres", url: "postgres://houqin@db/houqin" })
 * SqlStorage.layer({ dialect: "mysql", url: "mysql://houqin@db/houqin" })
 *
 * // Effect API
 * const backend = yield* SqlStorage.make({ filename: "school.db" })      // scoped
 * program.pipe(Effect.provide(Layers.layer(SqlStorage.layer(options))))
 *
 * // migrations as one call (deploy scripts), or keep `migrate: true` (the default) on open
 * await SqlStorage.migrateToLatest({ dialect: "postgres", url })
 * ```
 *
 * @since 0.1.0
 */
import { Errors, Ports } from "@houqin/core"
import type { Scope } from "effect"
import { Effect, Layer } from "effect"
import type { Kysely } from "kysely"
import type { Database, SqlBackend } from "./Backend.ts"
import { makeBackend } from "./Backend.ts"
import type { Dialect, DialectName } from "./Dialect.ts"
import { mysql } from "./dialects/mysql.ts"
import type { MysqlOptions } from "./dialects/mysql.ts"
import { postgres } from "./dialects/postgres.ts"
import type { PostgresOptions } from "./dialects/postgres.ts"
import { sqlite } from "./dialects/sqlite.ts"
import type { SqliteOptions } from "./dialects/sqlite.ts"
import { kysely } from "./Kysely.ts"
import * as Migrations from "./Migrations.ts"
import type { MigrationDefinition } from "./Tables.ts"
import { schemaOf } from "./Tables.ts"

/**
 * Options shared by every dialect.
 *
 * @since 0.1.0
 * @category models
 */
export interface CommonOptions {
  /** run the migrations the database has not run yet when it opens (default `true`) */
  readonly migrate?: boolean
  /** the backend's name in diagnostics (default `sql:<dialect>`) */
  readonly name?: string
  /**
   * the migrations to run and whose schema the backend uses (default: the released ones). An
   * application with aggregates of its own appends its migrations to `Migrations.migrations`.
   */
  readonly migrations?: ReadonlyArray<MigrationDefinition>
  /**
   * keep the rows of every bulk insert in `houqin_bulk_rows` (default `false`), so that
   * `Sync.exportChanges` of `@houqin/adapter-indexeddb/sync` can send a chain with bulk inserts
   * to devices: a server that devices pull from turns this on. It costs writing each bulk row a
   * second time (as one JSON text per part of about a megabyte); `Sync.pruneExported` forgets
   * what the devices have.
   */
  readonly keepBulkRows?: boolean
}

/**
 * Options of a SQL storage: SQLite (the default), PostgreSQL or MariaDB.
 *
 * @since 0.1.0
 * @category models
 */
export type SqlOptions = (SqliteOptions | PostgresOptions | MysqlOptions) & CommonOptions

/**
 * The capability objects of the dialects, by name.
 *
 * @since 0.1.0
 * @category dialects
 */
export const dialects: { readonly [K in DialectName]: Dialect<never> } = { sqlite, postgres, mysql }

/**
 * An open SQL storage.
 *
 * @since 0.1.0
 * @category models
 */
export interface Handle {
  /** the storage backend (the port's `StorageBackend`) */
  readonly backend: SqlBackend
  /** the backend as a layer for `createHouqin({ storage })` or `Layers.layer(…)`; closing the runtime leaves the handle open */
  readonly layer: Layer.Layer<Ports.Storage.Storage>
  /** Kysely over the same connections, for queries of your own over Houqin's tables */
  readonly db: Kysely<Database>
  /** runs the migrations the database has not run yet; returns their names */
  readonly migrateToLatest: () => Promise<ReadonlyArray<string>>
  /** closes the connections this storage opened */
  readonly close: () => Promise<void>
}

/**
 * Opens a SQL storage (Promise API).
 *
 * @since 0.1.0
 * @category constructors
 */
export const open = async (options: SqlOptions = {}): Promise<Handle> => {
  const dialect = dialects[options.dialect ?? "sqlite"] as unknown as Dialect<SqlOptions>
  const pool = await dialect.open(options)
  const db = kysely(dialect, pool)
  const list = options.migrations ?? Migrations.migrations
  try {
    if (options.migrate !== false) await Migrations.toLatest(db, dialect, list)
  } catch (error) {
    await pool.close()
    throw error
  }
  let backend: SqlBackend
  try {
    backend = makeBackend({
      dialect,
      pool,
      db,
      schema: options.migrations === undefined ? Migrations.latest : schemaOf(list),
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(options.keepBulkRows === undefined ? {} : { keepBulkRows: options.keepBulkRows })
    })
  } catch (error) {
    await pool.close()
    throw error
  }
  let closed = false
  return {
    backend,
    layer: Layer.succeed(Ports.Storage.Storage, backend),
    db,
    migrateToLatest: () => Migrations.toLatest(db, dialect, list),
    close: async () => {
      if (closed) return
      closed = true
      await db.destroy()
      await pool.close()
    }
  }
}

/**
 * Opens a SQL storage for the life of a scope (Effect API); the connections close with it.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: SqlOptions = {}): Effect.Effect<SqlBackend, Errors.StorageError, Scope.Scope> =>
  Effect.map(
    Effect.acquireRelease(
      Effect.tryPromise({ try: () => open(options), catch: (e) => Errors.StorageError.create(e) }),
      (handle) => Effect.promise(() => handle.close())
    ),
    (handle) => handle.backend
  )

/**
 * A SQL storage as the core's `Storage` layer: opened (and migrated) when the layer is built,
 * closed when it is released.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: SqlOptions = {}): Layer.Layer<Ports.Storage.Storage, Errors.StorageError> =>
  Layer.effect(Ports.Storage.Storage, make(options))

/**
 * Brings a database to the latest migration and closes it again; returns the names of the
 * migrations it ran (none when it was up to date).
 *
 * @since 0.1.0
 * @category migrations
 */
export const migrateToLatest = async (options: SqlOptions = {}): Promise<ReadonlyArray<string>> => {
  const handle = await open({ ...options, migrate: false })
  try {
    return await handle.migrateToLatest()
  } finally {
    await handle.close()
  }
}
