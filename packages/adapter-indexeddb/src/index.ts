/**
 * @houqin/adapter-indexeddb — Houqin's storage in the browser on IndexedDB through Dexie: the
 * core's storage port offline, with a versioned schema, atomic transactions, optimistic versions,
 * the hash-chained audit log. Export and import of changes for syncing with a server are in
 * `@houqin/adapter-indexeddb/sync` (a subpath of its own: it loads the core's registry of every
 * module's aggregates, which a front end that only stores need not bundle).
 *
 * @since 0.1.0
 */
export { deleteDatabase, isIndexedDbBackend, layer, make } from "./IndexedDb.ts"
export type { BulkRows, IDBFactoryLike, IDBKeyRangeLike, IndexedDbBackend, IndexedDbOptions } from "./IndexedDb.ts"
export type { LockManagerLike } from "./internal/locks.ts"
export * as Schema from "./Schema.ts"
export * from "./errors.ts"
