/**
 * Where the tests run: on fake-indexeddb in Node, on the browser's own IndexedDB in Chromium
 * (vitest browser mode). Every test file of the adapter runs in both.
 */
import type { Effect as EffectType } from "effect"
import { Effect, Exit, Scope } from "effect"
import { IDBKeyRange as FakeIDBKeyRange, indexedDB as fakeIndexedDB } from "fake-indexeddb"
import type { IndexedDbOptions } from "../src/index.ts"
import * as IndexedDb from "../src/index.ts"

export const inBrowser = typeof window !== "undefined" && typeof document !== "undefined"

export const engine = inBrowser ? "chromium" : "fake-indexeddb"

/** the injected IndexedDB of this environment */
export const injected: Pick<IndexedDbOptions, "indexedDB" | "IDBKeyRange"> = inBrowser
  ? { indexedDB: globalThis.indexedDB, IDBKeyRange: globalThis.IDBKeyRange }
  : { indexedDB: fakeIndexedDB, IDBKeyRange: FakeIDBKeyRange }

/** a database name no other test uses */
export const fresh = (prefix: string): string => `${prefix}-${crypto.randomUUID()}`

/** options of a fresh database */
export const options = (prefix: string, extra: Omit<IndexedDbOptions, "indexedDB" | "IDBKeyRange" | "name"> = {}): IndexedDbOptions =>
  ({ ...injected, name: fresh(prefix), ...extra })

/** opens a backend for a test file; `close` closes the database */
export const openBackend = async (o: IndexedDbOptions): Promise<{ readonly backend: IndexedDb.IndexedDbBackend; readonly close: () => Promise<void> }> => {
  const scope = Scope.makeUnsafe()
  const backend = await Effect.runPromise(Scope.provide(scope)(IndexedDb.make(o)))
  return { backend, close: () => Effect.runPromise(Scope.close(scope, Exit.void)) }
}

/** runs an effect and returns its failure, or fails the test when it succeeds */
export const failure = <E>(effect: EffectType.Effect<unknown, E>): Promise<E> =>
  Effect.runPromise(Effect.flip(effect))
