/**
 * IndexedDB benchmark on fake-indexeddb in Node: 100,000 temperature readings written in one bulk
 * insert and read back, the queries a front end makes of them, and readings through the
 * `recordReadings` command (see workload.ts). `chromium.ts` runs the same workload on Chromium's
 * own IndexedDB.
 *
 *   pnpm --filter @houqin/adapter-indexeddb bench            # all benchmarks
 *   node --conditions=@houqin/source --expose-gc bench/bulk.bench.ts [rows=100000]
 */
import { IDBKeyRange, indexedDB } from "fake-indexeddb"
import { run, table } from "./workload.ts"

const n = Number(process.argv[2] ?? 100_000)
const gc = (globalThis as { gc?: () => void }).gc
gc?.()
const heap0 = process.memoryUsage().heapUsed
const measures = await run({ indexedDB, IDBKeyRange }, n)
console.log(`fake-indexeddb ${process.versions.node === undefined ? "" : `(Node ${process.versions.node})`}, ${n.toLocaleString("en")} readings`)
console.log(table(measures))
console.log(`heap after: ${((process.memoryUsage().heapUsed - heap0) / 2 ** 20).toFixed(0)} MiB above the start (fake-indexeddb keeps the data in memory)`)
