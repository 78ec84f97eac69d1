/**
 * Appends the next schema version when the core registers an aggregate or a projected field that
 * the released versions do not store yet (`pnpm --filter @houqin/adapter-indexeddb schema`), or
 * only reports the difference (`--check`, exit code 1 when a version is due).
 *
 *   pnpm --filter @houqin/adapter-indexeddb schema -- "canteen: suppliers, purchases, stock"
 */
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import { missing, nextVersion, versions } from "../src/Schema.ts"
import type { SchemaVersion } from "../src/Schema.ts"
import { registered } from "../src/Specs.ts"

const args = process.argv.slice(2).filter((a) => a !== "--")
const check = args.includes("--check")
const note = args.filter((a) => !a.startsWith("--")).join(" ")

const specs = await Effect.runPromise(registered)
const { stores, problems } = missing(specs)
if (problems.length > 0) {
  for (const p of problems) console.error(`problem: ${p}`)
  process.exit(1)
}
if (Object.keys(stores).length === 0) {
  console.log(`schema: version ${versions[versions.length - 1]?.version ?? 0} stores every registered aggregate (${specs.length})`)
  process.exit(0)
}
if (check) {
  console.error("schema: the released versions do not store these yet — run `pnpm --filter @houqin/adapter-indexeddb schema`:")
  for (const [table, def] of Object.entries(stores)) console.error(`  ${table}: ${def}`)
  process.exit(1)
}
const next = nextVersion(specs, note || "stores of newly registered aggregates and fields")!
const all: ReadonlyArray<SchemaVersion> = [...versions, next]
const literal = (v: SchemaVersion) =>
  [
    "  {",
    `    version: ${v.version},`,
    `    note: ${JSON.stringify(v.note)},`,
    "    stores: {",
    Object.entries(v.stores).map(([t, d]) => `      ${t}: ${JSON.stringify(d)}`).join(",\n"),
    "    }",
    "  }"
  ].join("\n")
const text = `/**
 * The released schema versions (written by \`pnpm --filter @houqin/adapter-indexeddb schema\`;
 * a released version is never edited, the next one is appended).
 *
 * @since 0.1.0
 */
import type { SchemaVersion } from "./Schema.ts"

/**
 * @since 0.1.0
 * @category versions
 */
export const versions: ReadonlyArray<SchemaVersion> = [
${all.map(literal).join(",\n")}
]
`
writeFileSync(join(import.meta.dirname, "..", "src", "versions.ts"), text)
console.log(`schema: appended version ${next.version} (${Object.keys(next.stores).join(", ")})`)
