/**
 * Houqin's storage on IndexedDB, through Dexie: the core's `Storage` port in the browser, for front
 * ends that run the core offline (a kitchen tablet, a school clinic).
 *
 * ```ts
 * import { createHouqin } from "@houqin/core"
 * import * as IndexedDb from "@houqin/adapter-indexeddb"
 *
 * const houqin = createHouqin({ storage: IndexedDb.layer({ name: "houqin" }), writer: "tablet-7" })
 * ```
 *
 * IndexedDB is injected as Dexie takes it (`{ indexedDB, IDBKeyRange }`, the browser's own by
 * default), so the same code runs on `fake-indexeddb` in Node.
 *
 * @since 0.1.0
 */
import type { Ports } from "@houqin/core"
import { StorageError } from "@houqin/core/kernel"
import { Storage } from "@houqin/core/ports"
import type { Scope } from "effect"
import { Effect, Layer } from "effect"
import { Dexie } from "dexie"
import { backend, open } from "./internal/backend.ts"
import type { LockManagerLike } from "./internal/locks.ts"
import type { SchemaVersion } from "./Schema.ts"
import { versions as released } from "./Schema.ts"

/**
 * The IndexedDB factory, as Dexie takes it (`window.indexedDB`, or `fake-indexeddb`'s).
 *
 * @since 0.1.0
 * @category models
 */
export interface IDBFactoryLike {
  readonly open: (name: string, version?: number) => unknown
}

/**
 * The key-range constructor, as Dexie takes it (`window.IDBKeyRange`, or `fake-indexeddb`'s).
 *
 * @since 0.1.0
 * @category models
 */
export interface IDBKeyRangeLike {
  readonly bound: (...args: ReadonlyArray<never>) => unknown
  readonly lowerBound: (...args: ReadonlyArray<never>) => unknown
  readonly upperBound: (...args: ReadonlyArray<never>) => unknown
}

/**
 * Options of {@link make} and {@link layer}.
 *
 * @since 0.1.0
 * @category models
 */
export interface IndexedDbOptions {
  /** the database's name (default `"houqin"`); one database holds every school */
  readonly name?: string
  /** the IndexedDB factory (default: `globalThis.indexedDB`) */
  readonly indexedDB?: IDBFactoryLike
  /** the key-range constructor (default: `globalThis.IDBKeyRange`) */
  readonly IDBKeyRange?: IDBKeyRangeLike
  /**
   * the schema versions to open with (default: the released ones, {@link SchemaVersion}); an
   * application that stores aggregates of its own appends versions of its own after them
   */
  readonly versions?: ReadonlyArray<SchemaVersion>
  /**
   * the lock manager that serialises transactions across tabs (default: `navigator.locks` where
   * there is one); `false` serialises only within this backend, and a race between tabs is then
   * caught at commit by the version checks
   */
  readonly locks?: LockManagerLike | false
  /**
   * Chromium's durability of committed transactions (default `"strict"`: a command reported
   * done is on disk, also after a power cut; `"relaxed"` is faster and may lose the last writes
   * when the machine, not only the tab, goes down)
   */
  readonly durability?: "default" | "strict" | "relaxed"
}

/**
 * The rows of one bulk insert, kept for export by the hash its audit change records (the core's
 * `Ports.Storage.KeptBulkRows`).
 *
 * @since 0.1.0
 * @category models
 */
export type BulkRows = Ports.Storage.KeptBulkRows

/**
 * The IndexedDB backend: the core's `StorageBackend`, keeping the rows of its bulk inserts for
 * sync (`Ports.Storage.BulkRowKeeper`: every bulk insert a command of this database made or an
 * import brought, until `pruneBulk` forgets them).
 *
 * @since 0.1.0
 * @category models
 */
export interface IndexedDbBackend extends Ports.Storage.StorageBackend, Ports.Storage.BulkRowKeeper {
  readonly databaseName: string
  /** the latest schema version this code declares (an older release opens a newer database at its installed version) */
  readonly schemaVersion: number
}

/**
 * Whether a storage backend is an IndexedDB backend.
 *
 * @since 0.1.0
 * @category guards
 */
export const isIndexedDbBackend = (backend: Ports.Storage.StorageBackend): backend is IndexedDbBackend =>
  "databaseName" in backend && "schemaVersion" in backend && Storage.keepsBulkRows(backend)

type DexieKeyRange = { bound: (...args: Array<unknown>) => unknown; lowerBound: (...args: Array<unknown>) => unknown; upperBound: (...args: Array<unknown>) => unknown }

const globals = globalThis as { indexedDB?: IDBFactoryLike; IDBKeyRange?: IDBKeyRangeLike; navigator?: { locks?: LockManagerLike } }

/**
 * Opens (creating or upgrading) the database and gives its backend; the database is closed when
 * the scope ends. A database that cannot be opened — no IndexedDB, a newer schema left by a newer
 * version of the application, storage refused — fails with a `StorageError`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: IndexedDbOptions = {}): Effect.Effect<IndexedDbBackend, StorageError, Scope.Scope> =>
  Effect.gen(function*() {
    const indexedDB = options.indexedDB ?? globals.indexedDB
    const IDBKeyRange = options.IDBKeyRange ?? globals.IDBKeyRange
    if (indexedDB === undefined || IDBKeyRange === undefined) {
      return yield* StorageError.create("no IndexedDB here: pass { indexedDB, IDBKeyRange } (in Node, from fake-indexeddb)")
    }
    const resolved = {
      name: options.name ?? "houqin",
      indexedDB: indexedDB as unknown as { open: (...args: Array<unknown>) => unknown },
      IDBKeyRange: IDBKeyRange as unknown as DexieKeyRange,
      versions: options.versions ?? released,
      locks: options.locks === false ? undefined : options.locks ?? globals.navigator?.locks,
      durability: options.durability ?? "strict"
    }
    if (resolved.versions.length === 0) return yield* StorageError.create("the schema has no version")
    const db = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () => open(resolved),
        catch: (e) => StorageError.create(e)
      }),
      (db) => Effect.sync(() => db.close())
    )
    return backend(db, resolved) satisfies IndexedDbBackend
  })

/**
 * The IndexedDB backend as the core's `Storage` layer:
 * `createHouqin({ storage: IndexedDb.layer({ name: "houqin" }) })`, or
 * `Layers.layer(IndexedDb.layer(...))` for Effect users.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: IndexedDbOptions = {}): Layer.Layer<Storage.Storage, StorageError> =>
  Layer.effect(Storage.Storage, make(options))

/**
 * Deletes a database and everything in it (a device handed over, a test's clean-up). Fails
 * with a `StorageError` while another connection keeps it open.
 *
 * @since 0.1.0
 * @category constructors
 */
export const deleteDatabase = (options: Pick<IndexedDbOptions, "name" | "indexedDB" | "IDBKeyRange"> = {}): Effect.Effect<void, StorageError> =>
  Effect.tryPromise({
    try: () => {
      const indexedDB = options.indexedDB ?? globals.indexedDB
      const IDBKeyRange = options.IDBKeyRange ?? globals.IDBKeyRange
      return new Dexie(options.name ?? "houqin", {
        ...(indexedDB === undefined ? {} : { indexedDB: indexedDB as unknown as { open: (...args: Array<unknown>) => unknown } }),
        ...(IDBKeyRange === undefined ? {} : { IDBKeyRange: IDBKeyRange as unknown as DexieKeyRange })
      }).delete()
    },
    catch: (e) => StorageError.create(e)
  })
