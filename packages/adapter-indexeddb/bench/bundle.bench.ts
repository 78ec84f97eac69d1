/**
 * Bundle sizes a front end pays: what esbuild (minified, for browsers, tree-shaken) makes of a few
 * typical entry points, with gzip and brotli sizes. Measures the built packages (`dist/`, as users
 * get them) when they are built, else their sources.
 *
 *   node --conditions=@houqin/source bench/bundle.bench.ts
 */
import { build } from "esbuild"
import { existsSync } from "node:fs"
import { join } from "node:path"
import { brotliCompressSync, gzipSync } from "node:zlib"

const here = import.meta.dirname
const built = existsSync(join(here, "..", "dist", "index.js")) && existsSync(join(here, "..", "..", "core", "dist", "index.js"))

const entries: ReadonlyArray<readonly [string, string]> = [
  ["dexie alone (reference)", `import { Dexie } from "dexie"; export const open = (n) => new Dexie(n)`],
  ["core: createHouqin on memory (reference)", `import { createHouqin } from "@houqin/core"; export const make = () => createHouqin()`],
  ["adapter: IndexedDb.layer (Effect users, with the core's port and effect)", `import * as IndexedDb from "@houqin/adapter-indexeddb"; export const storage = IndexedDb.layer({ name: "houqin" })`],
  [
    "front end: createHouqin on IndexedDB (every module)",
    `import { createHouqin } from "@houqin/core"; import * as IndexedDb from "@houqin/adapter-indexeddb"; export const make = () => createHouqin({ storage: IndexedDb.layer({ name: "houqin" }) })`
  ],
  [
    "front end + sync (export and import of changes)",
    `import { createHouqin } from "@houqin/core"; import * as IndexedDb from "@houqin/adapter-indexeddb"; export const make = () => createHouqin({ storage: IndexedDb.layer({ name: "houqin" }) }); export { exportChanges, importChanges } from "@houqin/adapter-indexeddb/sync"`
  ]
]

const kib = (n: number) => `${(n / 1024).toFixed(1).padStart(7)} KiB`
console.log(`bundle sizes (esbuild, minified, browser, ${built ? "the built dist/" : "sources: run `pnpm build` to measure dist/"})`)
console.log(`${"".padEnd(76)} ${"minified".padStart(11)} ${"gzip".padStart(11)} ${"brotli".padStart(11)}`)
for (const [what, contents] of entries) {
  const result = await build({
    stdin: { contents, resolveDir: here, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2023",
    minify: true,
    write: false,
    conditions: built ? [] : ["@houqin/source"],
    logLevel: "error"
  })
  const code = result.outputFiles[0]!.contents
  console.log(`${what.padEnd(76)} ${kib(code.length)} ${kib(gzipSync(code, { level: 9 }).length)} ${kib(brotliCompressSync(code).length)}`)
}
