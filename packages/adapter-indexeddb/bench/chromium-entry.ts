/**
 * The benchmark's page script in Chromium (bundled by chromium.ts): the workload on the browser's
 * own IndexedDB.
 */
import { run } from "./workload.ts"

;(globalThis as { houqinBench?: (n: number) => Promise<unknown> }).houqinBench = (n: number) =>
  run({ indexedDB: globalThis.indexedDB, IDBKeyRange: globalThis.IDBKeyRange }, n)
